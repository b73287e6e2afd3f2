/**
 * Every periodic job of the platform, declared once and given to the runner of the database:
 * pg-boss on PostgreSQL (several servers, one run per period), the in-process runner on SQLite.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { linkPending } from '../audit/audit-log.ts';
import { dialectOf } from '../db/connection.ts';
import { housekeeping } from '../housekeeping.ts';
import { MailSender } from '../notifications/sender.ts';
import type { PaymentEvents } from '../payments/events.ts';
import { PgBossRunner } from './pg-boss-runner.ts';
import { InProcessRunner, type JobDefinition, type JobRunner } from './runner.ts';

export interface JobSettings {
  DATABASE_URL?: string | undefined;
  SERVER_ID: string;
  SMTP_URL?: string | undefined;
  MAIL_FROM: string;
  SMTP_TIMEOUT_MS: number;
  MAIL_CLAIM_LEASE_SECONDS: number;
  OUTBOX_POLL_MS: number;
  STRIPE_SECRET_KEY?: string | undefined;
  PAYMENT_RECONCILE_SECONDS: number;
  STAFF_IDLE_MINUTES: number;
  RESIDENT_IDLE_MINUTES: number;
  RESIDENT_DRAFT_DAYS: number;
  HOUSEKEEPING_MINUTES: number;
}

/** The jobs themselves: the same code whichever runner runs them. */
export function periodicJobs(settings: JobSettings, db: Knex, logger: Logger, paymentEvents: PaymentEvents): JobDefinition[] {
  const jobs: JobDefinition[] = [];
  if (settings.SMTP_URL) {
    const sender = new MailSender(
      db,
      settings.SMTP_URL,
      settings.MAIL_FROM,
      logger,
      settings.SMTP_TIMEOUT_MS,
      settings.MAIL_CLAIM_LEASE_SECONDS * 1000,
    );
    jobs.push({
      name: 'mail-send',
      everySeconds: Math.max(1, Math.round(settings.OUTBOX_POLL_MS / 1000)),
      // Each mail has its own retries (sender.ts); the job fails only when the outbox cannot be read.
      retryLimit: 2,
      retryDelaySeconds: 5,
      expireSeconds: 15 * 60,
      run: async () => {
        // Drain what is due, 20 at a time, within this run.
        while ((await sender.tick(20)) === 20);
      },
    });
  }
  if (settings.STRIPE_SECRET_KEY) {
    jobs.push({
      name: 'payment-reconcile',
      everySeconds: settings.PAYMENT_RECONCILE_SECONDS,
      retryLimit: 3,
      retryDelaySeconds: 30,
      expireSeconds: 15 * 60,
      run: async () => {
        const n = await paymentEvents.reconcile();
        if (n.sessions + n.refunds > 0) logger.info(n, 'payments reconciled with Stripe');
      },
    });
  }
  jobs.push({
    name: 'housekeeping',
    everySeconds: settings.HOUSEKEEPING_MINUTES * 60,
    retryLimit: 3,
    retryDelaySeconds: 60,
    expireSeconds: 15 * 60,
    run: async () => {
      const n = await housekeeping(db, new Date(), settings.STAFF_IDLE_MINUTES, {
        idleMinutes: settings.RESIDENT_IDLE_MINUTES,
        draftDays: settings.RESIDENT_DRAFT_DAYS,
      });
      logger.debug(n, 'housekeeping done');
    },
  });
  if (dialectOf(db) === 'postgres') {
    // Entries a killed server committed but did not link (audit/audit-log.ts).
    jobs.push({
      name: 'audit-link',
      everySeconds: 30,
      retryLimit: 3,
      retryDelaySeconds: 10,
      expireSeconds: 5 * 60,
      run: () => linkPending(db),
    });
  }
  return jobs;
}

export function createJobRunner(settings: JobSettings, db: Knex, logger: Logger, paymentEvents: PaymentEvents): JobRunner {
  const runner: JobRunner =
    dialectOf(db) === 'postgres' && settings.DATABASE_URL
      ? new PgBossRunner(settings.DATABASE_URL, db, logger, settings.SERVER_ID)
      : new InProcessRunner(logger);
  for (const job of periodicJobs(settings, db, logger, paymentEvents)) runner.register(job);
  return runner;
}
