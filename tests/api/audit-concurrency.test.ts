/**
 * Appending to the audit chain does not make unrelated requests wait for each other. On PostgreSQL
 * (several servers) an entry is inserted unlinked in its own change's transaction and linked after
 * commit under a short advisory lock: a request whose transaction is held open does not hold up
 * another's audited change, the chain never forks under parallel appends, and the lock is held
 * only while linking. On SQLite (one server process, one writer by design) appends are linked as
 * they are written, in commit order, and the chain verifies just the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, audit, linkStats, verifyAuditChain } from '../../server/audit/audit-log.ts';
import { createTestDb, type TestDb } from '../helpers/database.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.destroy();
});

const entry = (action: string) => ({ actorType: 'system' as const, action, target: null, details: { test: true } });
const unlinked = async () => Number(((await t.db('audit_log').whereNull('seq').count({ n: '*' })) as { n: number | string }[])[0]!.n);

describe('audit appends', () => {
  it('an audited change held open does not hold up another audited change (PostgreSQL), or is simply first (SQLite)', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const inside = new Promise<void>((resolve) => (appended = resolve));
    const slow = t.db.transaction(async (trx) => {
      await appendAudit(trx, entry('test.slow'));
      appended();
      await held;
    });
    await inside;
    if (t.kind === 'postgres') {
      // The quick change commits while the slow one is still open (were it waiting for it, this would time out).
      let timer!: NodeJS.Timeout;
      const tooLong = new Promise<'waited'>((resolve) => (timer = setTimeout(() => resolve('waited'), 10_000)));
      const outcome = await Promise.race([audit(t.db, entry('test.quick')).then(() => 'committed' as const), tooLong]);
      clearTimeout(timer);
      release();
      await slow;
      expect(outcome).toBe('committed');
      await expect.poll(unlinked, { timeout: 10_000 }).toBe(0);
      const rows = await t.db('audit_log').whereIn('action', ['test.slow', 'test.quick']);
      expect(rows).toHaveLength(2);
    } else {
      const quick = audit(t.db, entry('test.quick'));
      release();
      await Promise.all([slow, quick]);
      const rows = await t.db('audit_log').whereIn('action', ['test.slow', 'test.quick']).orderBy('seq');
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['test.slow', 'test.quick']);
    }
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('200 appends from 20 parallel writers make one unbroken chain; the chain lock is held only while linking', async () => {
    const before = Number(((await t.db('audit_log').count({ n: '*' })) as { n: number | string }[])[0]!.n);
    await Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        for (let i = 0; i < 10; i += 1) await audit(t.db, entry(`test.parallel.${w}`));
      }),
    );
    await expect.poll(unlinked, { timeout: 15_000 }).toBe(0);
    const rows = (await t.db('audit_log').orderBy('seq').select('seq', 'prev_hash', 'hash')) as {
      seq: number | string;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows).toHaveLength(before + 200);
    // No fork: places 1..n, each linked to the one before.
    rows.forEach((r, i) => {
      expect(Number(r.seq)).toBe(i + 1);
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]!.hash);
    });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: before + 200 });
    if (t.kind === 'postgres') {
      const stats = linkStats(t.db);
      expect(stats.runs).toBeGreaterThan(0);
      expect(stats.lastError).toBeNull();
      // A link run reads the head and updates a batch: far shorter than the requests themselves.
      expect(stats.maxLockMs).toBeLessThan(1_000);
    }
  });
});
