/**
 * The audit trail: every login, every view of a submission's answers, every change and every
 * export. Rows are appended one at a time under a lock, each chained to the one before by an HMAC
 * keyed with a secret that is not in the database (carried with the connection: db/connection.ts),
 * so whoever can write the database cannot forge, rewrite or re-chain entries without it. Rows
 * written before the key existed are plain SHA-256 links, and none may follow a keyed one.
 * Signed checkpoints of the head, kept outside the database (checkpoints.ts), show a chain that
 * was emptied or rebuilt.
 */
import { createHash, createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Knex } from 'knex';
import { dialectOf, isoTimestamp } from '../db/connection.ts';

export interface AuditEntry {
  actorType: 'staff' | 'resident' | 'system';
  actorId?: string | null;
  action: string;
  target?: string | null;
  address?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: number | string;
  at: unknown;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  address: string | null;
  details: string;
  prev_hash: string;
  hash: string;
  keyed: boolean | number;
}

export const GENESIS = '0'.repeat(64);

type Hashed = Pick<AuditRow, 'actor_type' | 'actor_id' | 'action' | 'target' | 'address' | 'details'> & { at: string };

/** The link: HMAC-SHA256 with the audit key, or (rows from before the key) plain SHA-256. */
export function entryHash(prevHash: string, row: Hashed, key: string | null): string {
  const body =
    canonicalize({
      at: row.at,
      actorType: row.actor_type,
      actorId: row.actor_id,
      action: row.action,
      target: row.target,
      address: row.address,
      details: row.details,
    }) ?? '';
  const text = `${prevHash}\n${body}`;
  return key === null ? createHash('sha256').update(text).digest('hex') : createHmac('sha256', key).update(text).digest('hex');
}

/** The audit key the connection carries; appending without one is a configuration error. */
export function auditKey(db: Knex | Knex.Transaction): string {
  // The client's config: a nested transaction (a savepoint) has empty userParams of its own.
  const key = (db.client.config as { userParams?: { auditKey?: string } }).userParams?.auditKey;
  if (!key) throw new Error('the audit key is not configured (createDb needs AUDIT_KEY)');
  return key;
}

/** Appends inside the given transaction (so the audited change and its entry commit together). */
export async function appendAudit(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
  const key = auditKey(trx);
  if (dialectOf(trx) === 'postgres') await trx.raw('lock table audit_log in share row exclusive mode');
  const last = (await trx('audit_log').select('hash').orderBy('id', 'desc').first()) as { hash: string } | undefined;
  const row = {
    at: isoTimestamp(new Date()),
    actor_type: entry.actorType,
    actor_id: entry.actorId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    address: entry.address ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
  const prev = last?.hash ?? GENESIS;
  await trx('audit_log').insert({ ...row, prev_hash: prev, hash: entryHash(prev, row, key), keyed: true });
}

export async function audit(db: Knex, entry: AuditEntry): Promise<void> {
  await db.transaction((trx) => appendAudit(trx, entry));
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  /** The first row whose content or link does not match. */
  brokenAt?: { id: string; reason: string };
  /** The last entry written before the key existed, if any: only a checkpoint outside the database vouches for such entries. */
  lastUnkeyedId?: string;
}

/** Recomputes the chain from the first row; an edited, inserted, deleted or forged row breaks it. */
export async function verifyAuditChain(db: Knex): Promise<VerifyResult> {
  const key = auditKey(db);
  let prev = GENESIS;
  let rows = 0;
  let lastId = 0n;
  let keyedSeen = false;
  let lastUnkeyed: string | null = null;
  for (;;) {
    const batch = (await db('audit_log').where('id', '>', String(lastId)).orderBy('id').limit(1000)) as AuditRow[];
    if (batch.length === 0) return { ok: true, rows, ...(lastUnkeyed ? { lastUnkeyedId: lastUnkeyed } : {}) };
    for (const r of batch) {
      rows += 1;
      const keyed = Boolean(r.keyed);
      const broken = (reason: string): VerifyResult => ({ ok: false, rows, brokenAt: { id: String(r.id), reason } });
      if (r.prev_hash !== prev) return broken('prev_hash does not match the row before (a row was deleted or inserted)');
      if (keyedSeen && !keyed) return broken('an unkeyed row after keyed ones (forged: written without the audit key)');
      if (entryHash(prev, { ...r, at: isoTimestamp(r.at) }, keyed ? key : null) !== r.hash) {
        return broken(
          keyed
            ? 'content does not match its hash (the row was edited, or written without the audit key)'
            : 'content does not match its hash (the row was edited)',
        );
      }
      keyedSeen ||= keyed;
      if (!keyed) lastUnkeyed = String(r.id);
      prev = r.hash;
      lastId = BigInt(r.id);
    }
  }
}
