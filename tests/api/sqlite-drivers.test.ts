/**
 * Both of knex's SQLite drivers store and find submissions the same way (group commit, replay
 * by idempotency key, status look-up). sqlite3 is the default; better-sqlite3 stays selectable.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { buildCatalog } from '../../server/procedures/catalog.ts';
import { createTestDb } from '../helpers/database.ts';
import { call, definition, submit } from '../helpers/http.ts';

describe.each(['sqlite3', 'better-sqlite3'] as const)('SQLite driver %s', (driver) => {
  it('stores concurrent submissions in shared commits, replays a retried key and finds the status', async () => {
    // This file is about SQLite, also in the PostgreSQL run of the suite.
    const testDb = await createTestDb({ sqliteDriver: driver, sqliteOnly: true });
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      APP_SECRET: 'd'.repeat(40),
      ...testDb.env,
      DATABASE_URL: undefined,
    });
    expect(config.SQLITE_DRIVER).toBe(driver);
    const catalog = await buildCatalog(testDb.db, config.FORM_DEFINITIONS_DIR);
    const server = createApp({ config, db: testDb.db, catalog }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const answers = definition('juminhyo-copy').examples[0];
      const key = randomUUID();
      const results = await Promise.all([
        ...Array.from({ length: 30 }, () => submit(url, 'juminhyo-copy', answers)),
        submit(url, 'juminhyo-copy', answers, { key }),
        submit(url, 'juminhyo-copy', answers, { key }),
      ]);
      expect(results.every((r) => r.status === 201)).toBe(true);
      expect(results.at(-1)!.body).toEqual(results.at(-2)!.body);
      const [row] = await testDb.db('submissions').count({ n: '*' });
      expect(Number(row?.n)).toBe(31);
      const { referenceNumber, accessCode } = results[0]!.body;
      const status = await call(`${url}/api/submissions/status`, { method: 'POST', json: { referenceNumber, accessCode } });
      expect(status.body.status).toBe('submitted');
    } finally {
      await new Promise((r) => server.close(r));
      await testDb.destroy();
    }
  });
});
