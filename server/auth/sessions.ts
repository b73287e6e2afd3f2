/**
 * Staff sessions in the database: the cookie holds a random token, the table its SHA-256, so a
 * leaked table cannot be replayed. Each session has its own CSRF token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { isoTimestamp } from '../db/connection.ts';
import { toStaffUser } from './accounts.ts';
import type { StaffUser } from './roles.ts';

export const SESSION_COOKIE = 'koganei_staff';
/** Absolute limit of a session. */
export const SESSION_HOURS = 10;
/** A session unused this long ends (ASVS 3.3.2: idle timeout). */
export const IDLE_MINUTES = 30;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
}

export async function createSession(db: Knex, userId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  const now = isoTimestamp(new Date());
  await db('staff_sessions').insert({
    id: hashToken(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: isoTimestamp(expiresAt),
  });
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Knex, token: string): Promise<StaffSession | null> {
  const row = (await db('staff_sessions as s')
    .join('staff_users as u', 'u.id', 's.user_id')
    .select('u.id', 'u.email', 'u.display_name', 'u.role', 'u.department_id', 's.csrf_token', 's.expires_at', 's.last_seen_at')
    .where('s.id', hashToken(token))
    .first()) as
    | {
        id: number;
        email: string;
        display_name: string;
        role: string;
        department_id: string | null;
        csrf_token: string;
        expires_at: unknown;
        last_seen_at: unknown;
      }
    | undefined;
  if (!row) return null;
  const now = Date.now();
  const seen = new Date(isoTimestamp(row.last_seen_at)).getTime();
  if (new Date(isoTimestamp(row.expires_at)).getTime() <= now || seen + IDLE_MINUTES * 60_000 <= now) {
    await db('staff_sessions').where('id', hashToken(token)).delete();
    return null;
  }
  if (now - seen > TOUCH_MS)
    await db('staff_sessions')
      .where('id', hashToken(token))
      .update({ last_seen_at: isoTimestamp(new Date(now)) });
  return { user: toStaffUser(row), csrfToken: row.csrf_token };
}

export async function deleteSession(db: Knex, token: string): Promise<void> {
  await db('staff_sessions').where('id', hashToken(token)).delete();
}

/** Removes sessions past their absolute limit or idle too long (housekeeping). */
export async function removeExpiredSessions(db: Knex, now = new Date()): Promise<number> {
  return db('staff_sessions')
    .where('expires_at', '<=', isoTimestamp(now))
    .orWhere('last_seen_at', '<=', isoTimestamp(new Date(now.getTime() - IDLE_MINUTES * 60_000)))
    .delete();
}
