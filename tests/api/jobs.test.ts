/**
 * Background jobs fail visibly: a job that throws is retried with back-off, and one that keeps
 * failing is listed for the admin (listFailedJobs), on pg-boss (PostgreSQL) and in the in-process
 * runner (SQLite) alike; the jobs survive in the queue's tables on PostgreSQL.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBossRunner } from '../../server/jobs/pg-boss-runner.ts';
import { InProcessRunner, type JobRunner } from '../../server/jobs/runner.ts';
import { call } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login } from '../helpers/staff.ts';

let server: TestServer;
let runner: JobRunner;
const attemptsOf = { flaky: [] as number[], broken: [] as number[] };

beforeAll(async () => {
  server = await startTestServer(
    {},
    {
      jobs: (testDb) => {
        const logger = pino({ level: 'silent' });
        runner =
          testDb.kind === 'postgres'
            ? new PgBossRunner(testDb.env.DATABASE_URL!, testDb.db, logger, 'test-1')
            : new InProcessRunner(logger);
        runner.register({
          name: 'test-flaky',
          everySeconds: 3600,
          retryLimit: 3,
          retryDelaySeconds: 1,
          expireSeconds: 60,
          run: async () => {
            attemptsOf.flaky.push(Date.now());
            if (attemptsOf.flaky.length < 2) throw new Error('the first attempt fails');
          },
        });
        runner.register({
          name: 'test-broken',
          everySeconds: 3600,
          retryLimit: 1,
          retryDelaySeconds: 1,
          expireSeconds: 60,
          run: async () => {
            attemptsOf.broken.push(Date.now());
            throw new Error('the mail server refused the login');
          },
        });
        return runner;
      },
    },
  );
  await runner.start();
}, 60_000);
afterAll(async () => {
  await runner?.stop(5_000);
  await server?.close();
});

describe('background jobs', () => {
  it('retry a failed run after a delay, and a run that then succeeds is not a failure', async () => {
    await expect.poll(() => attemptsOf.flaky.length, { timeout: 30_000, interval: 100 }).toBe(2);
    expect(attemptsOf.flaky[1]! - attemptsOf.flaky[0]!).toBeGreaterThanOrEqual(900); // retryDelaySeconds: 1
    await expect.poll(async () => (await runner.failed()).some((f) => f.name === 'test-broken'), { timeout: 30_000 }).toBe(true);
    expect((await runner.failed()).map((f) => f.name)).not.toContain('test-flaky');
  }, 60_000);

  it('list a job that failed after every retry for the admin, with its attempts and error; clerks cannot see the list', async () => {
    await expect.poll(async () => (await runner.failed()).some((f) => f.name === 'test-broken'), { timeout: 30_000 }).toBe(true);
    expect(attemptsOf.broken).toHaveLength(2); // the first run and one retry
    await addStaff(server, 'jobs-admin@koganei.example', 'admin');
    await addStaff(server, 'jobs-clerk@koganei.example', 'clerk', 'shimin');
    const admin = await login(server, 'jobs-admin@koganei.example');
    const res = await asStaff(server, admin, '/staff/jobs/failed');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      runner: server.testDb.kind === 'postgres' ? 'pg-boss' : 'in-process',
      running: true,
      failed: [
        {
          name: 'test-broken',
          attempts: 2,
          error: expect.stringContaining('the mail server refused the login'),
          failedAt: expect.any(String),
        },
      ],
    });
    const clerk = await login(server, 'jobs-clerk@koganei.example');
    expect((await asStaff(server, clerk, '/staff/jobs/failed')).status).toBe(403);
  }, 60_000);

  it('/readyz says ready while the job queue runs, and 503 UNAVAILABLE (naming the check) once it has stopped', async () => {
    const ready = await call(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { database: true, migrations: true, jobs: true, accepting: true } });
    await runner.stop(5_000);
    const stopped = await call(`${server.url}/readyz`);
    expect(stopped.status).toBe(503);
    expect(stopped.body).toMatchObject({ error: { code: 'UNAVAILABLE' }, checks: { database: true, jobs: false } });
    expect((await call(`${server.url}/healthz`)).status).toBe(200); // alive all the same
  }, 60_000);
});

describe('a periodic job offered by every server', () => {
  it('runs once a period: two servers on pg-boss make one job of the period between them (one process on SQLite)', async () => {
    const testDb = server.testDb;
    const logger = pino({ level: 'silent' });
    const runners: JobRunner[] =
      testDb.kind === 'postgres'
        ? ['server-a', 'server-b'].map((id) => new PgBossRunner(testDb.env.DATABASE_URL!, testDb.db, logger, id))
        : [new InProcessRunner(logger)];
    let runs = 0;
    for (const r of runners)
      r.register({
        name: 'test-once-a-period',
        everySeconds: 3600,
        retryLimit: 0,
        retryDelaySeconds: 1,
        expireSeconds: 60,
        run: async () => {
          runs += 1;
        },
      });
    try {
      await Promise.all(runners.map((r) => r.start()));
      await expect.poll(() => runs, { timeout: 30_000, interval: 100 }).toBe(1);
      if (testDb.kind === 'postgres') {
        // Both servers have offered this period's job: there is one, so it cannot run twice.
        const made = (await testDb.db.raw(`select count(*)::int as n from pgboss.job where name = 'test-once-a-period'`)) as {
          rows: { n: number }[];
        };
        expect(made.rows[0]!.n).toBe(1);
      }
    } finally {
      await Promise.all(runners.map((r) => r.stop(5_000)));
    }
    expect(runs).toBe(1);
  }, 60_000);
});
