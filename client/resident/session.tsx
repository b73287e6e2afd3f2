/**
 * The signed-in resident, if any: read once from GET /api/resident/session (the cookie is
 * HttpOnly; the page never sees it). The CSRF token is kept in memory only and sent with every
 * change (api.ts reads it from here). Signing out ends the session here and at the provider.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ResidentSessionView } from '../../shared/identity.ts';
import { request } from '../api.ts';

let csrfToken = '';
/** The session's CSRF token for requests that act as the signed-in resident ('' when signed out). */
export const residentCsrf = () => csrfToken;

interface ResidentContext {
  session: ResidentSessionView | null;
  signOut: () => Promise<void>;
}

const Context = createContext<ResidentContext>({ session: null, signOut: async () => undefined });

export function ResidentProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<ResidentSessionView | null>(null);
  useEffect(() => {
    request<ResidentSessionView>('/api/resident/session')
      .then((s) => {
        csrfToken = s.csrfToken ?? '';
        setSession(s);
      })
      .catch(() => setSession({ signedIn: false, available: false }));
  }, []);
  const signOut = useCallback(async () => {
    const result = await request<{ endSessionUrl: string | null }>('/api/resident/sign-out', {
      method: 'POST',
      body: '{}',
      headers: { 'X-CSRF-Token': csrfToken },
    });
    csrfToken = '';
    try {
      sessionStorage.clear(); // nothing of the resident's stays in this tab
    } catch {
      /* storage disabled */
    }
    window.location.assign(result.endSessionUrl ?? '/?signedOut=1');
  }, []);
  const value = useMemo(() => ({ session, signOut }), [session, signOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useResident = () => useContext(Context);

/** The address that starts signing in and comes back to `returnTo`. */
export const signInHref = (returnTo: string) => `/api/resident/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
