/**
 * Periodic clean-up: staff sessions that have ended, rate-limit windows that are over, and uploads
 * never attached to a submission within 24 hours. Runs
 * in every server process; each statement is an idempotent DELETE, so several processes running it
 * at once do no harm.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { removeUnattachedUploads } from './attachments/service.ts';
import { removeExpiredSessions } from './auth/sessions.ts';
import { removeExpiredLimits } from './http/rate-limit.ts';

export async function housekeeping(
  db: Knex,
  now = new Date(),
  idleMinutes?: number,
): Promise<{ sessions: number; limits: number; uploads: number }> {
  return {
    sessions: await removeExpiredSessions(db, now, idleMinutes),
    limits: await removeExpiredLimits(db, now),
    uploads: await removeUnattachedUploads(db, now),
  };
}

/** Runs housekeeping every `intervalMs`; returns a function that stops it. */
export function startHousekeeping(db: Knex, logger: Logger, idleMinutes: number, intervalMs = 10 * 60_000): () => void {
  const timer = setInterval(() => {
    housekeeping(db, new Date(), idleMinutes).catch((err: unknown) => logger.warn({ err }, 'housekeeping failed; will retry'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
