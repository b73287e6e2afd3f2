/**
 * Periodic clean-up: staff and resident sessions that have ended, residents' drafts untouched too long, signing requests past
 * their lifetime, rate-limit windows that are over, and uploads
 * never attached to a submission within 24 hours. Run as the job `housekeeping` (jobs/schedule.ts:
 * once per period across all servers); each statement is an idempotent DELETE, so a retry does no harm.
 */
import type { Knex } from 'knex';
import { isoTimestamp } from './db/connection.ts';
import { removeUnattachedUploads } from './attachments/service.ts';
import { removeExpiredSessions } from './auth/sessions.ts';
import { removeExpiredLimits } from './http/rate-limit.ts';
import { removeStaleDrafts } from './residents/drafts.ts';
import { removeEndedResidentSessions } from './residents/sessions.ts';
import { removeExpiredSigningRequests } from './signatures/requests.ts';

/** Resident limits: session idle minutes and days a draft is kept untouched. */
export interface ResidentRetention {
  idleMinutes: number;
  draftDays: number;
}

/** Definition previews last an hour (procedures/preview.ts). */
async function removeExpiredPreviews(db: Knex, now: Date): Promise<number> {
  return db('definition_previews').where('expires_at', '<', isoTimestamp(now)).delete();
}

const DEFAULT_RESIDENT: ResidentRetention = { idleMinutes: 30, draftDays: 30 };

export async function housekeeping(
  db: Knex,
  now = new Date(),
  idleMinutes?: number,
  resident: ResidentRetention = DEFAULT_RESIDENT,
): Promise<{
  sessions: number;
  limits: number;
  uploads: number;
  residentSessions: number;
  drafts: number;
  signingRequests: number;
  previews: number;
}> {
  return {
    sessions: await removeExpiredSessions(db, now, idleMinutes),
    limits: await removeExpiredLimits(db, now),
    uploads: await removeUnattachedUploads(db, now),
    residentSessions: await removeEndedResidentSessions(db, resident.idleMinutes, now),
    drafts: await removeStaleDrafts(db, resident.draftDays, now),
    signingRequests: await removeExpiredSigningRequests(db, now),
    previews: await removeExpiredPreviews(db, now),
  };
}
