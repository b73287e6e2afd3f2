/**
 * The audit trail: every login, every view of a submission's answers, every change and every
 * export. Each entry is chained to the one before (in `seq` order) by an HMAC
 * keyed with a secret that is not in the database (carried with the connection: db/connection.ts),
 * so whoever can write the database cannot forge, rewrite or re-chain entries without it. Rows
 * written before the key existed are plain SHA-256 links, and none may follow a keyed one.
 * Signed checkpoints of the head, kept outside the database (checkpoints.ts), show a chain that
 * was emptied or rebuilt.
 *
 * Several servers (PostgreSQL): an entry is inserted unlinked (no seq, no hash) in the audited
 * change's transaction, taking no lock, and linked right after that transaction commits by a short
 * transaction that alone holds the chain's advisory lock: it reads the head, links every unlinked
 * entry in id order and commits. The chain cannot fork (one linker at a time) and no request waits
 * on another's transaction (decision 0016). A linker that died is replaced by the next one, and
 * the periodic job `audit-link` links whatever a crash left. SQLite has one writer: entries are
 * linked as they are inserted.
 */
import { createHash, createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { dialectOf, isoTimestamp, type AuditHandle } from '../db/connection.ts';

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
  seq: number | string | null;
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

/** The seal of an entry waiting to be linked (PostgreSQL): the linker links only entries it can open. */
export function pendingSeal(row: Hashed, key: string): string {
  return entryHash('pending', row, key);
}

/** The audit key the connection carries; appending without one is a configuration error. */
export function auditKey(db: Knex | Knex.Transaction): string {
  // The client's config: a nested transaction (a savepoint) has empty userParams of its own.
  const key = (db.client.config as { userParams?: { auditKey?: string } }).userParams?.auditKey;
  if (!key) throw new Error('the audit key is not configured (createDb needs AUDIT_KEY)');
  return key;
}

/** The transaction that commits last: a savepoint's entry is linked when its outermost transaction commits. */
function outermost(trx: Knex.Transaction): Knex.Transaction {
  let t = trx as Knex.Transaction & { parentTransaction?: Knex.Transaction };
  while (t.parentTransaction) t = t.parentTransaction as typeof t;
  return t;
}

/** Appends inside the given transaction (so the audited change and its entry commit together). */
export async function appendAudit(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
  const key = auditKey(trx);
  const row = {
    at: isoTimestamp(new Date()),
    actor_type: entry.actorType,
    actor_id: entry.actorId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    address: entry.address ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
  if (dialectOf(trx) === 'postgres') {
    // Unlinked: no place and no link yet, but sealed with the key, so a row slipped in by whoever can write the database is never linked.
    await trx('audit_log').insert({ ...row, keyed: true, hash: pendingSeal(row, key) });
    const root = (trx.client.config as { userParams?: { audit?: AuditHandle } }).userParams?.audit?.db;
    if (root)
      outermost(trx).executionPromise.then(
        () => scheduleLink(root),
        () => undefined,
      );
    return;
  }
  const last = (await trx('audit_log').select('hash', 'seq').orderBy('seq', 'desc').first()) as { hash: string; seq: number } | undefined;
  const prev = last?.hash ?? GENESIS;
  await trx('audit_log').insert({ ...row, prev_hash: prev, hash: entryHash(prev, row, key), keyed: true, seq: Number(last?.seq ?? 0) + 1 });
}

/** 64-bit advisory lock key of the chain's head (any constant unique to this purpose). */
const CHAIN_LOCK = 73_162_015;

export interface LinkStats {
  runs: number;
  linked: number;
  /** Longest time the chain's lock was held by one linking transaction, in milliseconds. */
  maxLockMs: number;
  /** All the time the chain's lock was held by this process, in milliseconds. */
  totalLockMs: number;
  lastError: unknown;
}

const linkState = new WeakMap<Knex, { running: boolean; again: boolean; stats: LinkStats }>();

function stateOf(db: Knex) {
  let state = linkState.get(db);
  if (!state) {
    state = { running: false, again: false, stats: { runs: 0, linked: 0, maxLockMs: 0, totalLockMs: 0, lastError: null } };
    linkState.set(db, state);
  }
  return state;
}

export function linkStats(db: Knex): LinkStats {
  return stateOf(db).stats;
}

/** Links every unlinked entry that is committed (PostgreSQL); returns how many. */
export async function linkPending(db: Knex, batch = 500): Promise<number> {
  if (dialectOf(db) !== 'postgres') return 0;
  const key = auditKey(db);
  const stats = stateOf(db).stats;
  let total = 0;
  for (;;) {
    let lockedAt = 0;
    const n = await db.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(?)', [CHAIN_LOCK]);
      lockedAt = performance.now();
      const head = (await trx('audit_log').whereNotNull('seq').select('hash', 'seq').orderBy('seq', 'desc').first()) as
        { hash: string; seq: number | string } | undefined;
      const candidates = (await trx('audit_log').whereNull('seq').whereNull('prev_hash').orderBy('id').limit(batch)) as AuditRow[];
      const rows = candidates.filter((r) => r.hash === pendingSeal({ ...r, at: isoTimestamp(r.at) }, key));
      if (rows.length === 0) return 0;
      let prev = head?.hash ?? GENESIS;
      let seq = Number(head?.seq ?? 0);
      const values: (string | number)[] = [];
      for (const r of rows) {
        const hash = entryHash(prev, { ...r, at: isoTimestamp(r.at) }, key);
        seq += 1;
        values.push(String(r.id), prev, hash, seq);
        prev = hash;
      }
      await trx.raw(
        `update audit_log set prev_hash = v.prev, hash = v.hash, seq = v.seq::bigint
           from (values ${rows.map(() => '(?::bigint, ?, ?, ?::bigint)').join(', ')}) as v(id, prev, hash, seq)
          where audit_log.id = v.id and audit_log.seq is null`,
        values,
      );
      return candidates.length;
    });
    stats.runs += 1;
    const heldMs = performance.now() - lockedAt;
    stats.maxLockMs = Math.max(stats.maxLockMs, heldMs);
    stats.totalLockMs += heldMs;
    total += n;
    if (n < batch) return total;
  }
}

/** After a commit: one linker per process at a time; appends during a run are linked by one more run. */
function scheduleLink(db: Knex): void {
  const state = stateOf(db);
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  const run = (): void => {
    state.again = false;
    linkPending(db)
      .then(
        (n) => void (state.stats.linked += n),
        (err: unknown) => void (state.stats.lastError = err),
      )
      .finally(() => {
        if (state.again) run();
        else state.running = false;
      });
  };
  run();
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
  // Entries committed but not linked yet (a linker cut short) are linked first.
  await linkPending(db);
  // The code gives every hashed entry its place in the chain: a hashed entry without one was not written by it.
  const unlinked = (await db('audit_log').whereNull('seq').orderBy('id').limit(1000)) as AuditRow[];
  const outside = unlinked.find((r) => r.prev_hash !== null || r.hash !== pendingSeal({ ...r, at: isoTimestamp(r.at) }, key));
  if (outside)
    return {
      ok: false,
      rows: 0,
      brokenAt: { id: String(outside.id), reason: 'an entry outside the chain (forged: written without the audit key)' },
    };
  let prev = GENESIS;
  let rows = 0;
  let lastSeq = 0n;
  let keyedSeen = false;
  let lastUnkeyed: string | null = null;
  for (;;) {
    const batch = (await db('audit_log').where('seq', '>', String(lastSeq)).orderBy('seq').limit(1000)) as AuditRow[];
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
      lastSeq = BigInt(r.seq!);
    }
  }
}
