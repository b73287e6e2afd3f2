/** The signed-in staff member, or a redirect to the sign-in page. */
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api.ts';
import { staffApi, type StaffUser } from './staff-api.ts';

export function useStaff(): StaffUser | null {
  const [user, setUser] = useState<StaffUser | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    staffApi.session().then(setUser, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) navigate(`/staff?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    });
  }, [navigate, location.pathname, location.search]);
  return user;
}
