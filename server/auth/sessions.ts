/**
 * Staff sessions in the database: the cookie holds a random token, the table its SHA-256, so a
 * leaked table cannot be replayed. Each session has its own CSRF token, its own idle limit, and
 * a state: `pending` (password given, the second code still owed), `enrol` (a second factor must
 * be set up first) or `done`. Guards (middleware.ts) let a session that is not done reach only
 * the second-factor routes and sign-out.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { isoTimestamp } from '../db/connection.ts';
import { toStaffUser } from './accounts.ts';
import type { StaffUser } from './roles.ts';

export const SESSION_COOKIE = 'koganei_staff';
/** Absolute limit of a session. */
export const SESSION_HOURS = 10;
/** A session unused this long ends (ASVS 3.3.2: idle timeout); STAFF_IDLE_MINUTES changes it. */
export const IDLE_MINUTES = 30;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_MS = 60_000;

export type MfaState = 'pending' | 'enrol' | 'done';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
  /** The row's id (SHA-256 of the cookie token). */
  id: string;
  mfaState: MfaState;
  mustChangePassword: boolean;
  hasSecondFactor: boolean;
}

export interface NewSession {
  mfaState: MfaState;
  idleMinutes?: number;
  userAgent?: string | null;
  address?: string | null;
}

export async function createSession(
  db: Knex,
  userId: number,
  options: NewSession,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
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
    mfa_state: options.mfaState,
    idle_minutes: options.idleMinutes ?? IDLE_MINUTES,
    handle: randomUUID(),
    user_agent: options.userAgent?.slice(0, 200) ?? null,
    address: options.address?.slice(0, 64) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

interface SessionRow {
  id: number;
  email: string;
  display_name: string;
  role: string;
  department_id: string | null;
  disabled_at: unknown;
  must_change_password: boolean | number;
  totp_secret: string | null;
  csrf_token: string;
  expires_at: unknown;
  last_seen_at: unknown;
  mfa_state: MfaState;
  idle_minutes: number;
}

export async function findSession(db: Knex, token: string): Promise<StaffSession | null> {
  const id = hashToken(token);
  const row = (await db('staff_sessions as s')
    .join('staff_users as u', 'u.id', 's.user_id')
    .select(
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.department_id',
      'u.disabled_at',
      'u.must_change_password',
      'u.totp_secret',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      's.mfa_state',
      's.idle_minutes',
    )
    .where('s.id', id)
    .first()) as SessionRow | undefined;
  if (!row) return null;
  const now = Date.now();
  const seen = new Date(isoTimestamp(row.last_seen_at)).getTime();
  const ended = new Date(isoTimestamp(row.expires_at)).getTime() <= now || seen + Number(row.idle_minutes) * 60_000 <= now;
  if (ended || row.disabled_at) {
    await db('staff_sessions').where('id', id).delete();
    return null;
  }
  if (now - seen > TOUCH_MS)
    await db('staff_sessions')
      .where('id', id)
      .update({ last_seen_at: isoTimestamp(new Date(now)) });
  return {
    user: toStaffUser(row),
    csrfToken: row.csrf_token,
    id,
    mfaState: row.mfa_state,
    mustChangePassword: Boolean(row.must_change_password),
    hasSecondFactor: row.totp_secret !== null,
  };
}

export async function deleteSession(db: Knex, token: string): Promise<void> {
  await db('staff_sessions').where('id', hashToken(token)).delete();
}

/** Ends every session of a user (disabled, rights changed, password reset), or all but one (own password change). */
export async function endSessionsOf(db: Knex | Knex.Transaction, userId: number, exceptId?: string): Promise<number> {
  const q = db('staff_sessions').where('user_id', userId);
  if (exceptId) void q.whereNot('id', exceptId);
  return q.delete();
}

export interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  address: string | null;
  current: boolean;
  /** False while the password was given and the second factor not yet: someone else may know the password. */
  signedIn: boolean;
}

export async function listSessions(db: Knex, userId: number, currentId: string): Promise<OwnSession[]> {
  const rows = (await db('staff_sessions')
    .where('user_id', userId)
    .select('id', 'handle', 'created_at', 'last_seen_at', 'user_agent', 'address', 'mfa_state')
    .orderBy('last_seen_at', 'desc')) as {
    id: string;
    handle: string;
    created_at: unknown;
    last_seen_at: unknown;
    user_agent: string | null;
    address: string | null;
    mfa_state: MfaState;
  }[];
  return rows.map((r) => ({
    id: r.handle,
    createdAt: isoTimestamp(r.created_at),
    lastSeenAt: isoTimestamp(r.last_seen_at),
    userAgent: r.user_agent,
    address: r.address,
    current: r.id === currentId,
    signedIn: r.mfa_state === 'done',
  }));
}

/** Ends one of the user's own sessions by its handle; false when there is no such session of theirs. */
export async function revokeSession(db: Knex, userId: number, handle: string): Promise<boolean> {
  return (await db('staff_sessions').where({ user_id: userId, handle }).delete()) > 0;
}

/** Removes sessions past their absolute limit or idle too long (housekeeping). */
export async function removeExpiredSessions(db: Knex, now = new Date(), idleMinutes = IDLE_MINUTES): Promise<number> {
  return db('staff_sessions')
    .where('expires_at', '<=', isoTimestamp(now))
    .orWhere('last_seen_at', '<=', isoTimestamp(new Date(now.getTime() - idleMinutes * 60_000)))
    .delete();
}
