/** Staff sign-in through HTTP: argon2id, lockout, HttpOnly SameSite cookie, CSRF, database sessions. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../server/config.ts';
import { housekeeping } from '../../server/housekeeping.ts';
import { DatabaseRateLimitStore } from '../../server/http/rate-limit.ts';
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
    const res = await call(`${server.url}/api/staff/session`, {
      method: 'POST',
      json: { email: 'CLERK@koganei.example', password: TEST_PASSWORD },
    });
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
    const wrong = await call(`${server.url}/api/staff/session`, {
      method: 'POST',
      json: { email: 'clerk@koganei.example', password: 'nope nope nope' },
    });
    const unknown = await call(`${server.url}/api/staff/session`, {
      method: 'POST',
      json: { email: 'who@koganei.example', password: 'nope nope nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error.message).toEqual(wrong.body.error.message);
  });

  it('locks the account after 5 failures in a row, even for the right password, answering as for a wrong one', async () => {
    const attempt = (password: string) =>
      call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: 'locked@koganei.example', password } });
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push((await attempt('wrong password!')).body.error);
    expect(answers.map((a) => a.code)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    const right = await attempt(TEST_PASSWORD);
    expect(right.status).toBe(401);
    // No account enumeration: locked, wrong and unknown read the same.
    expect(right.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(right.body.error.message).toEqual(answers[0].message);
    const row = await server.testDb.db('staff_users').where('email', 'locked@koganei.example').first();
    expect(row.locked_until).toBeTruthy();
  });

  // 24 argon2 verifications (refusals take as long as checks): seconds on a busy two-core machine.
  it(
    'counts guesses sent at once atomically: of 24 in parallel, the right password among the last is refused',
    { timeout: 120_000 },
    async () => {
      await addStaff(server, 'burst@koganei.example', 'clerk', 'kosodate-shien');
      const guesses = Array.from({ length: 24 }, (_, i) => (i === 20 ? TEST_PASSWORD : `wrong guess ${i}`));
      const results = await Promise.all(
        guesses.map((password) =>
          call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: 'burst@koganei.example', password } }),
        ),
      );
      expect(results[20]!.status).toBe(401);
      expect(results.every((r) => r.status === 401)).toBe(true);
      const row = await server.testDb.db('staff_users').where('email', 'burst@koganei.example').first();
      expect(row.locked_until).toBeTruthy();
    },
  );

  it('tells the owner, after signing in, how many sign-ins failed since their last one', async () => {
    await addStaff(server, 'owner@koganei.example', 'clerk', 'kosodate-shien');
    const attempt = (password: string) =>
      call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: 'owner@koganei.example', password } });
    for (let i = 0; i < 3; i += 1) expect((await attempt('somebody guessing')).status).toBe(401);
    const first = await attempt(TEST_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body.failedAttempts).toBe(3);
    expect((await attempt(TEST_PASSWORD)).body.failedAttempts).toBe(0);
  });

  it('limits sign-in attempts per address, whatever the account', async () => {
    const limited = await startTestServer({ LOGIN_ATTEMPTS_PER_WINDOW: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push(
          (await call(`${limited.url}/api/staff/session`, { method: 'POST', json: { email: `nobody${i}@koganei.example`, password: 'x' } }))
            .status,
        );
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('ends a session after 30 minutes unused, as well as at its absolute limit', async () => {
    const session = await login(server, 'clerk@koganei.example');
    expect((await asStaff(server, session, '/staff/session')).body.user.email).toBe('clerk@koganei.example');
    const db = server.testDb.db;
    const [row] = await db('staff_sessions').where('user_id', session.userId).orderBy('created_at', 'desc').limit(1);
    await db('staff_sessions')
      .where('id', row.id)
      .update({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() });
    expect((await asStaff(server, session, '/staff/session')).body.user).toBeNull();
    expect(await db('staff_sessions').where('id', row.id)).toEqual([]);
  });

  it('housekeeping removes ended sessions and rate-limit windows that are over, and keeps the rest', async () => {
    const db = server.testDb.db;
    const live = await login(server, 'clerk@koganei.example');
    const old = new Date(Date.now() - 11 * 3_600_000).toISOString();
    await db('staff_sessions').insert({
      id: 'e'.repeat(64),
      user_id: live.userId,
      csrf_token: 'x',
      created_at: old,
      last_seen_at: old,
      expires_at: new Date(Date.now() - 3_600_000).toISOString(),
    });
    await db('rate_limits').insert([
      { key: 'test:over', hits: 3, window_start: old, expires_at: new Date(Date.now() - 1000).toISOString() },
      { key: 'test:running', hits: 3, window_start: new Date().toISOString(), expires_at: new Date(Date.now() + 60_000).toISOString() },
    ]);
    const removed = await housekeeping(db);
    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    expect(await db('staff_sessions').where('id', 'e'.repeat(64))).toEqual([]);
    expect((await db('rate_limits').whereIn('key', ['test:over', 'test:running'])).map((r: any) => r.key)).toEqual(['test:running']);
    expect((await asStaff(server, live, '/staff/session')).body.user.email).toBe('clerk@koganei.example');
  });

  it('the shared rate-limit store: every process counts against one total per key, and a window that is over starts again', async () => {
    const errors: unknown[] = [];
    const [one, two] = [0, 1].map(() => new DatabaseRateLimitStore(server.testDb.db, 'store-test:', (err) => errors.push(err)));
    for (const s of [one!, two!]) s.init({ windowMs: 60_000 } as never);
    const first = Array.from({ length: 20 }, () => one!.increment('203.0.113.7'));
    expect(first.map((h) => h.totalHits)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await one!.flush();
    const row = async () => Number((await server.testDb.db('rate_limits').where('key', 'store-test:203.0.113.7').first('hits')).hits);
    expect(await row()).toBe(20);
    // Another server process: its own hit, then after its flush it knows the shared total.
    expect(two!.increment('203.0.113.7').totalHits).toBe(1);
    await two!.flush();
    expect(await row()).toBe(21);
    expect(two!.get('203.0.113.7')!.totalHits).toBe(21);
    // Concurrent flushes from both add up exactly.
    for (let i = 0; i < 5; i += 1) {
      one!.increment('203.0.113.7');
      two!.increment('203.0.113.7');
    }
    await Promise.all([one!.flush(), two!.flush()]);
    expect(await row()).toBe(31);
    // A window that is over in the database starts again from this process's pending hits.
    await server.testDb
      .db('rate_limits')
      .where('key', 'store-test:203.0.113.7')
      .update({ expires_at: new Date(Date.now() - 1).toISOString() });
    one!.increment('203.0.113.7');
    await one!.flush();
    expect(await row()).toBe(1);
    expect(one!.get('203.0.113.7')!.totalHits).toBe(1);
    expect(errors).toEqual([]);
  });

  it('the shared rate-limit store: a hit decided while a flush is under way still counts the hits being written, and a failed flush keeps them', async () => {
    const errors: unknown[] = [];
    const store = new DatabaseRateLimitStore(server.testDb.db, 'inflight-test:', (err) => errors.push(err));
    store.init({ windowMs: 60_000 } as never);
    for (let i = 0; i < 4; i += 1) store.increment('198.51.100.9');
    const flushing = store.flush(); // the upsert is on its way to the database
    // The fifth request arrives before the upsert comes back: it is the fifth, not the first.
    expect(store.increment('198.51.100.9').totalHits).toBe(5);
    await flushing;
    expect(store.get('198.51.100.9')!.totalHits).toBe(5);
    await store.flush();
    const row = async () => Number((await server.testDb.db('rate_limits').where('key', 'inflight-test:198.51.100.9').first('hits')).hits);
    expect(await row()).toBe(5);
    // A flush the database refuses loses nothing: the hits are added by the next one.
    const broken = new DatabaseRateLimitStore(
      { transaction: () => Promise.reject(new Error('connection lost')) } as never,
      'inflight-test:',
      (err) => errors.push(err),
    );
    broken.init({ windowMs: 60_000 } as never);
    broken.increment('198.51.100.9');
    broken.increment('198.51.100.9');
    await expect(broken.flush()).rejects.toThrow('connection lost');
    expect(broken.get('198.51.100.9')!.totalHits).toBe(2);
    expect(errors).toEqual([]);
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
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/staff-add.ts', ...args], {
        env: { ...process.env, ...server.testDb.env, APP_SECRET: 'x'.repeat(40) },
        encoding: 'utf8',
      });
      return { code: 0, out: stdout };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, out: e.stderr };
    }
  };

  // Four runs of the command line: each starts Node and tsx, seconds apiece on a busy two-core machine.
  it('npm run staff:add creates an account that can sign in, and refuses bad input with a message', { timeout: 120_000 }, async () => {
    expect(
      await staffAdd(
        '--email',
        'sup@koganei.example',
        '--password',
        'a long password 1',
        '--role',
        'supervisor',
        '--department',
        'kaigo-fukushi',
      ),
    ).toEqual({ code: 0, out: 'created supervisor sup@koganei.example (kaigo-fukushi)\n' });
    const session = await login(server, 'sup@koganei.example', 'a long password 1');
    expect((await asStaff(server, session, '/staff/session')).body.user).toMatchObject({
      role: 'supervisor',
      departmentId: 'kaigo-fukushi',
    });
    expect(await staffAdd('--email', 'x@koganei.example', '--password', 'a long password 1', '--role', 'clerk')).toMatchObject({
      code: 1,
      out: expect.stringContaining('needs --department'),
    });
    expect(await staffAdd('--email', 'y@koganei.example', '--password', 'short', '--role', 'dx')).toMatchObject({
      code: 1,
      out: expect.stringContaining('at least 12 characters'),
    });
    expect(await staffAdd('--email', 'sup@koganei.example', '--password', 'a long password 1', '--role', 'dx')).toMatchObject({
      code: 1,
      out: expect.stringContaining('already exists'),
    });
  });

  it('demo accounts, one per role (and a clerk of 介護福祉課 for its signed procedure), exist only in demo mode', async () => {
    const departments = server.catalog.departments().map((d) => d.id);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'demo-'));
    const logins = await syncDemoAccounts(server.testDb.db, true, departments, dataDir);
    const accounts = (await server.testDb.db('staff_users').where('is_demo', true).select('role', 'department_id')).map(
      (r: any) => `${r.role}:${r.department_id ?? '-'}`,
    );
    expect(accounts.sort()).toEqual(['admin:-', 'clerk:kaigo-fukushi', 'clerk:kosodate-shien', 'dx:-', 'supervisor:kosodate-shien']);
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
    expect(
      (await call(`${server.url}/api/staff/session`, { method: 'POST', json: { email: first[0]!.email, password: first[0]!.password } }))
        .status,
    ).toBe(401);
    await syncDemoAccounts(server.testDb.db, false, departments, dataDir);
  });

  it('refuses to start in production with demo mode on', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'true', APP_SECRET: 'x'.repeat(40) })).toThrow(/DEMO_MODE/u);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        APP_SECRET: 'x'.repeat(40),
        CLAMD_URL: 'unix:/run/clamav/clamd.ctl',
        PUBLIC_BASE_URL: 'https://shinsei.city.koganei.example.jp',
      }),
    ).not.toThrow();
  });
});
