/**
 * bench/submit — valid submissions per second through the real application, as a ratio to a
 * bare Express route that parses the same JSON body and answers 201, measured in the same run
 * with the same load tool (autocannon, in this process; each server in its own process).
 *
 *   npm run bench:submit                       # SQLite with both knex drivers
 *   DATABASE_URL=postgres://... npm run bench:submit   # adds PostgreSQL
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 npm run bench:submit
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { definition } from '../../tests/helpers/http.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const here = import.meta.dirname;
// Which application runs to measure (comma-separated): better-sqlite3, sqlite3, pg (with DATABASE_URL).
const TARGETS = (process.env.BENCH_TARGETS ?? 'better-sqlite3,sqlite3,pg').split(',');
// BENCH_PROFILE=1: each application server CPU-profiles its measured run (bench/profile/summary.ts reads it).
const PROFILE = process.env.BENCH_PROFILE === '1';
// 罹災証明書: filed without sign-in (児童手当 now needs a verified identity), with a mail address for its receipt.
const answers = structuredClone(definition('hisai-01').examples[0]) as { applicant: Record<string, unknown> };
answers.applicant.email = 'nakacho@example.jp';
const body = JSON.stringify({ definitionVersion: definition('hisai-01').version, answers });

interface Started {
  child: ChildProcess;
  port: number;
}

function start(script: string, env: Record<string, string | undefined>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, script), {
      env: { ...process.env, ...env },
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(port: number, seconds: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/procedures/hisai-01/submissions`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'bench-idempotency-key-[<id>]' },
    idReplacement: true,
    body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  const created = result.statusCodeStats?.['201']?.count ?? 0;
  return { requestsPerSecond: created / seconds, non2xx: result.non2xx, errors: result.errors, p99ms: result.latency.p99, created };
}

function ask(child: ChildProcess, message: string): Promise<unknown> {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });
}

async function measure(name: string, script: string, env: Record<string, string | undefined> = {}) {
  const server = await start(script, { ...env, BENCH_NAME: name.replace(/[^A-Za-z0-9]+/g, '-') });
  await load(server.port, 2); // warm-up: JIT, connection pools, SQLite page cache
  const profiled = PROFILE && script === 'app-server.ts';
  if (profiled) await ask(server.child, 'profile-start');
  const run = await load(server.port, SECONDS);
  if (profiled) console.log(`  profile: ${((await ask(server.child, 'profile-stop')) as { profile: string }).profile}`);
  let stored: number | undefined;
  if (script === 'app-server.ts') {
    stored = await new Promise<number>((resolve) => {
      server.child.once('message', (m: { count: number }) => resolve(m.count));
      server.child.send('count');
    });
  }
  if (script === 'app-server.ts') {
    server.child.send('exit');
    await new Promise((resolve) => server.child.once('exit', resolve));
  } else server.child.kill();
  if (run.non2xx > 0 || run.errors > 0) throw new Error(`${name}: ${run.non2xx} non-2xx responses and ${run.errors} errors`);
  console.log(
    `${name.padEnd(28)} ${run.requestsPerSecond.toFixed(0).padStart(7)} req/s   p99 ${String(run.p99ms).padStart(4)} ms${stored !== undefined ? `   rows stored ${stored}` : ''}`,
  );
  return { name, ...run, stored };
}

const results = [];
const baseline = await measure('bare Express (baseline)', 'bare-server.ts');
results.push(baseline);
if (TARGETS.includes('better-sqlite3'))
  results.push(await measure('app, SQLite better-sqlite3', 'app-server.ts', { SQLITE_DRIVER: 'better-sqlite3', DATABASE_URL: undefined }));
if (TARGETS.includes('sqlite3'))
  results.push(await measure('app, SQLite sqlite3', 'app-server.ts', { SQLITE_DRIVER: 'sqlite3', DATABASE_URL: undefined }));
if (process.env.DATABASE_URL && TARGETS.includes('pg'))
  results.push(await measure('app, PostgreSQL', 'app-server.ts', { DATABASE_URL: process.env.DATABASE_URL }));
// The bare route is measured again last, so drift during the run shows.
const baselineAfter = await measure('bare Express (again)', 'bare-server.ts');
const base = (baseline.requestsPerSecond + baselineAfter.requestsPerSecond) / 2;

console.log(`\n${SECONDS}s per run, ${CONNECTIONS} connections, body ${body.length} bytes, ${new Date().toISOString()}`);
for (const r of results.slice(1)) console.log(`ratio ${r.name.padEnd(28)} ${(r.requestsPerSecond / base).toFixed(2)}`);
mkdirSync(path.join(here, '..', 'results'), { recursive: true });
writeFileSync(
  path.join(here, '..', 'results', 'submit.json'),
  JSON.stringify({ seconds: SECONDS, connections: CONNECTIONS, baseline: base, results: [...results, baselineAfter] }, null, 2),
);
