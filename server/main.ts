/**
 * Start-up: validate the environment, open the database and migrate it, check and compile
 * every procedure definition (any problem stops start-up), then listen on PORT.
 */
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { syncDemoAccounts } from './auth/demo.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDb, dialectOf, migrate } from './db/connection.ts';
import { buildCatalog, DefinitionProblems } from './procedures/catalog.ts';
import { MailSender } from './notifications/sender.ts';
import { createLogger } from './logger.ts';
import { startHousekeeping } from './housekeeping.ts';
import { startCheckpoints } from './audit/checkpoints.ts';
import type { PaymentEvents } from './payments/events.ts';
import type { Scanner } from './attachments/scanner.ts';
import { heicConverterAvailable } from './attachments/content.ts';

async function main(): Promise<void> {
  const config = await withDemoIdentityProvider(loadConfig());
  const db = createDb(config);
  await migrate(db);
  const catalog = await buildCatalog(db, config.FORM_DEFINITIONS_DIR);
  const demo = await syncDemoAccounts(
    db,
    config.DEMO_MODE,
    catalog.departments().map((d) => d.id),
    config.DATA_DIR,
  );
  const logger = createLogger(config.LOG_LEVEL);
  const app = createApp({ config, db, catalog, logger });
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
  // Mails wait in the outbox until an SMTP server is configured; nothing is lost meanwhile.
  const stopMail = config.SMTP_URL
    ? new MailSender(db, config.SMTP_URL, config.MAIL_FROM, logger, config.SMTP_TIMEOUT_MS).start(config.OUTBOX_POLL_MS)
    : () => undefined;
  const stopHousekeeping = startHousekeeping(db, logger, config.STAFF_IDLE_MINUTES, undefined, {
    idleMinutes: config.RESIDENT_IDLE_MINUTES,
    draftDays: config.RESIDENT_DRAFT_DAYS,
  });
  const stopCheckpoints = startCheckpoints(db, config.AUDIT_CHECKPOINT_FILE, config.AUDIT_CHECKPOINT_MINUTES * 60_000, (err) =>
    logger.error({ err }, 'audit checkpoint failed'),
  );
  const stopReconcile = config.STRIPE_SECRET_KEY
    ? (app.locals.paymentEvents as PaymentEvents).start(config.PAYMENT_RECONCILE_SECONDS * 1000, logger)
    : () => undefined;
  const server: Server = app.listen(config.PORT, config.HOST, () => {
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
        `  Mail:       ${config.SMTP_URL ? 'SMTP configured' : 'SMTP_URL not set: mails wait in the outbox'}`,
        `  Payments:   ${config.STRIPE_SECRET_KEY ? `Stripe Checkout (${config.STRIPE_PAYMENT_METHODS.join(', ')})` : 'STRIPE_SECRET_KEY not set: fees are paid at the counter'}`,
        `  Uploads:    ${scanner.enabled ? `scanned by clamd (${config.CLAMD_URL})` : 'ATTACHMENT_SCAN off: files are stored unscanned and marked 未検査 to staff'}; HEIC ${heic ? 'converted to JPEG' : `refused (${config.HEIF_CONVERT_PATH} not found: apt-get install libheif-examples)`}`,
        `  Sign-in:    ${config.OIDC_ISSUER ? `${config.OIDC_PROVIDER_LABEL.split('|')[0]} at ${config.OIDC_ISSUER}${config.DEMO_MODE && demoIdp ? ' (demo: a local stand-in for デジタル認証アプリ with synthetic residents)' : ''}` : 'OIDC_ISSUER not set: residents cannot sign in'}`,
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
  });
  const stop = () => {
    stopMail();
    stopHousekeeping();
    stopCheckpoints();
    stopReconcile();
    void demoIdp?.close();
    server.close(() => {
      void db.destroy().then(() => process.exit(0));
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

let demoIdp: { close: () => Promise<void> } | null = null;

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
