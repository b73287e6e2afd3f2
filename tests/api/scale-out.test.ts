/**
 * Several servers (issue 15). On PostgreSQL: three real server processes start together on one
 * empty database (migrations run once), behind Debian's nginx; a burst of submissions and staff
 * changes goes through the balancer while one server is killed with SIGKILL. Every acknowledged
 * submission is stored once, every mail reaches a real SMTP server once, the look-up budget holds
 * across servers, the audit chain verifies, and SIGTERM lets requests in flight finish.
 * On SQLite (one process by design): the same jobs run in the in-process runner of one real
 * server process, with the same results for mail, readiness and shutdown.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/audit/audit-log.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { createDb } from '../../server/db/connection.ts';
import { MIGRATIONS } from '../../migrations/index.ts';
import { startApp, startBalancer, stopApp, until, type AppProcess, type Balancer } from '../helpers/cluster.ts';
import { TEST_AUDIT_SECRET } from '../helpers/database.ts';
import { call, definition, submit } from '../helpers/http.ts';
import { startSmtp, subjectOf } from '../helpers/smtp.ts';

const PG = process.env.DATABASE_URL;
const PASSWORD = 'correct horse battery';
const dir = mkdtempSync(path.join(tmpdir(), 'koganei-scale-'));
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let db: Knex;
let dbUrl = '';
let dbName = '';

const baseEnv = (): Record<string, string> => ({
  APP_SECRET: 'test-secret-test-secret-test-secret-0123',
  AUDIT_SECRET: TEST_AUDIT_SECRET,
  AUDIT_CHECKPOINT_FILE: path.join(dir, 'checkpoints.jsonl'),
  SMTP_URL: smtp.url,
  OUTBOX_POLL_MS: '1000',
  MAIL_CLAIM_LEASE_SECONDS: '10',
  TRUST_PROXY: 'loopback',
  STAFF_MFA: 'optional',
  STATUS_LOOKUPS_PER_WINDOW: '30',
  SUBMISSIONS_PER_WINDOW: '100000',
  LOGIN_ATTEMPTS_PER_WINDOW: '100000',
  FORM_STARTS_PER_WINDOW: '100000',
  UPLOADS_PER_WINDOW: '100000',
  ...(PG ? { DATABASE_URL: dbUrl } : { SQLITE_PATH: path.join(dir, 'koganei.sqlite3') }),
});

beforeAll(async () => {
  smtp = await startSmtp();
  if (PG) {
    dbName = `kp_scale_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = knex({ client: 'pg', connection: PG, pool: { min: 0, max: 1 } });
    await admin.raw(`create database ${dbName}`);
    await admin.destroy();
    const url = new URL(PG);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
  }
});

afterAll(async () => {
  await db?.destroy();
  await smtp.close();
  if (PG) {
    const admin = knex({ client: 'pg', connection: PG, pool: { min: 0, max: 1 } });
    await admin.raw(`drop database if exists ${dbName} with (force)`);
    await admin.destroy();
  }
  rmSync(dir, { recursive: true, force: true });
});

/** 罹災証明書 (filed without sign-in: these servers run no identity provider), with a mail address for its receipt. */
const answers = () => {
  const a = structuredClone(definition('hisai-01').examples[0]) as { applicant: Record<string, unknown> };
  a.applicant.email = 'nakacho@example.jp';
  return a;
};

/** A submission as the browser makes it: one idempotency key, retried until acknowledged. */
async function fileUntilAcknowledged(base: string, key: string): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const res = await submit(base, 'hisai-01', answers(), { key }).catch(() => null);
    if (res?.status === 201) return res.body.referenceNumber as string;
    if (attempt >= 20) throw new Error(`not acknowledged: ${res?.status} ${JSON.stringify(res?.body)}`);
  }
}

async function signIn(base: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await call(`${base}/api/staff/session`, { method: 'POST', json: { email, password: PASSWORD } });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: res.body.csrfToken as string };
}

const asStaff = (base: string, s: { cookie: string; csrf: string }, p: string, init: RequestInit & { json?: unknown } = {}) =>
  call(`${base}/api${p}`, { ...init, headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf } });

/** Mails received for one reference number, by kind. */
const mailsAbout = (ref: string, kind: RegExp) =>
  smtp.received.filter((m) => subjectOf(m.raw).includes(ref) && kind.test(subjectOf(m.raw)));
const RECEIPT = /申請を受け付けました/u;
const IN_REVIEW = /「審査中」/u;

