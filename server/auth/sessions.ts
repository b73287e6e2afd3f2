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
export const SESSION_HOURS = 10;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
}

export async function createSession(db: Knex, userId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await db('staff_sessions').insert({ id: hashToken(token), user_id: userId, csrf_token: csrfToken, created_at: isoTimestamp(new Date()), expires_at: isoTimestamp(expiresAt) });
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Knex, token: string): Promise<StaffSession | null> {
  const row = (await db('staff_sessions as s')
    .join('staff_users as u', 'u.id', 's.user_id')
    .select('u.id', 'u.email', 'u.display_name', 'u.role', 'u.department_id', 's.csrf_token', 's.expires_at')
    .where('s.id', hashToken(token))
    .first()) as { id: number; email: string; display_name: string; role: string; department_id: string | null; csrf_token: string; expires_at: unknown } | undefined;
  if (!row || new Date(isoTimestamp(row.expires_at)) <= new Date()) return null;
  return { user: toStaffUser(row), csrfToken: row.csrf_token };
}

export async function deleteSession(db: Knex, token: string): Promise<void> {
  await db('staff_sessions').where('id', hashToken(token)).delete();
}
