/** The signed-in staff member, or a redirect to the sign-in page; a failed check can be retried. */
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { ApiError } from '../api.ts';
import { useNavigateTo } from '../navigation.ts';
import type { Loadable } from '../use-procedure.ts';
import { homeOf, stagePage } from './landing.ts';
import { staffApi, type SignInStage, type StaffUser } from './staff-api.ts';

/**
 * `allow`: the sign-in stages the page serves (most pages: done only). A session at another stage
 * is taken to that stage's page first (the second factor, a password to change).
 */
export function useStaff(allow: readonly SignInStage[] = ['done']): Loadable<StaffUser> {
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
        const stage = u?.next ?? 'done';
        if (u && !allow.includes(stage)) navigate(stagePage(stage) ?? homeOf(u.role), { replace: true });
        else if (u) setState({ state: 'ready', value: u });
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
    // allow is a constant of each page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [navigate, location.pathname, location.search, attempt]);
  return state;
}
