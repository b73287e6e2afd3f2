/**
 * bench/audit — what appending to the audit chain costs concurrent requests on PostgreSQL
 * (several servers): audited changes per second from parallel writers against the same changes
 * without an audit entry, in the same run on a fresh database; how long the chain's advisory lock
 * was held (longest and mean link run); and how long an audited change takes while another
 * audited change's transaction is held open for HOLD_MS (it must not wait for it).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:audit
 *   BENCH_SECONDS=5 BENCH_WRITERS=16 ...
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import knex from 'knex';
import { appendAudit, linkPending, linkStats, verifyAuditChain } from '../../server/audit/audit-log.ts';
import { createDb, migrate } from '../../server/db/connection.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const HOLD_MS = 500;
const BASE = process.env.DATABASE_URL;
if (!BASE) throw new Error('bench:audit needs DATABASE_URL (the lock-free append is the PostgreSQL path)');

const name = `kp_bench_audit_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const admin = knex({ client: 'pg', connection: BASE, pool: { min: 0, max: 1 } });
await admin.raw(`create database ${name}`);
const url = new URL(BASE);
url.pathname = `/${name}`;
const db = createDb({
  DATABASE_URL: url.toString(),
  SQLITE_PATH: '',
  SQLITE_DRIVER: 'better-sqlite3',
  AUDIT_KEY: 'bench-audit-key-bench-audit-key-0123456',
});

/** One change: a row written in a transaction, with or without its audit entry. */
async function change(audited: boolean, n: number): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('bench_changes').insert({ note: `change ${n}` });
    if (audited) await appendAudit(trx, { actorType: 'system', action: 'bench.change', target: String(n) });
  });
}

async function throughput(audited: boolean): Promise<{ perSecond: number; p99: number }> {
  const until = performance.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await change(audited, (n += 1));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / SECONDS, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

/** Median time of an audited change while another audited change's transaction stays open for HOLD_MS. */
async function besideAnOpenOne(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const appended = new Promise<void>((resolve) => (inside = resolve));
    const slow = db.transaction(async (trx) => {
      await appendAudit(trx, { actorType: 'system', action: 'bench.slow' });
      inside();
      await held;
    });
    await appended;
    const timer = setTimeout(release, HOLD_MS);
    const t0 = performance.now();
    await change(true, -i);
    times.push(performance.now() - t0);
    await slow;
    clearTimeout(timer);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

try {
  await migrate(db);
  await db.schema.createTable('bench_changes', (t) => {
    t.bigIncrements('id');
    t.text('note');
  });
  await throughput(false); // warm-up
  const bare1 = await throughput(false);
  const audited = await throughput(true);
  const bare2 = await throughput(false);
  const baseline = (bare1.perSecond + bare2.perSecond) / 2;
  const beside = await besideAnOpenOne();
  await linkPending(db); // whatever the last background run had not reached
  const stats = linkStats(db);
  const chain = await verifyAuditChain(db);
  console.log(`${cpus().length} cores, ${SECONDS} s per point, ${WRITERS} parallel writers, PostgreSQL`);
  console.log(
    `changes without audit:  ${baseline.toFixed(0)} /s (runs ${bare1.perSecond.toFixed(0)} and ${bare2.perSecond.toFixed(0)}), p99 ${bare1.p99.toFixed(1)} ms`,
  );
  console.log(`changes with audit:     ${audited.perSecond.toFixed(0)} /s, p99 ${audited.p99.toFixed(1)} ms`);
  console.log(`ratio audited/baseline: ${(audited.perSecond / baseline).toFixed(2)}`);
  console.log(
    `chain lock: ${stats.runs} link runs, longest ${stats.maxLockMs.toFixed(1)} ms, mean ${(stats.totalLockMs / Math.max(1, stats.runs)).toFixed(2)} ms`,
  );
  console.log(`an audited change beside one held open ${HOLD_MS} ms: median ${beside.toFixed(1)} ms (it does not wait for it)`);
  console.log(`chain: ${chain.ok ? 'verifies' : 'BROKEN'}, ${chain.rows} entries`);
  if (!chain.ok) process.exitCode = 1;
} finally {
  await db.destroy();
  await admin.raw(`drop database if exists ${name} with (force)`);
  await admin.destroy();
}
