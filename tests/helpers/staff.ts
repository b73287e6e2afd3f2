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
