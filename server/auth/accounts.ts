/** Staff accounts: creation (CLI, demo), password checks with lockout. Passwords are argon2id hashes. */
import argon2 from 'argon2';
import type { Knex } from 'knex';
import { isoTimestamp, uniqueViolation } from '../db/connection.ts';
import { Errors, LOCK_MINUTES } from '../errors.ts';
import { DEPARTMENT_ROLES, ROLES, type Role, type StaffUser } from './roles.ts';

export const MAX_FAILED_LOGINS = 5;
export const MIN_PASSWORD_LENGTH = 12;

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  password_hash: string;
  role: string;
  department_id: string | null;
  failed_logins: number;
  locked_until: unknown;
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
}

/** An account the rules refuse; its message is shown by the CLI and in the API's 422. */
export class AccountRefused extends Error {}

/** Throws AccountRefused with a message for the CLI and the API when the account is not valid. */
export function checkNewAccount(account: NewAccount, departments: readonly string[]): void {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(account.email)) throw new AccountRefused(`not an e-mail address: ${account.email}`);
  if (account.password.length < MIN_PASSWORD_LENGTH) throw new AccountRefused(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (!ROLES.includes(account.role as Role)) throw new AccountRefused(`role must be one of ${ROLES.join(', ')}`);
  const needsDepartment = DEPARTMENT_ROLES.includes(account.role as Role);
  if (needsDepartment && !account.departmentId) throw new AccountRefused(`a ${account.role} needs --department (one of ${departments.join(', ')})`);
  if (needsDepartment && !departments.includes(account.departmentId!)) throw new AccountRefused(`unknown department "${account.departmentId}" (one of ${departments.join(', ')})`);
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

/** A hash to verify against when the e-mail is unknown, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;

/** Checks a password; counts failures and locks the account after MAX_FAILED_LOGINS in a row. */
export async function checkPassword(db: Knex, email: string, password: string): Promise<StaffUser> {
  const row = (await db('staff_users').where('email', email.toLowerCase()).first()) as UserRow | undefined;
  if (!row) {
    dummyHash ??= argon2.hash('not-a-password', { type: argon2.argon2id });
    await argon2.verify(await dummyHash, password);
    throw Errors.invalidCredentials();
  }
  if (row.locked_until && new Date(String(isoTimestamp(row.locked_until))) > new Date()) throw Errors.accountLocked();
  if (!(await argon2.verify(row.password_hash, password))) {
    const failed = row.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS ? isoTimestamp(new Date(Date.now() + LOCK_MINUTES * 60_000)) : null;
    await db('staff_users').where('id', row.id).update({ failed_logins: lock ? 0 : failed, locked_until: lock });
    throw lock ? Errors.accountLocked() : Errors.invalidCredentials();
  }
  if (row.failed_logins > 0 || row.locked_until) await db('staff_users').where('id', row.id).update({ failed_logins: 0, locked_until: null });
  return toStaffUser(row);
}
