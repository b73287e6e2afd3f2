/** The real application on an ephemeral port, against a real test database. */
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import { createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { buildCatalog, type Catalog } from '../../server/procedures/catalog.ts';
import type { PaymentEvents } from '../../server/payments/events.ts';
import type { Route } from '../../server/http/route.ts';
import type { JobRunner } from '../../server/jobs/runner.ts';
import { keepConnectionsAlive } from '../../server/http/keep-alive.ts';
import { startStandInProvider, type StandInProvider } from '../../server/demo/identity-provider.ts';
import { createTestDb, type TestDb } from './database.ts';
import { freePort } from './ports.ts';

export { freePort };

export interface TestServer {
  url: string;
  config: Config;
  /** The environment the config was loaded from (a peer server starts from the same). */
  env: Record<string, string>;
  catalog: Catalog;
  testDb: TestDb;
  /** Webhook handling and the periodic check with Stripe (tests call reconcile directly). */
  paymentEvents: PaymentEvents;
  /** Every route the app mounts, as declared (http/route.ts): tests derive their matrices from them. */
  routes: { api: Route[]; root: Route[] };
  /** The local OpenID Connect stand-in the app signs residents in with (absent with `identityProvider: false`). */
  idp: StandInProvider | null;
  close: () => Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: { port?: number; jobs?: (testDb: TestDb) => JobRunner; identityProvider?: boolean; clock?: () => Date } = {},
): Promise<TestServer> {
  const testDb = await createTestDb();
  const port = options.port ?? (await freePort());
  // Procedures that collect a 個人番号 need a verified identity: every test server has the local
  // provider (as the demo does) unless the test brings its own or is about having none.
  const base = env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;
  const idp =
    options.identityProvider === false || env.OIDC_ISSUER
      ? null
      : await startStandInProvider({
          redirectUris: [...new Set([`http://127.0.0.1:${port}/api/resident/callback`, `${base}/api/resident/callback`])],
          postLogoutRedirectUris: [...new Set([`http://127.0.0.1:${port}/`, `${base}/`])],
        });
  const provider: Record<string, string> = idp
    ? {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_ALLOW_HTTP: 'true',
        OIDC_ACR_VALUES: 'urn:jpki:mynumbercard',
      }
    : {};
  const settings: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    APP_SECRET: 'test-secret-test-secret-test-secret-0123',
    PORT: '0',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    // Every request comes from 127.0.0.1: tests that are about the limits set their own.
    SUBMISSIONS_PER_WINDOW: '100000',
    FORM_STARTS_PER_WINDOW: '100000',
    LOGIN_ATTEMPTS_PER_WINDOW: '100000',
    UPLOADS_PER_WINDOW: '100000',
    ...provider,
    ...testDb.env,
    ...env,
  };
  const config = loadConfig(settings);
  const catalog = await buildCatalog(testDb.db, config.FORM_DEFINITIONS_DIR);
  const app = createApp({
    config,
    db: testDb.db,
    catalog,
    ...(options.jobs ? { jobs: options.jobs(testDb) } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const s = keepConnectionsAlive(app.listen(port, '127.0.0.1', () => resolve(s)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    env: settings,
    catalog,
    testDb,
    paymentEvents: app.locals.paymentEvents as PaymentEvents,
    routes: app.locals.routes as { api: Route[]; root: Route[] },
    idp,
    close: async () => {
      await closeApp(server, app);
      await idp?.close();
      await testDb.destroy();
    },
  };
}

async function closeApp(server: Server, app: ReturnType<typeof createApp>): Promise<void> {
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  await (app.locals.redis as Redis | null)?.quit().catch(() => undefined);
}

/** A second server process's worth of application on the same database (several servers behind one balancer). */
export async function startPeerServer(
  of: TestServer,
  env: Record<string, string> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const config = loadConfig({ ...of.env, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...env });
  const app = createApp({ config, db: of.testDb.db, catalog: of.catalog });
  const server: Server = await new Promise((resolve) => {
    const s = keepConnectionsAlive(app.listen(port, '127.0.0.1', () => resolve(s)));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => closeApp(server, app) };
}
