/**
 * The one place the environment is read. Every variable is documented here and in
 * .env.example; an invalid value stops start-up with a message naming the variable.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const ROOT_DIR = path.resolve(import.meta.dirname, '..');

const schema = z.object({
  /** development | production | test. Production requires APP_SECRET and HTTPS in front. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Port the HTTP server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to bind; 0.0.0.0 to accept connections from other hosts. */
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL connection string. When unset, an embedded SQLite file is used. */
  DATABASE_URL: z.string().url().optional(),
  /** SQLite file (when DATABASE_URL is unset). */
  SQLITE_PATH: z.string().default(path.join(ROOT_DIR, 'data', 'koganei.sqlite3')),
  /** knex SQLite driver: better-sqlite3 (default, measured faster: docs/decisions/0002) or sqlite3. */
  SQLITE_DRIVER: z.enum(['better-sqlite3', 'sqlite3']).default('better-sqlite3'),
  /** Secret for access-code hashes and idempotent replays (32+ characters). Required in production. */
  APP_SECRET: z.string().min(32).optional(),
  /** Key of the audit log's hash chain (32+ characters), kept outside the database. Unset: derived from APP_SECRET. */
  AUDIT_SECRET: z.string().min(32).optional(),
  /** File the audit log's signed checkpoints are appended to (ship it to storage the database's users cannot write). */
  AUDIT_CHECKPOINT_FILE: z.string().optional(),
  /** How often a checkpoint of the audit log's head is written, in minutes. */
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).default(10),
  /** Folder with the procedure definitions. */
  FORM_DEFINITIONS_DIR: z.string().default(path.join(ROOT_DIR, 'form-definitions')),
  /** Built client (vite build output). */
  CLIENT_DIST_DIR: z.string().default(path.join(ROOT_DIR, 'dist', 'client')),
  /** Largest accepted JSON body, in bytes. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** Status look-ups allowed per client address per 15 minutes (guessing protection). */
  STATUS_LOOKUPS_PER_WINDOW: z.coerce.number().int().min(1).default(30),
  /** Staff sign-in attempts allowed per client address per 15 minutes (on top of the per-account lockout). */
  LOGIN_ATTEMPTS_PER_WINDOW: z.coerce.number().int().min(1).default(20),
  /** Submissions allowed per client address per 15 minutes (generous: mobile carriers share addresses). */
  SUBMISSIONS_PER_WINDOW: z.coerce.number().int().min(1).default(60),
  /** Anonymous form starts counted per client address per 15 minutes (the published funnel). */
  FORM_STARTS_PER_WINDOW: z.coerce.number().int().min(1).default(120),
  /** Number of proxies in front of the app whose X-Forwarded-For to trust (0 = none). Superseded by TRUST_PROXY when that is set. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  /**
   * Which proxies' X-Forwarded-For to believe (rate limits then key on the resident's address):
   * false (none: the default), a number of hops, or a comma list of the proxies' addresses or
   * networks (loopback, 10.0.0.5, 10.0.0.0/24). `true` (believe anyone) is refused: any client could then pick its address.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx): false | number | string[] | undefined => {
      if (v === undefined || v === '') return undefined;
      if (v === 'false') return false;
      if (/^\d+$/u.test(v)) return Number(v);
      const list = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (list.length === 0 || !list.every((s) => /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/iu.test(s))) {
        ctx.addIssue({ code: 'custom', message: 'false, a number of hops, or a comma list of addresses/networks (never true)' });
        return z.NEVER;
      }
      return list;
    }),
  /** This server's name in logs and in the job queue (several servers behind a balancer). Default: host name and process id. */
  SERVER_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/u)
    .default(`${hostname()}-${process.pid}`),
  /** Redis (redis://127.0.0.1:6379/0): when set, rate limits and look-up budgets are counted there instead of in the database. */
  REDIS_URL: z.string().url().optional(),
  /** On SIGTERM: how long requests in flight and running jobs may take before the process exits anyway, in milliseconds. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(100).default(25_000),
  /** How often ended sessions, rate-limit windows and unattached uploads are removed, in minutes. */
  HOUSEKEEPING_MINUTES: z.coerce.number().int().min(1).default(10),
  /** Send the staff session cookie with Secure even when the request looks like plain HTTP (set behind a TLS proxy). */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** Second factor (TOTP) for staff: required (default in production, and refused otherwise there) or optional (demo, tests). */
  STAFF_MFA: z.enum(['required', 'optional']).optional(),
  /** Minutes a staff session may go unused before it ends (its absolute limit is 10 hours). */
  STAFF_IDLE_MINUTES: z.coerce.number().int().min(1).max(600).default(30),
  /** Demo mode (npm start): creates one demo staff account per role and prints their logins. */
  DEMO_MODE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Public address of this service, used in links in mails. */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  /** SMTP server for mails to residents, e.g. smtp://user:pass@mail.example:587. Unset: mails wait in the outbox. */
  SMTP_URL: z.string().url().optional(),
  /** Sender of mails to residents. */
  MAIL_FROM: z.string().default('小金井市 オンライン手続 <no-reply@koganei.example>'),
  /** SMTP connect, greeting and socket timeout, in milliseconds (a stalled mail server costs one send, no more). */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** How long a mail taken by one server is left to it before another server may send it (its sender died mid-send), in seconds. */
  MAIL_CLAIM_LEASE_SECONDS: z.coerce.number().int().min(5).default(300),
  /** How often the outbox is polled for mails to send, in milliseconds. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(100).default(5000),
  /** Stripe secret key (sk_live_... or sk_test_...). Unset: fees are paid at the counter (窓口でお支払い). */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Signing secret of the Stripe webhook endpoint (whsec_...). Required with STRIPE_SECRET_KEY. */
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Payment methods offered in Stripe Checkout: card, or card,konbini (enable konbini in the Stripe dashboard first). */
  STRIPE_PAYMENT_METHODS: z
    .string()
    .default('card')
    .transform((v) =>
      v
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['card', 'konbini'])).min(1)),
  /** Tests only: the address of a local stand-in for Stripe's API (e.g. http://127.0.0.1:12111). Refused in production. */
  STRIPE_API_BASE: z.string().url().optional(),
  /** Minutes a Checkout Session stays open (Stripe allows 30 to 1440). */
  CHECKOUT_EXPIRES_MINUTES: z.coerce.number().int().min(30).max(1440).default(60),
  /** How often sessions and refunds still open are checked with Stripe (lost webhooks), in seconds. */
  PAYMENT_RECONCILE_SECONDS: z.coerce.number().int().min(1).default(300),
  /** Virus scanning of uploads: on (clamd at CLAMD_URL; start-up refuses to run without it) or off (files marked 未検査 to staff). Default: on in production, on elsewhere when CLAMD_URL is set. */
  ATTACHMENT_SCAN: z.enum(['on', 'off']).optional(),
  /** clamd's address: unix:/run/clamav/clamd.ctl or tcp://127.0.0.1:3310. */
  CLAMD_URL: z
    .string()
    .regex(/^(unix:\/.+|tcp:\/\/[^/]+:\d+)$/u, 'unix:/path/to/clamd.ctl or tcp://host:port')
    .optional(),
  /** How long one scan may take before the upload is refused (503), in milliseconds. */
  CLAMD_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Debian's heif-convert (package libheif-examples), to turn HEIC photos into JPEG; HEIC uploads are refused without it. */
  HEIF_CONVERT_PATH: z.string().default('heif-convert'),
  /** File uploads allowed per client address per 15 minutes. */
  UPLOADS_PER_WINDOW: z.coerce.number().int().min(1).default(100),
  /** Resident sign-in: the OpenID Connect provider's issuer URL (デジタル認証アプリ or the city's own). Unset: no sign-in, and procedures that require it are closed. */
  OIDC_ISSUER: z.string().url().optional(),
  /** The client id the provider registered for this service. */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** The client secret (client_secret_basic). Use OIDC_PRIVATE_KEY_FILE instead for private_key_jwt. */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** PEM (PKCS#8) private key for private_key_jwt client authentication; its public key is registered with the provider. */
  OIDC_PRIVATE_KEY_FILE: z.string().optional(),
  /** Signing algorithm of the private_key_jwt assertion. */
  OIDC_PRIVATE_KEY_ALG: z.enum(['RS256', 'PS256', 'ES256']).default('RS256'),
  /** Scopes asked for, space-separated (openid is always included). */
  OIDC_SCOPES: z.string().default('openid profile address'),
  /** acr_values asked for (e.g. the assurance level the city requires), space-separated. */
  OIDC_ACR_VALUES: z.string().optional(),
  /** Claim names of the 基本4情報 and of the assurance level, where the provider names them differently. */
  OIDC_CLAIM_NAME: z.string().default('name'),
  OIDC_CLAIM_ADDRESS: z.string().default('address'),
  OIDC_CLAIM_BIRTHDATE: z.string().default('birthdate'),
  OIDC_CLAIM_SEX: z.string().default('gender'),
  OIDC_CLAIM_ASSURANCE: z.string().default('acr'),
  /** How the provider is named to residents, e.g. "デジタル認証アプリ|Digital Authentication App" (Japanese|English). */
  OIDC_PROVIDER_LABEL: z.string().default('デジタル認証アプリ（マイナンバーカード）|Digital Authentication App (My Number Card)'),
  /** Tests and the demo only: allow an http:// issuer on this machine. Refused in production. */
  OIDC_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Minutes a resident session may go unused before it ends. */
  RESIDENT_IDLE_MINUTES: z.coerce.number().int().min(1).max(240).default(30),
  /** Absolute limit of a resident session, in hours. */
  RESIDENT_SESSION_HOURS: z.coerce.number().int().min(1).max(24).default(4),
  /** Days a signed-in resident's draft is kept untouched before it is deleted. */
  RESIDENT_DRAFT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** The signing app (docs/signatures.md): its base URL (the resident is sent to /sign; the result is fetched from /result). Unset: procedures that need a signature are closed online. */
  SIGNING_APP_URL: z.string().url().optional(),
  /** This platform's client id at the signing app. */
  SIGNING_CLIENT_ID: z.string().min(1).optional(),
  /** Its client secret (HTTP Basic on the result request). */
  SIGNING_CLIENT_SECRET: z.string().min(1).optional(),
  /** PEM (or DER) file of the trust anchors: the JPKI signing CA certificates the city obtained from J-LIS. */
  SIGNATURE_TRUST_ANCHORS: z.string().optional(),
  /** PEM file of intermediate CA certificates, if any. */
  SIGNATURE_INTERMEDIATES: z.string().optional(),
  /** Comma list of CRL files (PEM or DER) the city refreshes; re-read when a file changes. */
  SIGNATURE_CRLS: z.string().optional(),
  /** A CRL older than this many hours is not used, even before its nextUpdate (signed filing then stops, 503). */
  SIGNATURE_CRL_MAX_AGE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 31)
    .default(48),
  /** Minutes a resident has to sign once asked (and to file after signing). */
  SIGNING_REQUEST_MINUTES: z.coerce.number().int().min(2).max(120).default(20),
  /** Milliseconds to wait for the signing app's result before saying it is unreachable. */
  SIGNING_APP_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
  /** Tests and the demo only: allow an http:// signing app on this machine. Refused in production. */
  SIGNING_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Omit<z.infer<typeof schema>, 'ATTACHMENT_SCAN' | 'STAFF_MFA' | 'TRUST_PROXY'> & {
  /** Express's `trust proxy`: from TRUST_PROXY, else TRUST_PROXY_HOPS. */
  TRUST_PROXY: false | number | string[];
  APP_SECRET: string;
  DATA_DIR: string;
  AUDIT_KEY: string;
  AUDIT_CHECKPOINT_FILE: string;
  ATTACHMENT_SCAN: 'on' | 'off';
  STAFF_MFA: 'required' | 'optional';
  /** Key of the staff TOTP secrets' encryption at rest (AES-256-GCM), derived from APP_SECRET. */
  MFA_KEY: Buffer;
  /** Key of resident sessions' attributes and drafts at rest (AES-256-GCM), derived from APP_SECRET. */
  RESIDENT_KEY: Buffer;
};

