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
    const toLogin = () => navigate(`/staff?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    staffApi.session().then(
      (u) => (u ? setUser(u) : toLogin()),
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) toLogin();
      },
    );
  }, [navigate, location.pathname, location.search]);
  return user;
}
