/**
 * pg-boss (10.4, on the same PostgreSQL; decision 0016). Each periodic job is a queue; every
 * server offers one job per period with a throttle key (pg-boss keeps one per time slot, so
 * three servers make one run), any server's worker takes it, a failure is retried with back-off
 * and then kept as `failed` (listed for the admin). Jobs live in the database: they survive
 * restarts, and a server killed mid-run leaves its job to expire and be retried.
 */
import type { Knex } from 'knex';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { isoTimestamp } from '../db/connection.ts';
import type { FailedJob, JobDefinition, JobRunner } from './runner.ts';

export const SCHEMA = 'pgboss';
const QUEUE_SETUP_LOCK = 73_162_016;

export class PgBossRunner implements JobRunner {
  readonly kind = 'pg-boss' as const;
  private readonly jobs: JobDefinition[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private boss: PgBoss | null = null;
  private started = false;

  constructor(
    private readonly connectionString: string,
    private readonly db: Knex,
    private readonly logger: Logger,
    private readonly serverId: string,
  ) {}

  register(job: JobDefinition): void {
    this.jobs.push(job);
  }

  async start(): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.connectionString,
      schema: SCHEMA,
      max: 4,
      application_name: `koganei-jobs-${this.serverId}`,
    });
    boss.on('error', (err) => this.logger.warn({ err }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    // createQueue before send/work (pg-boss 10). Servers starting together would deadlock creating
    // the same queues: one at a time, under an advisory lock held by this server's own connection.
    await this.db.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(?)', [QUEUE_SETUP_LOCK]);
      for (const job of this.jobs) {
        if (await boss.getQueue(job.name)) continue;
        await boss.createQueue(job.name, {
          name: job.name,
          retryLimit: job.retryLimit,
          retryDelay: job.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: job.expireSeconds,
        });
      }
    });
    for (const job of this.jobs) {
      await boss.work(job.name, { pollingIntervalSeconds: Math.max(0.5, Math.min(2, job.everySeconds)) }, async () => {
        await job.run();
      });
    }
    this.started = true;
    const first: Promise<void>[] = [];
    for (const job of this.jobs) {
      const offer = async () => {
        if (!this.started) return;
        await boss
          .sendThrottled(job.name, {}, {}, job.everySeconds, job.name)
          .then(() => undefined)
          .catch((err: unknown) => this.logger.warn({ err, job: job.name }, 'job not offered; next period'));
      };
      first.push(offer());
      const timer = setInterval(() => void offer(), job.everySeconds * 1000);
      timer.unref();
      this.timers.push(timer);
    }
    // Started once this period's jobs are offered (or found offered by another server).
    await Promise.all(first);
  }

  async stop(timeoutMs = 30_000): Promise<void> {
    this.started = false;
    for (const t of this.timers.splice(0)) clearInterval(t);
    const boss = this.boss;
    this.boss = null;
    if (!boss) return;
    // Graceful: no new jobs are fetched, the runs in progress finish (or are failed back for a retry after timeoutMs).
    await boss.stop({ graceful: true, wait: true, timeout: timeoutMs }).catch((err: unknown) => {
      this.logger.warn({ err }, 'job queue did not stop cleanly');
    });
  }

  running(): boolean {
    return this.started;
  }

  async failed(limit = 50): Promise<FailedJob[]> {
    const exists = (await this.db.raw(`select to_regclass('${SCHEMA}.job') as t`)) as { rows: { t: string | null }[] };
    if (!exists.rows[0]?.t) return [];
    const result = (await this.db.raw(
      `select id, name, retry_count, completed_on,
              coalesce(output->>'message', output->'value'->>'message', output::text) as error
         from ${SCHEMA}.job where state = 'failed' order by completed_on desc limit ?`,
      [limit],
    )) as { rows: { id: string; name: string; retry_count: number; completed_on: unknown; error: string | null }[] };
    return result.rows.map((r) => ({
      id: String(r.id),
      name: r.name,
      attempts: Number(r.retry_count) + 1,
      failedAt: isoTimestamp(r.completed_on),
      error: (r.error ?? '').slice(0, 500),
    }));
  }
}
