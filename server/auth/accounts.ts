/** Staff accounts: creation (CLI, demo), password checks with lockout. Passwords are argon2id hashes. */
import argon2 from 'argon2';
import type { Knex } from 'knex';
import { isoTimestamp, uniqueViolation } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts';
import { DEPARTMENT_ROLES, ROLES, type Role, type StaffUser } from './roles.ts';

export const MAX_FAILED_LOGINS = 5;
/** How long an account stays locked after too many failed sign-ins (it answers like a wrong password meanwhile). */
export const LOCK_MINUTES = 15;

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  password_hash: string;
  role: string;
  department_id: string | null;
  failed_logins: number;
  locked_until: unknown;
  disabled_at: unknown;
  totp_secret: string | null;
}

export function toStaffUser(row: Pick<UserRow, 'id' | 'email' | 'display_name' | 'role' | 'department_id'>): StaffUser {
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, departmentId: row.department_id };
}

export interface NewAccount {
  email: string;
  password: string;
  role: string;
  departmentId?: string | null;
  displayName?: string;
  isDemo?: boolean;
  /** Set by an admin: to be changed at the first sign-in. */
  mustChangePassword?: boolean;
}

/** An account the rules refuse; its message is shown by the CLI and in the API's 422. */
export class AccountRefused extends Error {}

/** Throws AccountRefused with a message for the CLI and the API when the account is not valid. */
export function checkNewAccount(account: NewAccount, departments: readonly string[]): void {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(account.email)) throw new AccountRefused(`not an e-mail address: ${account.email}`);
  if (account.password.length < MIN_PASSWORD_LENGTH)
    throw new AccountRefused(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  const weak = passwordProblem(account.password, account.email);
  if (weak) throw new AccountRefused(weak.en);
  if (!ROLES.includes(account.role as Role)) throw new AccountRefused(`role must be one of ${ROLES.join(', ')}`);
  const needsDepartment = DEPARTMENT_ROLES.includes(account.role as Role);
  if (needsDepartment && !account.departmentId)
    throw new AccountRefused(`a ${account.role} needs --department (one of ${departments.join(', ')})`);
  if (needsDepartment && !departments.includes(account.departmentId!))
    throw new AccountRefused(`unknown department "${account.departmentId}" (one of ${departments.join(', ')})`);
  if (!needsDepartment && account.departmentId) throw new AccountRefused(`a ${account.role} belongs to no department`);
}

export async function createAccount(db: Knex, account: NewAccount, departments: readonly string[]): Promise<StaffUser> {
  checkNewAccount(account, departments);
  const row = {
    email: account.email.toLowerCase(),
    display_name: account.displayName ?? account.email.split('@')[0]!,
    password_hash: await argon2.hash(account.password, { type: argon2.argon2id }),
    role: account.role,
    department_id: account.departmentId ?? null,
    is_demo: account.isDemo ?? false,
    must_change_password: account.mustChangePassword ?? false,
    created_at: isoTimestamp(new Date()),
  };
  try {
    const [inserted] = (await db('staff_users').insert(row).returning(['id'])) as { id: number }[];
    return toStaffUser({ ...row, id: inserted!.id });
  } catch (error) {
    if (uniqueViolation(error) !== null) throw new AccountRefused(`an account for ${row.email} already exists`);
    throw error;
  }
}

/** A hash to verify against when the e-mail is unknown or the account locked, so every refusal takes the same time. */
let dummyHash: Promise<string> | undefined;

async function refuse(password: string): Promise<never> {
  dummyHash ??= argon2.hash('not-a-password', { type: argon2.argon2id });
  await argon2.verify(await dummyHash, password);
  throw Errors.invalidCredentials();
}

export interface SignIn {
  user: StaffUser;
  /** Failed attempts on this account since its owner last signed in (told to the owner, then reset). */
  failedAttempts: number;
  /** The account has a second factor: the session waits for its code (verifyMfa). */
  hasSecondFactor: boolean;
}

