/**
 * The audit trail: every login, every view of a submission's answers, every change and every
 * export. Rows are appended one at a time under a lock, each hashing the one before.
 */
import { createHash } from 'node:crypto';
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

interface AuditRow {
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
}

export const GENESIS = '0'.repeat(64);

export function entryHash(prevHash: string, row: Pick<AuditRow, 'actor_type' | 'actor_id' | 'action' | 'target' | 'address' | 'details'> & { at: string }): string {
  const body = canonicalize({ at: row.at, actorType: row.actor_type, actorId: row.actor_id, action: row.action, target: row.target, address: row.address, details: row.details }) ?? '';
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** Appends inside the given transaction (so the audited change and its entry commit together). */
export async function appendAudit(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
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
  await trx('audit_log').insert({ ...row, prev_hash: prev, hash: entryHash(prev, row) });
}

export async function audit(db: Knex, entry: AuditEntry): Promise<void> {
  await db.transaction((trx) => appendAudit(trx, entry));
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  /** The first row whose content or link does not match. */
  brokenAt?: { id: string; reason: string };
}

/** Recomputes the chain from the first row; an edited, inserted or deleted row breaks it. */
export async function verifyAuditChain(db: Knex): Promise<VerifyResult> {
  let prev = GENESIS;
  let rows = 0;
  let lastId = 0n;
  for (;;) {
    const batch = (await db('audit_log').where('id', '>', String(lastId)).orderBy('id').limit(1000)) as AuditRow[];
    if (batch.length === 0) return { ok: true, rows };
    for (const r of batch) {
      rows += 1;
      const at = isoTimestamp(r.at);
      if (r.prev_hash !== prev) return { ok: false, rows, brokenAt: { id: String(r.id), reason: 'prev_hash does not match the row before (a row was deleted or inserted)' } };
      if (entryHash(prev, { ...r, at }) !== r.hash) return { ok: false, rows, brokenAt: { id: String(r.id), reason: 'content does not match its hash (the row was edited)' } };
      prev = r.hash;
      lastId = BigInt(r.id);
    }
  }
}
