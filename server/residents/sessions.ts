/**
 * Resident sessions in the database (any server can answer any request): the cookie holds a
 * random token, the table its SHA-256; the verified attributes and the ID token are sealed with
 * AES-256-GCM (they are personal data). Idle and absolute limits end a session; so does sign-out.
 * Who the resident is, across sessions, is an HMAC of the provider's issuer and subject: the
 * provider's own identifier is never stored.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { VerifiedAttributes } from '../../shared/identity.ts';
import { open, seal } from '../auth/secret-box.ts';
import { hashToken } from '../auth/sessions.ts';
import { isoTimestamp } from '../db/connection.ts';

export const RESIDENT_COOKIE = 'koganei_resident';
/** The browser-binding cookie of a sign-in still at the provider (login CSRF protection). */
export const SIGN_IN_COOKIE = 'koganei_sign_in';
const TOUCH_MS = 60_000;

/** SHA-256 in hex, as for staff session tokens. */
export const sha256 = hashToken;

export interface ResidentSession {
  id: string;
  subjectHash: string;
  provider: string;
  assurance: string | null;
  attributes: VerifiedAttributes;
  verifiedAt: string;
  expiresAt: string;
  csrfToken: string;
  idToken: string | null;
}

export interface SessionLimits {
  idleMinutes: number;
  hours: number;
}

interface Row {
  id: string;
  subject_hash: string;
  provider: string;
  assurance: string | null;
  attributes: string;
  id_token: string | null;
  csrf_token: string;
  verified_at: unknown;
  last_seen_at: unknown;
  expires_at: unknown;
}

export class ResidentSessions {
  constructor(
    private readonly db: Knex,
    private readonly key: Buffer,
    private readonly limits: SessionLimits,
  ) {}

  subjectHash(issuer: string, subject: string): string {
    return createHmac('sha256', this.key).update(`${issuer}\n${subject}`).digest('hex');
  }

  async create(p: {
    issuer: string;
    subject: string;
    attributes: VerifiedAttributes;
    assurance: string | null;
    idToken: string | null;
  }): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.limits.hours * 3_600_000);
    await this.db('resident_sessions').insert({
      id: sha256(token),
      subject_hash: this.subjectHash(p.issuer, p.subject),
      provider: p.issuer.slice(0, 300),
      assurance: p.assurance?.slice(0, 100) ?? null,
      attributes: seal(this.key, JSON.stringify(p.attributes)),
      id_token: p.idToken ? seal(this.key, p.idToken) : null,
      csrf_token: randomBytes(32).toString('base64url'),
      verified_at: isoTimestamp(now),
      last_seen_at: isoTimestamp(now),
      expires_at: isoTimestamp(expiresAt),
    });
    return { token, expiresAt };
  }

  async find(token: string): Promise<ResidentSession | null> {
    if (!token || token.length > 100) return null;
    const id = sha256(token);
    const row = (await this.db('resident_sessions').where('id', id).first()) as Row | undefined;
    if (!row) return null;
    const now = Date.now();
    const seen = new Date(isoTimestamp(row.last_seen_at)).getTime();
    if (new Date(isoTimestamp(row.expires_at)).getTime() <= now || seen + this.limits.idleMinutes * 60_000 <= now) {
      await this.db('resident_sessions').where('id', id).delete();
      return null;
    }
    if (now - seen > TOUCH_MS)
      await this.db('resident_sessions')
        .where('id', id)
        .update({ last_seen_at: isoTimestamp(new Date(now)) });
    return {
      id,
      subjectHash: row.subject_hash,
      provider: row.provider,
      assurance: row.assurance,
      attributes: JSON.parse(open(this.key, row.attributes)) as VerifiedAttributes,
      verifiedAt: isoTimestamp(row.verified_at),
      expiresAt: isoTimestamp(row.expires_at),
      csrfToken: row.csrf_token,
      idToken: row.id_token ? open(this.key, row.id_token) : null,
    };
  }

  async end(id: string): Promise<void> {
    await this.db('resident_sessions').where('id', id).delete();
  }
}

/** Housekeeping: resident sessions past their limits, and sign-ins never completed (10 minutes). */
export async function removeEndedResidentSessions(db: Knex, idleMinutes: number, now = new Date()): Promise<number> {
  const idle = isoTimestamp(new Date(now.getTime() - idleMinutes * 60_000));
  const sessions = await db('resident_sessions').where('expires_at', '<=', isoTimestamp(now)).orWhere('last_seen_at', '<=', idle).delete();
  const requests = await db('resident_sign_in_requests')
    .where('created_at', '<=', isoTimestamp(new Date(now.getTime() - 10 * 60_000)))
    .delete();
  return sessions + requests;
}
