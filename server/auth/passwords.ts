/**
 * Password changes: a member of staff's own (the current password, the policy of
 * password-policy.ts; every other session ends) and an admin's reset (a temporary password shown
 * once, to be changed at the next sign-in; every session ends and the lockout is lifted).
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/audit-log.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import { attemptFailed, giveBackAttempt, reserveAttempt } from './accounts.ts';
import { passwordProblem } from './password-policy.ts';
import { endSessionsOf } from './sessions.ts';

const hash = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export async function changeOwnPassword(
  db: Knex,
  who: { userId: number; sessionId: string; address: string | null },
  currentPassword: string,
  newPassword: string,
): Promise<{ endedSessions: number }> {
  const row = (await db('staff_users').where('id', who.userId).first('email', 'password_hash')) as { email: string; password_hash: string };
  // A wrong current password counts toward the lockout like a wrong sign-in.
  const reserved = await reserveAttempt(db, who.userId);
  if (!reserved || !(await argon2.verify(row.password_hash, currentPassword))) {
    if (reserved) await attemptFailed(db, who.userId, reserved.attempt);
    throw Errors.currentPasswordWrong();
  }
  await db('staff_users').where('id', who.userId).update(giveBackAttempt(db));
  const problem = passwordProblem(newPassword, row.email);
  if (problem) throw Errors.passwordRefused(problem.ja, problem.en);
  if (await argon2.verify(row.password_hash, newPassword))
    throw Errors.passwordRefused('今のパスワードとは違うものにしてください。', 'Choose a password different from the current one.');
  const passwordHash = await hash(newPassword);
  return db.transaction(async (trx) => {
    await trx('staff_users')
      .where('id', who.userId)
      .update({ password_hash: passwordHash, must_change_password: false, password_changed_at: isoTimestamp(new Date()) });
    const endedSessions = await endSessionsOf(trx, who.userId, who.sessionId);
    await appendAudit(trx, {
      actorType: 'staff',
      actorId: String(who.userId),
      action: 'staff.password_changed',
      target: String(who.userId),
      address: who.address,
      details: { endedSessions },
    });
    return { endedSessions };
  });
}

/** 16 characters of base64url (96 bits): for an admin to hand over, once. */
const temporaryPassword = () => randomBytes(12).toString('base64url');

export async function resetPassword(trx: Knex.Transaction, userId: number): Promise<string> {
  const password = temporaryPassword();
  await trx('staff_users')
    .where('id', userId)
    .update({
      password_hash: await hash(password),
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: isoTimestamp(new Date()),
    });
  await endSessionsOf(trx, userId);
  return password;
}
