/** The real application on an ephemeral port, against a real test database. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { buildCatalog, type Catalog } from '../../server/procedures/catalog.ts';
import type { PaymentEvents } from '../../server/payments/events.ts';
import { createTestDb, type TestDb } from './database.ts';

export interface TestServer {
  url: string;
  config: Config;
  catalog: Catalog;
  testDb: TestDb;
  /** Webhook handling and the periodic check with Stripe (tests call reconcile directly). */
  paymentEvents: PaymentEvents;
  close: () => Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const testDb = await createTestDb();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    APP_SECRET: 'test-secret-test-secret-test-secret-0123',
    PORT: '0',
    ...testDb.env,
    ...env,
  });
  const catalog = await buildCatalog(testDb.db, config.FORM_DEFINITIONS_DIR);
  const app = createApp({ config, db: testDb.db, catalog });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    catalog,
    testDb,
    paymentEvents: app.locals.paymentEvents as PaymentEvents,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await testDb.destroy();
    },
  };
}
