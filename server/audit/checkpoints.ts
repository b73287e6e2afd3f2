/**
 * Checkpoints of the audit log's head, kept OUTSIDE the database: one JSON line per checkpoint
 * (last entry id, its hash, how many entries up to it, when), signed with the audit key. The
 * server appends one every AUDIT_CHECKPOINT_MINUTES; operators ship the file to storage the
 * database's users cannot write (docs/security.md). A log that was emptied, truncated or rebuilt
 * no longer holds the entries its checkpoints name, and `npm run audit:verify` says so.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { isoTimestamp } from '../db/connection.ts';
import { auditKey, verifyAuditChain, type VerifyResult } from './audit-log.ts';

export interface Checkpoint {
  id: string;
  hash: string;
  rows: number;
  at: string;
  mac: string;
}

const macOf = (key: string, c: Omit<Checkpoint, 'mac'>) =>
  createHmac('sha256', key).update(`audit-checkpoint\n${c.id}\n${c.hash}\n${c.rows}\n${c.at}`).digest('hex');

/** Appends a checkpoint of the current head; none when the log is empty or unchanged since the last one. */
export async function writeCheckpoint(db: Knex, file: string): Promise<Checkpoint | null> {
  const head = (await db('audit_log').whereNotNull('seq').select('id', 'hash', 'seq').orderBy('seq', 'desc').first()) as
    { id: number | string; hash: string; seq: number | string } | undefined;
  if (!head) return null;
  const last = readCheckpoints(file).at(-1);
  if (last && last.id === String(head.id)) return null;
  const [{ n }] = (await db('audit_log').where('seq', '<=', String(head.seq)).count({ n: '*' })) as [{ n: number | string }];
  const body = { id: String(head.id), hash: head.hash, rows: Number(n), at: isoTimestamp(new Date()) };
  const checkpoint = { ...body, mac: macOf(auditKey(db), body) };
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

export function readCheckpoints(file: string): Checkpoint[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Checkpoint);
}

/** Whether the database still holds every checkpointed head; the first problem otherwise. */
export async function checkCheckpoints(db: Knex, checkpoints: Checkpoint[]): Promise<{ ok: true } | { ok: false; reason: string }> {
  const key = auditKey(db);
  for (const [i, c] of checkpoints.entries()) {
    const expected = Buffer.from(macOf(key, c));
    const given = Buffer.from(String(c.mac));
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: `checkpoint ${i + 1} is not signed with the audit key (the checkpoint file was altered)` };
    const row = (await db('audit_log').where('id', c.id).first('hash', 'seq')) as { hash: string; seq: number | string } | undefined;
    if (!row || row.hash !== c.hash)
      return {
        ok: false,
        reason: `entry ${c.id}, checkpointed at ${c.at}, is no longer in the log as it was (the log was emptied, truncated or rebuilt)`,
      };
    const [{ n }] = (await db('audit_log').where('seq', '<=', String(row.seq)).count({ n: '*' })) as [{ n: number | string }];
    if (Number(n) !== c.rows)
      return { ok: false, reason: `the log held ${c.rows} entries up to ${c.id} at ${c.at} and now holds ${Number(n)}` };
  }
  return { ok: true };
}

/**
 * The whole check: the keyed chain, every checkpoint still held, and no unkeyed entry (from before
 * the key existed) that no checkpoint vouches for: unkeyed entries could be rewritten by anyone
 * with the database's credentials, so only a checkpoint taken after them anchors them.
 */
export async function verifyAuditLog(db: Knex, file: string): Promise<VerifyResult & { checkpoints: number; reason?: string }> {
  const chain = await verifyAuditChain(db);
  const checkpoints = readCheckpoints(file);
  if (!chain.ok) return { ...chain, checkpoints: checkpoints.length, reason: `entry ${chain.brokenAt!.id}: ${chain.brokenAt!.reason}` };
  const anchored = await checkCheckpoints(db, checkpoints);
  if (!anchored.ok) return { ok: false, rows: chain.rows, checkpoints: checkpoints.length, reason: anchored.reason };
  if (chain.lastUnkeyedId && !checkpoints.some((c) => BigInt(c.id) >= BigInt(chain.lastUnkeyedId!))) {
    return {
      ok: false,
      rows: chain.rows,
      checkpoints: checkpoints.length,
      reason: `entries up to ${chain.lastUnkeyedId} were written without the audit key and no checkpoint vouches for them (run npm run audit:verify -- --checkpoint once after upgrading)`,
    };
  }
  return { ...chain, checkpoints: checkpoints.length };
}

/** Writes a checkpoint every `intervalMs`; returns a function that stops it. */
export function startCheckpoints(db: Knex, file: string, intervalMs: number, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => {
    writeCheckpoint(db, file).catch(onError);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
