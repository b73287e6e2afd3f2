/** The real application (production settings, logging at warn) on a fresh database, for bench/submit. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb, migrate } from '../../server/db/connection.ts';
import { buildCatalog } from '../../server/procedures/catalog.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'bench-submit-'));
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  APP_SECRET: 'bench-secret-bench-secret-bench-secret',
  SQLITE_PATH: path.join(dir, 'bench.sqlite3'),
  STATUS_LOOKUPS_PER_WINDOW: '1000000',
});
const db = createDb(config);
await migrate(db);
const catalog = await buildCatalog(db, config.FORM_DEFINITIONS_DIR);
const server = createApp({ config, db, catalog }).listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
process.on('message', async (msg) => {
  if (msg === 'exit') process.exit(0);
  if (msg === 'count') {
    const [row] = await db('submissions').count({ n: '*' });
    process.send?.({ count: Number(row?.n) });
  }
});