/** One POST whose headers the server has taken (it answered 100 Continue); the body is sent by `finish`. */
function heldSubmission(port: number): Promise<{ finish: () => Promise<number> }> {
  const body = JSON.stringify({ definitionVersion: definition('hisai-01').version, answers: answers() });
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/procedures/hisai-01/submissions',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        'Idempotency-Key': randomUUID(),
        Expect: '100-continue',
      },
    });
    const status = new Promise<number>((done, failed) => {
      req.once('response', (res) => {
        res.resume();
        res.once('end', () => done(res.statusCode ?? 0));
      });
      req.once('error', failed);
    });
    req.once('error', reject);
    req.once('continue', () =>
      resolve({
        finish: () => {
          req.end(body);
          return status;
        },
      }),
    );
    req.flushHeaders();
  });
}

/** Graceful shutdown: requests the server had begun when SIGTERM came are all answered (and stored), then it exits 0. */
async function sigtermWithRequestsInFlight(app: AppProcess): Promise<void> {
  const held = await Promise.all(Array.from({ length: 8 }, () => heldSubmission(app.port)));
  app.child.kill('SIGTERM');
  // New connections are refused once the server stops listening; the ones it began still finish.
  await until(
    async () =>
      await fetch(`http://127.0.0.1:${app.port}/healthz`).then(
        () => false,
        () => true,
      ),
    30_000,
    'the server to stop listening',
  );
  const statuses = await Promise.all(held.map((h) => h.finish()));
  expect(statuses).toEqual(Array(8).fill(201));
  expect(await app.exited).toBe(0);
}

