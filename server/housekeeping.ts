/**
 * Periodic clean-up: staff sessions that have ended, rate-limit windows that are over, and uploads
 * never attached to a submission within 24 hours. Run as the job `housekeeping` (jobs/schedule.ts:
 * once per period across all servers); each statement is an idempotent DELETE, so a retry does no harm.
 */
import type { Knex } from 'knex';
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
