/**
 * Periodic clean-up: staff and resident sessions that have ended, residents' drafts untouched too long, rate-limit windows that are over, and uploads
 * never attached to a submission within 24 hours. Runs
 * in every server process; each statement is an idempotent DELETE, so several processes running it
 * at once do no harm.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { removeUnattachedUploads } from './attachments/service.ts';
import { removeExpiredSessions } from './auth/sessions.ts';
import { removeExpiredLimits } from './http/rate-limit.ts';
import { removeStaleDrafts } from './residents/drafts.ts';
import { removeEndedResidentSessions } from './residents/sessions.ts';

/** Resident limits: session idle minutes and days a draft is kept untouched. */
export interface ResidentRetention {
  idleMinutes: number;
  draftDays: number;
}

const DEFAULT_RESIDENT: ResidentRetention = { idleMinutes: 30, draftDays: 30 };

export async function housekeeping(
  db: Knex,
  now = new Date(),
  idleMinutes?: number,
  resident: ResidentRetention = DEFAULT_RESIDENT,
): Promise<{ sessions: number; limits: number; uploads: number; residentSessions: number; drafts: number }> {
  return {
    sessions: await removeExpiredSessions(db, now, idleMinutes),
    limits: await removeExpiredLimits(db, now),
    uploads: await removeUnattachedUploads(db, now),
    residentSessions: await removeEndedResidentSessions(db, resident.idleMinutes, now),
    drafts: await removeStaleDrafts(db, resident.draftDays, now),
  };
}

/** Runs housekeeping every `intervalMs`; returns a function that stops it. */
export function startHousekeeping(
  db: Knex,
  logger: Logger,
  idleMinutes: number,
  intervalMs = 10 * 60_000,
  resident: ResidentRetention = DEFAULT_RESIDENT,
): () => void {
  const timer = setInterval(() => {
    housekeeping(db, new Date(), idleMinutes, resident).catch((err: unknown) => logger.warn({ err }, 'housekeeping failed; will retry'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
