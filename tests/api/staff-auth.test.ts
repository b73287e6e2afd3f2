/** Staff sign-in through HTTP: argon2id, lockout, HttpOnly SameSite cookie, CSRF, database sessions. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../server/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, syncDemoAccounts } from '../../server/auth/demo.ts';
import { call } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, TEST_PASSWORD } from '../helpers/staff.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await addStaff(server, 'clerk@koganei.example', 'clerk', 'kosodate-shien');
  await addStaff(server, 'locked@koganei.example', 'clerk', 'shimin');
});
afterAll(async () => {
  await server.close();
});

describe('staff sign-in', () => {
  it('stores an argon2id hash, never the password', async () => {
    const row = await server.testDb.db('staff_users').where('email', 'clerk@koganei.example').first();
    expect(row.password_hash).toMatch(/^\$argon2id\$/u);
    expect(JSON.stringify(row)).not.toContain(TEST_PASSWORD);
  });

  it('sets an HttpOnly, SameSite session cookie and gives a CSRF token; the session lives in the database', async () => {
    const res = await call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: 'CLERK@koganei.example', password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/iu);
    expect(cookie).toMatch(/SameSite=Lax/iu);
    expect(res.body.user).toMatchObject({ email: 'clerk@koganei.example', role: 'clerk', departmentId: 'kosodate-shien' });
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const [row] = await server.testDb.db('staff_sessions').count({ n: '*' });
    expect(Number(row?.n)).toBeGreaterThan(0);
    expect(JSON.stringify(await server.testDb.db('staff_sessions').select())).not.toContain(token);
  });

  it('does not tell a wrong password from an unknown e-mail', async () => {
    const wrong = await call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: 'clerk@koganei.example', password: 'nope nope nope' } });
    const unknown = await call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: 'who@koganei.example', password: 'nope nope nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error.message).toEqual(wrong.body.error.message);
  });

  it('locks the account after 5 failures in a row, even for the right password', async () => {
    const attempt = (password: string) => call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: 'locked@koganei.example', password } });
    const codes = [];
    for (let i = 0; i < 5; i += 1) codes.push((await attempt('wrong password!')).body.error.code);
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);
    const right = await attempt(TEST_PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('asks for both fields with per-field messages', async () => {
    const res = await call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: '' } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: any) => f.pointer)).toEqual(['/email', '/password']);
  });

  it('refuses a state-changing request without the CSRF token, and signs out with it', async () => {
    const session = await login(server, 'clerk@koganei.example');
    const noToken = await call(`${server.url}/api/staff/session`, { method: 'DELETE', headers: { Cookie: session.cookie } });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await asStaff(server, session, '/staff/session')).body.user.email).toBe('clerk@koganei.example');
    expect((await asStaff(server, session, '/staff/session', { method: 'DELETE' })).status).toBe(204);
    expect((await asStaff(server, session, '/staff/session')).body).toEqual({ user: null, csrfToken: null });
    expect((await asStaff(server, session, '/staff/submissions')).status).toBe(401);
  });

  it('records logins and failed logins in the audit log', async () => {
    const actions = (await server.testDb.db('audit_log').select('action')).map((r: any) => r.action);
    expect(actions).toContain('staff.login');
    expect(actions).toContain('staff.login_failed');
  });
});

describe('accounts', () => {
  // The command line as an operator runs it; asynchronously, so the test server keeps answering meanwhile.
  const staffAdd = async (...args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/staff-add.ts', ...args], { env: { ...process.env, ...server.testDb.env, APP_SECRET: 'x'.repeat(40) }, encoding: 'utf8' });
      return { code: 0, out: stdout };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, out: e.stderr };
    }
  };

  // Four runs of the command line: each starts Node and tsx, seconds apiece on a busy two-core machine.
  it('npm run staff:add creates an account that can sign in, and refuses bad input with a message', { timeout: 120_000 }, async () => {
    expect(await staffAdd('--email', 'sup@koganei.example', '--password', 'a long password 1', '--role', 'supervisor', '--department', 'kaigo-fukushi')).toEqual({ code: 0, out: 'created supervisor sup@koganei.example (kaigo-fukushi)\n' });
    const session = await login(server, 'sup@koganei.example', 'a long password 1');
    expect((await asStaff(server, session, '/staff/session')).body.user).toMatchObject({ role: 'supervisor', departmentId: 'kaigo-fukushi' });
    expect(await staffAdd('--email', 'x@koganei.example', '--password', 'a long password 1', '--role', 'clerk')).toMatchObject({ code: 1, out: expect.stringContaining('needs --department') });
    expect(await staffAdd('--email', 'y@koganei.example', '--password', 'short', '--role', 'dx')).toMatchObject({ code: 1, out: expect.stringContaining('at least 12 characters') });
    expect(await staffAdd('--email', 'sup@koganei.example', '--password', 'a long password 1', '--role', 'dx')).toMatchObject({ code: 1, out: expect.stringContaining('already exists') });
  });

  it('demo accounts, one per role, exist only in demo mode', async () => {
    const departments = server.catalog.departments().map((d) => d.id);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'demo-'));
    const logins = await syncDemoAccounts(server.testDb.db, true, departments, dataDir);
    const roles = (await server.testDb.db('staff_users').where('is_demo', true).select('role')).map((r: any) => r.role).sort();
    expect(roles).toEqual(['admin', 'clerk', 'dx', 'supervisor']);
    await login(server, logins[0]!.email, logins[0]!.password);
    await syncDemoAccounts(server.testDb.db, false, departments, dataDir);
    expect(await server.testDb.db('staff_users').where('is_demo', true)).toEqual([]);
  });

  it('demo passwords are made at first start, kept for the next start, and found nowhere in the source', async () => {
    const departments = server.catalog.departments().map((d) => d.id);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'demo-'));
    const first = await syncDemoAccounts(server.testDb.db, true, departments, dataDir);
    const again = await syncDemoAccounts(server.testDb.db, true, departments, dataDir);
    expect(again.map((l) => l.password)).toEqual(first.map((l) => l.password));
    expect(new Set(first.map((l) => l.password)).size).toBe(DEMO_ACCOUNTS.length);
    expect(statSync(path.join(dataDir, 'demo-logins.json')).mode & 0o077).toBe(0);
    const source = readFileSync(path.resolve(import.meta.dirname, '../../server/auth/demo.ts'), 'utf8');
    for (const l of first) expect(source).not.toContain(l.password);
    // Another installation (no logins file) gets passwords of its own, and the old ones stop working.
    const elsewhere = await syncDemoAccounts(server.testDb.db, true, departments, mkdtempSync(path.join(tmpdir(), 'demo-')));
    expect(elsewhere[0]!.password).not.toBe(first[0]!.password);
    expect((await call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: first[0]!.email, password: first[0]!.password } })).status).toBe(401);
    await syncDemoAccounts(server.testDb.db, false, departments, dataDir);
  });

  it('refuses to start in production with demo mode on', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'true', APP_SECRET: 'x'.repeat(40) })).toThrow(/DEMO_MODE/u);
    expect(() => loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40) })).not.toThrow();
  });
});
