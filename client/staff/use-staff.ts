/** The signed-in staff member, or a redirect to the sign-in page; a failed check can be retried. */
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { ApiError } from '../api.ts';
import { useNavigateTo } from '../navigation.ts';
import type { Loadable } from '../use-procedure.ts';
import { staffApi, type StaffUser } from './staff-api.ts';

export function useStaff(): Loadable<StaffUser> {
  const [state, setState] = useState<Loadable<StaffUser>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigateTo();
  const location = useLocation();
  useEffect(() => {
    let live = true;
    const toLogin = () => navigate(`/staff?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    const retry = () => {
      setState({ state: 'loading' });
      setAttempt((a) => a + 1);
    };
    staffApi.session().then(
      (u) => {
        if (!live) return;
        if (u) setState({ state: 'ready', value: u });
        else toLogin();
      },
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) toLogin();
        // Once signed in, a failed re-check keeps the page: its own requests report their failures.
        else setState((previous) => (previous.state === 'ready' ? previous : { state: 'error', error, retry }));
      },
    );
    return () => {
      live = false;
    };
  }, [navigate, location.pathname, location.search, attempt]);
  return state;
}
