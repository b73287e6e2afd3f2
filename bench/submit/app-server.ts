/**
 * The real application (production settings, logging at warn) on a fresh, empty database — a
 * SQLite file, or a new PostgreSQL database when DATABASE_URL is set — for bench/submit.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { buildCatalog } from '../../server/procedures/catalog.ts';
import { createTestDb } from '../../tests/helpers/database.ts';

const testDb = await createTestDb({ sqliteDriver: process.env.SQLITE_DRIVER === 'sqlite3' ? 'sqlite3' : 'better-sqlite3' });
const config = loadConfig({
  ...process.env,
  ...testDb.env,
  NODE_ENV: 'production',
  PUBLIC_BASE_URL: 'https://shinsei.city.koganei.example.jp',
  LOG_LEVEL: 'warn',
  APP_SECRET: 'bench-secret-bench-secret-bench-secret',
  // Every request comes from one address here: the limiter still counts each one, it just never refuses.
  SUBMISSIONS_PER_WINDOW: '1000000000',
  // Submissions carry no file here (bench/uploads measures those): no scanner needed.
  ATTACHMENT_SCAN: 'off',
});
const catalog = await buildCatalog(testDb.db, config.FORM_DEFINITIONS_DIR);
const server = createApp({ config, db: testDb.db, catalog }).listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
// BENCH_PROFILE=1: the measured run (not start-up or warm-up) is CPU-profiled into bench/results/profiles/.
const profiler = process.env.BENCH_PROFILE === '1' ? new Session() : null;
async function onMessage(msg: unknown): Promise<void> {
  if (msg === 'profile-start' && profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.post('Profiler.start');
    process.send?.('profiling');
  }
  if (msg === 'profile-stop' && profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    const dir = path.join(import.meta.dirname, '..', 'results', 'profiles');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `submit-${process.env.BENCH_NAME ?? 'app'}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    process.send?.({ profile: file });
  }
  if (msg === 'count') {
    const [row] = await testDb.db('submissions').count({ n: '*' });
    process.send?.({ count: Number(row?.n) });
  }
  if (msg === 'exit') {
    server.close();
    await testDb.destroy();
    process.exit(0);
  }
}
process.on('message', (msg) => {
  onMessage(msg).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
