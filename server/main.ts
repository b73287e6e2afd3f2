/**
 * Start-up: validate the environment, open the database and migrate it (once, when several
 * servers start together: knex's migration lock), check and compile every procedure definition
 * (any problem stops start-up), start the background jobs, then listen on PORT. SIGTERM: stop
 * accepting (/readyz 503), finish the requests in flight (and so the pending group commit) and the
 * running jobs, then exit.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { syncDemoAccounts } from './auth/demo.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDb, dialectOf, migrate } from './db/connection.ts';
import { buildCatalog, DefinitionProblems } from './procedures/catalog.ts';
import { keepConnectionsAlive } from './http/keep-alive.ts';
import { createLogger } from './logger.ts';
import { startCheckpoints } from './audit/checkpoints.ts';
import type { JobRunner } from './jobs/runner.ts';
import type { Redis } from 'ioredis';
import type { Scanner } from './attachments/scanner.ts';
import { heicConverterAvailable } from './attachments/content.ts';
import { withDemoSigningApp } from './demo/signing-demo.ts';

async function main(): Promise<void> {
  const withIdp = await withDemoIdentityProvider(loadConfig());
  const demoSigning = await withDemoSigningApp(withIdp);
  demoSigner = demoSigning;
  const config = demoSigning?.config ?? withIdp;
  const db = createDb(config);
  await migrate(db);
  const catalog = await buildCatalog(db, config.FORM_DEFINITIONS_DIR);
  const demo = await syncDemoAccounts(
    db,
    config.DEMO_MODE,
    catalog.departments().map((d) => d.id),
    config.DATA_DIR,
  );
  const app = createApp({ config, db, catalog, logger: createLogger(config.LOG_LEVEL) });
  const logger = app.locals.logger as Logger;
  // Uploads are scanned before they can be attached: no reachable scanner, no start (ATTACHMENT_SCAN=off says otherwise).
  const scanner = app.locals.scanner as Scanner;
  if (scanner.enabled) {
    try {
      await scanner.ping();
    } catch (error) {
      throw new ConfigError(
        `Invalid environment:\n  CLAMD_URL: the virus scanner does not answer (${(error as Error).message}); start clamd, or set ATTACHMENT_SCAN=off explicitly`,
      );
    }
  }
  const heic = await heicConverterAvailable(config.HEIF_CONVERT_PATH);
  // Mail, payment checks, housekeeping: jobs (pg-boss on PostgreSQL, in-process on SQLite). Mails wait in the outbox until SMTP_URL is set.
  const jobs = app.locals.jobs as JobRunner;
  await jobs.start();
  const stopCheckpoints = startCheckpoints(db, config.AUDIT_CHECKPOINT_FILE, config.AUDIT_CHECKPOINT_MINUTES * 60_000, (err) =>
    logger.error({ err }, 'audit checkpoint failed'),
  );
  const server: Server = keepConnectionsAlive(
    app.listen(config.PORT, config.HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      const where = dialectOf(db) === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${config.SQLITE_PATH}`;
      console.log(
        [
          '',
          '  小金井市 オンライン手続 / Koganei online procedures',
          `  Residents:  http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/`,
          `  API:        http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/api/openapi.json`,
          `  Database:   ${where}`,
          `  Server:     ${config.SERVER_ID}; jobs ${jobs.kind === 'pg-boss' ? 'on pg-boss (shared by every server)' : 'in this process (SQLite)'}${config.REDIS_URL ? '; rate limits in Redis' : ''}`,
          `  Mail:       ${config.SMTP_URL ? 'SMTP configured' : 'SMTP_URL not set: mails wait in the outbox'}`,
          `  Payments:   ${config.STRIPE_SECRET_KEY ? `Stripe Checkout (${config.STRIPE_PAYMENT_METHODS.join(', ')})` : 'STRIPE_SECRET_KEY not set: fees are paid at the counter'}`,
          `  Uploads:    ${scanner.enabled ? `scanned by clamd (${config.CLAMD_URL})` : 'ATTACHMENT_SCAN off: files are stored unscanned and marked 未検査 to staff'}; HEIC ${heic ? 'converted to JPEG' : `refused (${config.HEIF_CONVERT_PATH} not found: apt-get install libheif-examples)`}`,
          `  Sign-in:    ${config.OIDC_ISSUER ? `${config.OIDC_PROVIDER_LABEL.split('|')[0]} at ${config.OIDC_ISSUER}${config.DEMO_MODE && demoIdp ? ' (demo: a local stand-in for デジタル認証アプリ with synthetic residents)' : ''}` : 'OIDC_ISSUER not set: residents cannot sign in'}`,
          `  Signatures: ${config.SIGNING_APP_URL ? `signing app at ${config.SIGNING_APP_URL}${demoSigner ? ' (demo: a local stand-in with synthetic cards and a PKI made at start)' : ''}` : 'SIGNING_APP_URL not set: procedures that need a signature are closed online'}`,
          `  Staff 2FA:  ${config.STAFF_MFA === 'required' ? 'required (TOTP) for every member of staff' : 'optional (STAFF_MFA=optional): staff may enrol on 自分のアカウント'}`,
          `  Procedures: ${catalog
            .published()
            .map((c) => c.definition.id)
            .join(', ')}`,
          ...(demo.length > 0
            ? [
                '',
                `  Staff (demo accounts): http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/staff`,
                ...demo.map((a) => `    ${a.role.padEnd(10)} ${a.email}  /  ${a.password}${a.departmentId ? `  (${a.departmentId})` : ''}`),
              ]
            : []),
          '',
        ].join('\n'),
      );
    }),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests; finishing those in flight');
    app.locals.draining = true;
    const deadline = setTimeout(() => {
      logger.warn('shutdown grace period over; exiting with requests or jobs unfinished');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    deadline.unref();
    stopCheckpoints();
    void demoIdp?.close();
    void demoSigner?.close();
    // Stops accepting; the callback runs once every request in flight has been answered (after its group commit).
    server.close(() => {
      void (async () => {
        await jobs.stop(Math.max(1000, config.SHUTDOWN_GRACE_MS - 2000));
        await (app.locals.redis as Redis | null)?.quit().catch(() => undefined);
        await db.destroy();
        logger.info('stopped');
        process.exit(0);
      })();
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

let demoIdp: { close: () => Promise<void> } | null = null;
let demoSigner: { close: () => Promise<void> } | null = null;

/**
 * The demo (npm start) shows resident sign-in without an outside provider: a local OpenID Connect
 * provider standing in for デジタル認証アプリ (server/demo/identity-provider.ts) unless OIDC_ISSUER is set.
 */
async function withDemoIdentityProvider(config: Config): Promise<Config> {
  if (!config.DEMO_MODE || config.OIDC_ISSUER) return config;
  const { startStandInProvider } = await import('./demo/identity-provider.ts');
  const base = config.PUBLIC_BASE_URL;
  const idp = await startStandInProvider({
    redirectUris: [new URL('/api/resident/callback', base).href],
    postLogoutRedirectUris: [new URL('/', base).href],
  });
  demoIdp = idp;
  return {
    ...config,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ALLOW_HTTP: true,
    OIDC_ACR_VALUES: config.OIDC_ACR_VALUES ?? 'urn:jpki:mynumbercard',
  };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DefinitionProblems) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
