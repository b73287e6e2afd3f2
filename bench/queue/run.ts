/**
 * bench/queue — latency of a clerk's queue page at 10,000 and then 1,000,000 submissions, on
 * SQLite and (when DATABASE_URL is set) on PostgreSQL, through HTTP against the real app.
 * Reports the median and p95 of the first page, a status-filtered page and a page 20 pages deep,
 * and the ratio of the 1M median to the 10k median (aim: at most 2).
 *
 *   npm run bench:queue
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:queue
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Knex } from 'knex';
import { createAccount } from '../../server/auth/accounts.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { isoTimestamp } from '../../server/db/connection.ts';
import { buildCatalog } from '../../server/procedures/catalog.ts';
import { newReferenceNumber } from '../../shared/reference-number.ts';
import { createTestDb } from '../../tests/helpers/database.ts';
import { repoDefinitions } from '../../tests/helpers/http.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const STATUSES = ['submitted', 'submitted', 'in_review', 'approved', 'approved', 'approved', 'rejected', 'returned', 'withdrawn'];
const definitions = repoDefinitions();

async function seed(db: Knex, from: number, to: number, shas: Map<string, string>): Promise<void> {
  const year = 365 * 86_400_000;
  const now = Date.now();
  const batch = 500;
  for (let start = from; start < to; start += batch * 20) {
    await db.transaction(async (trx) => {
      for (let b = start; b < Math.min(start + batch * 20, to); b += batch) {
        const rows = [];
        for (let i = b; i < Math.min(b + batch, to); i += 1) {
          const d = definitions[i % definitions.length]!;
          const at = isoTimestamp(new Date(now - Math.floor(Math.random() * year)));
          rows.push({
            reference_number: newReferenceNumber((n) => randomBytes(n)),
            procedure_id: d.id,
            department_id: d.department.id,
            definition_version: d.version,
            definition_sha256: shas.get(d.id)!,
            answers: JSON.stringify(d.examples[0]),
            answers_sha256: '0'.repeat(64),
            status: STATUSES[i % STATUSES.length],
            access_code_hash: '0'.repeat(64),
            submitted_at: at,
            updated_at: at,
          });
        }
        // A million random reference numbers collide a few times (26^8 codes); skip those rows.
        await trx('submissions').insert(rows).onConflict('reference_number').ignore();
      }
    });
  }
}

async function timeRequests(url: string, cookie: string): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 20; i += 1) {
    const t = performance.now();
    const res = await fetch(url, { headers: { Cookie: cookie } });
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    await res.json();
    if (i >= 20) times.push(performance.now() - t); // the first 20 warm up caches
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

async function deepCursor(base: string, cookie: string, pages: number): Promise<string> {
  let cursor = '';
  for (let i = 0; i < pages; i += 1) {
    const body = (await (await fetch(`${base}${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Cookie: cookie } })).json()) as {
      nextCursor: string;
    };
    cursor = body.nextCursor;
  }
  return cursor;
}

async function benchDatabase(label: string, sqliteOnly: boolean) {
  const testDb = await createTestDb({ sqliteOnly });
  const config = loadConfig({
    ...process.env,
    ...testDb.env,
    ...(sqliteOnly ? { DATABASE_URL: undefined } : {}),
    NODE_ENV: 'production',
    PUBLIC_BASE_URL: 'https://shinsei.city.koganei.example.jp',
    LOG_LEVEL: 'warn',
    APP_SECRET: 'q'.repeat(40),
    ATTACHMENT_SCAN: 'off',
  });
  const catalog = await buildCatalog(testDb.db, config.FORM_DEFINITIONS_DIR);
  const shas = new Map(definitions.map((d) => [d.id, catalog.current(d.id)!.sha256]));
  await createAccount(
    testDb.db,
    { email: 'bench@koganei.example', password: 'bench password 1', role: 'clerk', departmentId: 'kosodate-shien' },
    catalog.departments().map((d) => d.id),
  );
  const server: Server = await new Promise((resolve) => {
    const s = createApp({ config, db: testDb.db, catalog }).listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/staff/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'bench@koganei.example', password: 'bench password 1' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const results: Record<number, Record<string, { median: number; p95: number }>> = {};
  let seeded = 0;
  for (const size of SIZES) {
    const t = performance.now();
    await seed(testDb.db, seeded, size, shas);
    seeded = size;
    if (testDb.kind === 'postgres') await testDb.db.raw('analyze');
    else await testDb.db.raw('analyze');
    console.log(`${label}: seeded ${size.toLocaleString()} rows (${((performance.now() - t) / 1000).toFixed(0)} s)`);
    const list = `${base}/api/staff/submissions?sort=newest`;
    results[size] = {
      'first page': await timeRequests(list, cookie),
      'status=submitted': await timeRequests(`${list}&status=submitted`, cookie),
      'page 21': await timeRequests(`${list}&cursor=${await deepCursor(list, cookie, 20)}`, cookie),
    };
    for (const [name, r] of Object.entries(results[size]!))
      console.log(`  ${name.padEnd(18)} median ${r.median.toFixed(2)} ms   p95 ${r.p95.toFixed(2)} ms`);
  }
  const [small, large] = [SIZES[0]!, SIZES.at(-1)!];
  for (const name of Object.keys(results[small]!)) {
    console.log(
      `ratio ${label} ${name}: ${(results[large]![name]!.median / results[small]![name]!.median).toFixed(2)} (${large.toLocaleString()} vs ${small.toLocaleString()} rows)`,
    );
  }
  server.closeAllConnections();
  server.close();
  await testDb.destroy();
}

await benchDatabase('SQLite', true);
if (process.env.DATABASE_URL) await benchDatabase('PostgreSQL', false);