export class ConfigError extends Error {}

/** Development keeps a generated secret in data/ so replays survive restarts; production must set one. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, '.app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  // Local files the server keeps (development secret, demo logins) live beside the SQLite file.
  const config = {
    ...parsed.data,
    COOKIE_SECURE: parsed.data.COOKIE_SECURE || parsed.data.NODE_ENV === 'production',
    DATA_DIR: path.dirname(parsed.data.SQLITE_PATH),
  };
  if (Boolean(config.STRIPE_SECRET_KEY) !== Boolean(config.STRIPE_WEBHOOK_SECRET)) {
    throw new ConfigError(
      'Invalid environment:\n  STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: set both (online payment) or neither (payment at the counter)',
    );
  }
  if (config.DEMO_MODE && config.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid environment:\n  DEMO_MODE: demo accounts are never created in production (unset DEMO_MODE, or use NODE_ENV=development)',
    );
  }
  if (config.STRIPE_API_BASE && config.NODE_ENV === 'production')
    throw new ConfigError('Invalid environment:\n  STRIPE_API_BASE: only for tests; production talks to Stripe itself');
  if (config.STAFF_MFA === 'optional' && config.NODE_ENV === 'production')
    throw new ConfigError('Invalid environment:\n  STAFF_MFA: every member of staff has a second factor in production (unset it there)');
  if (!config.APP_SECRET && config.NODE_ENV === 'production')
    throw new ConfigError('Invalid environment:\n  APP_SECRET: required in production');
  if (config.NODE_ENV === 'production') {
    // The address printed on every receipt (and its QR code), in mails and given to the identity provider.
    const base = new URL(config.PUBLIC_BASE_URL);
    if (base.protocol !== 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(base.hostname))
      throw new ConfigError(
        'Invalid environment:\n  PUBLIC_BASE_URL: the public https address residents use (receipts, mails and sign-in carry it), e.g. https://shinsei.city.example.jp',
      );
  }
  if (config.OIDC_ALLOW_HTTP && config.NODE_ENV === 'production')
    throw new ConfigError(
      'Invalid environment:\n  OIDC_ALLOW_HTTP: only for tests and the demo; production talks to its provider over HTTPS',
    );
  if (config.OIDC_ISSUER && (!config.OIDC_CLIENT_ID || (!config.OIDC_CLIENT_SECRET && !config.OIDC_PRIVATE_KEY_FILE)))
    throw new ConfigError(
      'Invalid environment:\n  OIDC_CLIENT_ID, OIDC_CLIENT_SECRET / OIDC_PRIVATE_KEY_FILE: with OIDC_ISSUER, set the client id and a secret or a private key',
    );
  if (config.OIDC_ISSUER?.startsWith('http:') && !config.OIDC_ALLOW_HTTP)
    throw new ConfigError('Invalid environment:\n  OIDC_ISSUER: the provider must be reached over https');
  if (config.SIGNING_ALLOW_HTTP && config.NODE_ENV === 'production')
    throw new ConfigError(
      'Invalid environment:\n  SIGNING_ALLOW_HTTP: only for tests and the demo; production talks to its signing app over HTTPS',
    );
  if (
    config.SIGNING_APP_URL &&
    (!config.SIGNING_CLIENT_ID || !config.SIGNING_CLIENT_SECRET || !config.SIGNATURE_TRUST_ANCHORS || !config.SIGNATURE_CRLS)
  )
    throw new ConfigError(
      'Invalid environment:\n  SIGNING_CLIENT_ID, SIGNING_CLIENT_SECRET, SIGNATURE_TRUST_ANCHORS, SIGNATURE_CRLS: with SIGNING_APP_URL, set the client and the trust anchors and CRLs signatures are verified with',
    );
  if (config.SIGNING_APP_URL?.startsWith('http:') && !config.SIGNING_ALLOW_HTTP)
    throw new ConfigError('Invalid environment:\n  SIGNING_APP_URL: the signing app must be reached over https');
  const scan = config.ATTACHMENT_SCAN ?? (config.NODE_ENV === 'production' || config.CLAMD_URL ? 'on' : 'off');
  if (scan === 'on' && !config.CLAMD_URL)
    throw new ConfigError(
      'Invalid environment:\n  CLAMD_URL: uploads are scanned with clamd (set CLAMD_URL), or set ATTACHMENT_SCAN=off explicitly to store them unscanned',
    );
  const appSecret = config.APP_SECRET ?? developmentSecret(config.DATA_DIR);
  return {
    ...config,
    ATTACHMENT_SCAN: scan,
    TRUST_PROXY: config.TRUST_PROXY ?? config.TRUST_PROXY_HOPS,
    APP_SECRET: appSecret,
    AUDIT_KEY: config.AUDIT_SECRET ?? createHmac('sha256', appSecret).update('audit-chain-v1').digest('base64url'),
    AUDIT_CHECKPOINT_FILE: config.AUDIT_CHECKPOINT_FILE ?? path.join(config.DATA_DIR, 'audit-checkpoints.jsonl'),
    STAFF_MFA: config.STAFF_MFA ?? (config.NODE_ENV === 'production' ? 'required' : 'optional'),
    MFA_KEY: createHmac('sha256', appSecret).update('staff-totp-v1').digest(),
    RESIDENT_KEY: createHmac('sha256', appSecret).update('resident-data-v1').digest(),
  };
}
