/**
 * The real application (production settings, logging at warn) on a fresh database for
 * bench/uploads: clamd at CLAMD_URL when the bench started one, otherwise ATTACHMENT_SCAN=off.
 */
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { buildCatalog } from '../../server/procedures/catalog.ts';
import { createTestDb } from '../../tests/helpers/database.ts';

const testDb = await createTestDb();
const config = loadConfig({
  ...process.env,
  ...testDb.env,
  NODE_ENV: 'production',
  PUBLIC_BASE_URL: 'https://shinsei.city.koganei.example.jp',
  LOG_LEVEL: 'warn',
  APP_SECRET: 'bench-secret-bench-secret-bench-secret',
  UPLOADS_PER_WINDOW: '1000000000',
  ...(process.env.CLAMD_URL ? {} : { ATTACHMENT_SCAN: 'off' }),
});
const catalog = await buildCatalog(testDb.db, config.FORM_DEFINITIONS_DIR);
const server = createApp({ config, db: testDb.db, catalog }).listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
process.on('message', (msg) => {
  if (msg !== 'exit') return;
  server.close();
  testDb.destroy().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
