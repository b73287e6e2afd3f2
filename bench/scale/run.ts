/**
 * bench/scale — submissions per second through nginx with one, two and three application servers
 * on one PostgreSQL, against the same number of bare Express routes behind the same nginx, in
 * the same run (autocannon; localhost only; a few seconds per point).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:scale
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=32 ...
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import knex from 'knex';
import { startApp, startBalancer, stopApp, type AppProcess } from '../../tests/helpers/cluster.ts';
import { definition } from '../../tests/helpers/http.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const BASE = process.env.DATABASE_URL;
if (!BASE) throw new Error('bench:scale needs DATABASE_URL (several servers share one PostgreSQL)');
// 罹災証明書: filed without sign-in (児童手当 now needs a verified identity), with a mail address for its receipt.
const answers = structuredClone(definition('hisai-01').examples[0]) as { applicant: Record<string, unknown> };
answers.applicant.email = 'nakacho@example.jp';
const body = JSON.stringify({ definitionVersion: definition('hisai-01').version, answers });

async function load(url: string, seconds: number) {
  const r = await autocannon({
    url: `${url}/api/procedures/hisai-01/submissions`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${randomUUID()}-[<id>]` },
    idReplacement: true,
    body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  return { perSecond: (r.statusCodeStats?.['201']?.count ?? 0) / seconds, non2xx: r.non2xx, p99: r.latency.p99 };
}

const name = `kp_bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const admin = knex({ client: 'pg', connection: BASE, pool: { min: 0, max: 1 } });
await admin.raw(`create database ${name}`);
const url = new URL(BASE);
url.pathname = `/${name}`;
const env = {
  DATABASE_URL: url.toString(),
  APP_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  AUDIT_SECRET: 'bench-audit-secret-bench-audit-secret-01',
  TRUST_PROXY: 'loopback',
  SUBMISSIONS_PER_WINDOW: '100000000',
  LOG_LEVEL: 'warn',
  SQLITE_PATH: path.join('/tmp', `${name}.sqlite3`),
};
const rows: string[] = [];
try {
  for (const n of [1, 2, 3]) {
    const point: Record<string, { perSecond: number; p99: number }> = {};
    for (const kind of ['bare', 'app'] as const) {
      const servers: AppProcess[] = [];
      for (let i = 0; i < n; i += 1)
        servers.push(
          await startApp(
            env,
            kind === 'bare'
              ? { script: path.join(import.meta.dirname, 'bare-server.ts'), id: `bare-${i}` }
              : { id: `app-${i}`, timeoutMs: 120_000 },
          ),
        );
      const lb = await startBalancer(servers.map((s) => s.port));
      await load(lb.url, 1); // warm-up
      const r = await load(lb.url, SECONDS);
      await lb.stop();
      for (const s of servers) await stopApp(s);
      if (r.non2xx > 0) throw new Error(`${kind} x${n}: ${r.non2xx} non-2xx answers`);
      point[kind] = r;
    }
    rows.push(
      `${String(n).padStart(7)}  ${point.app!.perSecond.toFixed(0).padStart(10)}  ${point.bare!.perSecond.toFixed(0).padStart(10)}  ${(point.app!.perSecond / point.bare!.perSecond).toFixed(2).padStart(5)}  ${String(point.app!.p99).padStart(7)}`,
    );
    console.log(rows.at(-1));
  }
} finally {
  await admin.raw(`drop database if exists ${name} with (force)`);
  await admin.destroy();
}
console.log(`\n${cpus().length} cores, ${SECONDS} s per point, ${CONNECTIONS} connections, nginx round robin, PostgreSQL`);
console.log('servers   app req/s  bare req/s  ratio  app p99 ms');
for (const r of rows) console.log(r);