/**
 * Reserves one attempt (password or second-factor code) on an account BEFORE it is checked, by
 * one atomic UPDATE: of many guesses sent at once, only the first MAX_FAILED_LOGINS are checked,
 * the rest are refused and lock the account for LOCK_MINUTES. Returns null when the account is
 * locked; otherwise `failed(lock)` to call when the attempt was wrong.
 */
export async function reserveAttempt(db: Knex, userId: number): Promise<{ attempt: number; sinceLogin: number } | null> {
  const now = isoTimestamp(new Date());
  const [reserved] = (await db('staff_users')
    .where('id', userId)
    .andWhere((q) => {
      void q.whereNull('locked_until').orWhere('locked_until', '<=', now);
    })
    .update({ failed_logins: db.raw('failed_logins + 1'), failed_since_login: db.raw('failed_since_login + 1') })
    .returning(['failed_logins', 'failed_since_login'])) as { failed_logins: number; failed_since_login: number }[];
  if (!reserved) {
    // Locked: still counted for the owner to learn of it.
    await db('staff_users')
      .where('id', userId)
      .update({ failed_since_login: db.raw('failed_since_login + 1') });
    return null;
  }
  const attempt = Number(reserved.failed_logins);
  if (attempt > MAX_FAILED_LOGINS) {
    await lockAccount(db, userId);
    return null;
  }
  return { attempt, sinceLogin: Number(reserved.failed_since_login) };
}

export const lockAccount = (db: Knex, userId: number) =>
  db('staff_users')
    .where('id', userId)
    .update({ failed_logins: 0, locked_until: isoTimestamp(new Date(Date.now() + LOCK_MINUTES * 60_000)) });

/** A reserved attempt that was right gives itself back (never below zero, should a lock have reset the count meanwhile). */
export const giveBackAttempt = (db: Knex) => ({
  failed_logins: db.raw('case when failed_logins > 0 then failed_logins - 1 else 0 end'),
  failed_since_login: db.raw('case when failed_since_login > 0 then failed_since_login - 1 else 0 end'),
});

/** A wrong answer to a reserved attempt: the last one allowed locks the account. */
export async function attemptFailed(db: Knex, userId: number, attempt: number): Promise<void> {
  if (attempt >= MAX_FAILED_LOGINS) await lockAccount(db, userId);
}

/** Fully signed in (password, and the second code when there is one): counting starts again. */
export async function signedIn(db: Knex, userId: number): Promise<void> {
  await db('staff_users')
    .where('id', userId)
    .update({ failed_logins: 0, locked_until: null, failed_since_login: 0, last_login_at: isoTimestamp(new Date()) });
}

/**
 * Checks a password. An unknown account, a wrong password, a locked and a disabled account get
 * the same answer (401 INVALID_CREDENTIALS) in the same time. With a second factor, the right
 * password only gives back its own reserved attempt: the count goes on through the codes and
 * starts again once the code is right (so signing in again does not buy more code guesses).
 */
export async function checkPassword(db: Knex, email: string, password: string): Promise<SignIn> {
  const row = (await db('staff_users').where('email', email.toLowerCase()).first()) as UserRow | undefined;
  if (!row || row.disabled_at) return refuse(password);
  const reserved = await reserveAttempt(db, row.id);
  if (!reserved) return refuse(password);
  if (!(await argon2.verify(row.password_hash, password))) {
    await attemptFailed(db, row.id, reserved.attempt);
    throw Errors.invalidCredentials();
  }
  const hasSecondFactor = row.totp_secret !== null;
  const failedAttempts = Math.max(0, reserved.sinceLogin - 1);
  if (hasSecondFactor) await db('staff_users').where('id', row.id).update(giveBackAttempt(db));
  // Signed in: this attempt was no failure; the owner is told of the others, and counting starts again.
  else await signedIn(db, row.id);
  return { user: toStaffUser(row), failedAttempts, hasSecondFactor };
}