if (PG) {
  describe('three servers on one PostgreSQL behind nginx', () => {
    let apps: AppProcess[] = [];
    let lb: Balancer;

    afterAll(async () => {
      await lb?.stop();
      for (const a of apps) if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill('SIGKILL');
      await Promise.all(apps.map((a) => a.exited));
    });

    it('start together on an empty database: the migrations run once', async () => {
      apps = await Promise.all(['app-1', 'app-2', 'app-3'].map((id) => startApp(baseEnv(), { id, timeoutMs: 120_000 })));
      db = createDb({ DATABASE_URL: dbUrl, SQLITE_PATH: '', SQLITE_DRIVER: 'better-sqlite3', AUDIT_KEY: TEST_AUDIT_SECRET });
      const rows = (await db('knex_migrations').select('name')) as { name: string }[];
      expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(MIGRATIONS).sort());
      lb = await startBalancer(apps.map((a) => a.port));
      const ready = await call(`${lb.url}/readyz`);
      expect(ready.body).toMatchObject({ status: 'ready', checks: { database: true, migrations: true, jobs: true } });
    }, 180_000);

    it('a burst with one server killed: every acknowledged submission stored once, every mail sent once, the chain verifies', async () => {
      await createAccount(db, { email: 'clerk@koganei.example', password: PASSWORD, role: 'clerk', departmentId: 'chiiki-anzen' }, [
        'chiiki-anzen',
      ]);
      const clerk = await signIn(lb.url, 'clerk@koganei.example');
      const N = 45;
      const keys = Array.from({ length: N }, () => randomUUID());
      const refs: string[] = [];
      const moved: Promise<void>[] = [];
      const review = async (ref: string) => {
        for (let attempt = 1; attempt <= 20; attempt += 1) {
          const res = await asStaff(lb.url, clerk, `/staff/submissions/${ref}/transitions`, {
            method: 'POST',
            json: { to: 'in_review' },
          }).catch(() => null);
          if (res?.status === 200) return;
          // An earlier attempt committed but its answer was lost with the server: the change is there.
          if (res?.status === 409 && (await db('submissions').where('reference_number', ref).first('status')).status === 'in_review')
            return;
        }
        throw new Error(`${ref} not moved`);
      };
      let next = 0;
      let killed = false;
      const worker = async () => {
        while (next < N) {
          const key = keys[next++]!;
          const ref = await fileUntilAcknowledged(lb.url, key);
          refs.push(ref);
          moved.push(review(ref));
          if (refs.length === 15 && !killed) {
            killed = true;
            apps[1]!.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
      await Promise.all(moved);
      expect(killed).toBe(true);
      expect(await apps[1]!.exited).toBe(null);

      // Stored exactly once: one row per key, and the acknowledged numbers are those rows.
      const stored = (await db('submissions').select('reference_number')) as { reference_number: string }[];
      expect(stored).toHaveLength(N);
      expect(new Set(refs).size).toBe(N);
      expect(new Set(stored.map((s) => s.reference_number))).toEqual(new Set(refs));

      // Every mail reaches the SMTP server exactly once (one killed mid-send waits for its lease, then another server sends it).
      await expect
        .poll(() => refs.filter((r) => mailsAbout(r, RECEIPT).length >= 1 && mailsAbout(r, IN_REVIEW).length >= 1).length, {
          timeout: 90_000,
          interval: 250,
        })
        .toBe(N);
      for (const r of refs) {
        expect(mailsAbout(r, RECEIPT)).toHaveLength(1);
        expect(mailsAbout(r, IN_REVIEW)).toHaveLength(1);
      }

      // The chain from three servers (one killed) is one line, every entry linked.
      await expect.poll(async () => Number((await db('audit_log').whereNull('seq').count({ n: '*' }))[0]!.n), { timeout: 60_000 }).toBe(0);
      const chain = await verifyAuditChain(db);
      expect(chain.ok).toBe(true);
      expect(chain.rows).toBeGreaterThanOrEqual(N + 1);
    }, 240_000);

    it('the look-up budget (30 per 15 minutes) holds across the servers: the 31st, on any server, is refused', async () => {
      const live = [apps[0]!, apps[2]!];
      const lookUp = (base: string, from: string) =>
        call(`${base}/api/submissions/status`, {
          method: 'POST',
          headers: { 'X-Forwarded-For': from },
          json: { referenceNumber: 'A3B4-C5D6-E7F', accessCode: 'WRONG-CODE-0000' },
        });
      const bases = [lb.url, ...live.map((a) => `http://127.0.0.1:${a.port}`)];
      const statuses: number[] = [];
      for (let i = 0; i < 30; i += 1) statuses.push((await lookUp(bases[i % bases.length]!, '198.51.100.7')).status);
      expect(statuses.every((s) => s !== 429)).toBe(true);
      for (const base of bases) expect((await lookUp(base, '198.51.100.7')).status).toBe(429);
      // Keyed on the resident's address (X-Forwarded-For from the trusted proxy): another resident is not refused.
      expect((await lookUp(lb.url, '198.51.100.8')).status).not.toBe(429);
    }, 60_000);

    it('failed jobs are listed for the admin (pg-boss, none failed)', async () => {
      await createAccount(db, { email: 'admin@koganei.example', password: PASSWORD, role: 'admin', departmentId: null }, []);
      const admin = await signIn(lb.url, 'admin@koganei.example');
      const res = await asStaff(lb.url, admin, '/staff/jobs/failed');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ runner: 'pg-boss', running: true, failed: [] });
    }, 30_000);

    it('SIGTERM: requests in flight are answered, then the server exits', async () => {
      await sigtermWithRequestsInFlight(apps[0]!);
    }, 60_000);
  });
} else {
  describe('one SQLite server: the same jobs in the in-process runner', () => {
    let app: AppProcess;

    afterAll(async () => {
      if (app && app.child.exitCode === null && app.child.signalCode === null) await stopApp(app);
    });

    it('sends every receipt and status mail once, lists failed jobs, is ready, and stops gracefully', async () => {
      app = await startApp(baseEnv(), { id: 'sqlite-1', timeoutMs: 120_000 });
      const base = `http://127.0.0.1:${app.port}`;
      expect((await call(`${base}/readyz`)).body).toMatchObject({ status: 'ready', checks: { jobs: true, migrations: true } });
      db = createDb({ SQLITE_PATH: path.join(dir, 'koganei.sqlite3'), SQLITE_DRIVER: 'better-sqlite3', AUDIT_KEY: TEST_AUDIT_SECRET });
      await createAccount(db, { email: 'clerk@koganei.example', password: PASSWORD, role: 'clerk', departmentId: 'chiiki-anzen' }, [
        'chiiki-anzen',
      ]);
      await createAccount(db, { email: 'admin@koganei.example', password: PASSWORD, role: 'admin', departmentId: null }, []);
      // The test's own connection is closed again: SQLite has one writer, the server.
      await db.destroy();
      const clerk = await signIn(base, 'clerk@koganei.example');
      const refs = await Promise.all(Array.from({ length: 10 }, () => fileUntilAcknowledged(base, randomUUID())));
      for (const r of refs)
        expect(
          (await asStaff(base, clerk, `/staff/submissions/${r}/transitions`, { method: 'POST', json: { to: 'in_review' } })).status,
        ).toBe(200);
      await expect
        .poll(() => refs.filter((r) => mailsAbout(r, RECEIPT).length >= 1 && mailsAbout(r, IN_REVIEW).length >= 1).length, {
          timeout: 60_000,
        })
        .toBe(refs.length);
      for (const r of refs) expect(mailsAbout(r, RECEIPT).length + mailsAbout(r, IN_REVIEW).length).toBe(2);
      const admin = await signIn(base, 'admin@koganei.example');
      expect((await asStaff(base, admin, '/staff/jobs/failed')).body).toMatchObject({ runner: 'in-process', running: true, failed: [] });
      await sigtermWithRequestsInFlight(app);
      db = createDb({ SQLITE_PATH: path.join(dir, 'koganei.sqlite3'), SQLITE_DRIVER: 'better-sqlite3', AUDIT_KEY: TEST_AUDIT_SECRET });
      expect((await verifyAuditChain(db)).ok).toBe(true);
      expect(Number((await db('submissions').count({ n: '*' }))[0]!.n)).toBe(refs.length + 8);
    }, 180_000);
  });
}
