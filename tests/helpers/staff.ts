/** Staff accounts and signed-in HTTP calls for API tests. */
import { createAccount } from '../../server/auth/accounts.ts';
import { call, type JsonResponse } from './http.ts';
import { startTestServer, type TestServer } from './server.ts';

export const TEST_PASSWORD = 'correct horse battery';

export interface StaffSession {
  cookie: string;
  csrf: string;
  userId: number;
}

export async function addStaff(server: TestServer, email: string, role: string, departmentId: string | null = null) {
  return createAccount(
    server.testDb.db,
    { email, password: TEST_PASSWORD, role, departmentId, displayName: email.split('@')[0] },
    server.catalog.departments().map((d) => d.id),
  );
}

export async function login(server: TestServer, email: string, password = TEST_PASSWORD): Promise<StaffSession> {
  const res = await call(`${server.url}/api/staff/session`, { method: 'POST', json: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, csrf: res.body.csrfToken, userId: res.body.user.id };
}

export function asStaff<T = any>(
  server: TestServer,
  session: StaffSession | null,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (session) {
    headers.Cookie = session.cookie;
    headers['X-CSRF-Token'] = session.csrf;
  }
  return call<T>(`${server.url}/api${path}`, { ...init, headers });
}

/** A test server with one signed-in clerk of 子育て支援課. */
export async function startWithClerk(env: Record<string, string> = {}): Promise<{ server: TestServer; clerk: StaffSession }> {
  const server = await startTestServer(env);
  await addStaff(server, 'clerk@koganei.example', 'clerk', 'kosodate-shien');
  return { server, clerk: await login(server, 'clerk@koganei.example') };
}

/** The code an authenticator app shows for `secret`, `steps` 30-second steps from now (RFC 6238, as the app computes it). */
export async function totp(secret: string, steps = 0): Promise<string> {
  const { generate } = await import('otplib');
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

const cookieOf = (res: { headers: Headers }) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

/**
 * Sets up the second factor for a signed-in session (allowed when STAFF_MFA is optional, or when
 * the session waits for enrolment): returns the secret, the recovery codes and the renewed session.
 */
export async function enrolSecondFactor(
  server: TestServer,
  session: StaffSession,
): Promise<{ secret: string; otpauthUri: string; recoveryCodes: string[]; session: StaffSession }> {
  const started = await asStaff(server, session, '/staff/mfa/enrolment', { method: 'POST' });
  if (started.status !== 201) throw new Error(`enrolment: ${started.status} ${JSON.stringify(started.body)}`);
  const secret = new URL(started.body.otpauthUri as string).searchParams.get('secret')!;
  const confirmed = await asStaff(server, session, '/staff/mfa/enrolment/confirmation', {
    method: 'POST',
    json: { code: await totp(secret) },
  });
  if (confirmed.status !== 200) throw new Error(`confirmation: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  const renewed = cookieOf(confirmed);
  return {
    secret,
    otpauthUri: started.body.otpauthUri,
    recoveryCodes: confirmed.body.recoveryCodes,
    session: { ...session, cookie: renewed || session.cookie, csrf: confirmed.body.csrfToken },
  };
}

/** The second step of sign-in with a code; returns the fully signed-in session. */
export async function verifyCode(server: TestServer, pending: StaffSession, code: string): Promise<StaffSession> {
  const res = await asStaff(server, pending, '/staff/mfa/verification', { method: 'POST', json: { code } });
  if (res.status !== 200) throw new Error(`verify: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...pending, cookie: cookieOf(res), csrf: res.body.csrfToken };
}
