/**
 * The staff second factor: TOTP (RFC 6238: SHA-1, 30 s, 6 digits) with otplib, and ten one-time
 * recovery codes. The secret is kept sealed (secret-box.ts, AES-256-GCM); a code is accepted once
 * only: the last accepted time step is stored and a code of that step or an earlier one is
 * refused, by one atomic UPDATE. Every code checked reserves an attempt on the same counter as
 * passwords (accounts.ts), so wrong codes lock the account like wrong passwords.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import { attemptFailed, reserveAttempt, signedIn } from './accounts.ts';
import type { StaffUser } from './roles.ts';
import { open, seal } from './secret-box.ts';

export const ISSUER = '小金井市 オンライン手続';
export const RECOVERY_CODES = 10;
/** One step either side of now: a phone's clock a little off still works. */
const TOLERANCE_SECONDS = 30;

const normalise = (code: string) => code.replace(/[\s-]/gu, '').toLowerCase();
const hashCode = (code: string) => createHash('sha256').update(normalise(code)).digest('hex');
/** 80 random bits, shown as five groups of four hexadecimal digits. */
const newRecoveryCode = () => randomBytes(10).toString('hex').match(/.{4}/gu)!.join('-');

interface FactorRow {
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | string | null;
}

export interface Enrolment {
  otpauthUri: string;
  /** The same secret as text (base32), for an app that cannot scan. */
  secret: string;
  /** The otpauth URI as a QR code (PNG data URL). */
  qrCode: string;
}

export class SecondFactor {
  constructor(
    private readonly db: Knex,
    private readonly key: Buffer,
  ) {}

  private async row(userId: number): Promise<FactorRow> {
    return (await this.db('staff_users').where('id', userId).first('totp_secret', 'totp_pending_secret', 'totp_last_step')) as FactorRow;
  }

  /** A new secret waiting for its first code (startMfaEnrollment); an earlier unconfirmed one is replaced. */
  async start(user: StaffUser): Promise<Enrolment> {
    if ((await this.row(user.id)).totp_secret !== null) throw Errors.mfaAlreadyEnrolled();
    const secret = generateSecret({ length: 20 });
    await this.db('staff_users')
      .where('id', user.id)
      .update({ totp_pending_secret: seal(this.key, secret) });
    const otpauthUri = generateURI({ issuer: ISSUER, label: user.email, secret, algorithm: 'sha1', digits: 6, period: 30 });
    const qrCode = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    return { otpauthUri, secret, qrCode };
  }

  /** The first code from the app turns the pending secret on and gives the recovery codes, shown once. */
  async confirm(userId: number, code: string): Promise<string[]> {
    const row = await this.row(userId);
    if (row.totp_secret !== null) throw Errors.mfaAlreadyEnrolled();
    if (row.totp_pending_secret === null) throw Errors.mfaNotStarted();
    const reserved = await reserveAttempt(this.db, userId);
    if (!reserved) throw Errors.mfaCodeInvalid();
    const step = await this.totpStep(open(this.key, row.totp_pending_secret), code);
    if (step === null) {
      await attemptFailed(this.db, userId, reserved.attempt);
      throw Errors.mfaCodeInvalid();
    }
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await this.db.transaction(async (trx) => {
      await trx('staff_users')
        .where('id', userId)
        .update({
          totp_secret: row.totp_pending_secret,
          totp_pending_secret: null,
          totp_last_step: step,
          mfa_enabled_at: isoTimestamp(new Date()),
          failed_logins: 0,
        });
      await trx('staff_recovery_codes').where('user_id', userId).delete();
      await trx('staff_recovery_codes').insert(codes.map((c) => ({ user_id: userId, code_hash: hashCode(c) })));
    });
    return codes;
  }

  /**
   * The second step of sign-in: a TOTP code (6 digits) or a recovery code. Wrong, replayed and
   * used codes are one answer (401 MFA_CODE_INVALID) and count toward the lockout.
   */
  async verify(userId: number, code: string): Promise<{ failedAttempts: number; usedRecoveryCode: boolean }> {
    const reserved = await reserveAttempt(this.db, userId);
    if (!reserved) throw Errors.mfaCodeInvalid();
    const isTotp = /^\d{6}$/u.test(normalise(code));
    const accepted = isTotp ? await this.acceptTotp(userId, code) : await this.acceptRecoveryCode(userId, code);
    if (!accepted) {
      await attemptFailed(this.db, userId, reserved.attempt);
      throw Errors.mfaCodeInvalid();
    }
    await signedIn(this.db, userId);
    return { failedAttempts: Math.max(0, reserved.sinceLogin - 1), usedRecoveryCode: !isTotp };
  }

  /** Removes the second factor (an admin's reset of a lost phone), in the caller's transaction. */
  static async reset(trx: Knex.Transaction, userId: number): Promise<void> {
    await trx('staff_users')
      .where('id', userId)
      .update({ totp_secret: null, totp_pending_secret: null, totp_last_step: null, mfa_enabled_at: null });
    await trx('staff_recovery_codes').where('user_id', userId).delete();
  }

  private async totpStep(secret: string, code: string): Promise<number | null> {
    const token = normalise(code);
    if (!/^\d{6}$/u.test(token)) return null;
    const result = await verify({ secret, token, epochTolerance: TOLERANCE_SECONDS });
    if (!result.valid) return null;
    return 'timeStep' in result ? Number(result.timeStep) : Math.floor(Date.now() / 30_000) + result.delta;
  }

  private async acceptTotp(userId: number, code: string): Promise<boolean> {
    const row = await this.row(userId);
    if (row.totp_secret === null) return false;
    const step = await this.totpStep(open(this.key, row.totp_secret), code);
    if (step === null) return false;
    // Once only: the step must be later than the last one accepted (atomic against a parallel replay).
    const updated = await this.db('staff_users')
      .where('id', userId)
      .andWhere((q) => {
        void q.whereNull('totp_last_step').orWhere('totp_last_step', '<', step);
      })
      .update({ totp_last_step: step });
    return updated > 0;
  }

  private async acceptRecoveryCode(userId: number, code: string): Promise<boolean> {
    if (!/^[0-9a-f]{20}$/u.test(normalise(code))) return false;
    const used = await this.db('staff_recovery_codes')
      .where({ user_id: userId, code_hash: hashCode(code) })
      .whereNull('used_at')
      .update({ used_at: isoTimestamp(new Date()) });
    return used > 0;
  }
}
