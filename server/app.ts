/**
 * Builds the Express application from its dependencies (no globals, so tests build as many as
 * they need against real databases). Request lifecycle: security headers -> request id and
 * access log (no bodies) -> API routes, each with its own chain (rate limit, session, role, CSRF,
 * body parser) -> typed input (zod, 422) -> handler -> client -> 404 -> error envelope.
 */
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { Router } from 'express';
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { attachmentRoutes } from './attachments/routes.ts';
import { ClamdScanner, noScanner, parseClamdUrl } from './attachments/scanner.ts';
import { AttachmentService } from './attachments/service.ts';
import { DatabaseStore } from './attachments/store.ts';
import { accountRoutes } from './auth/account-routes.ts';
import { adminRoutes } from './auth/admin-routes.ts';
import { mfaRoutes } from './auth/mfa-routes.ts';
import { SecondFactor } from './auth/second-factor.ts';
import { authRoutes } from './auth/routes.ts';
import type { Config } from './config.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { Errors } from './errors.ts';
import { jobRoutes } from './jobs/routes.ts';
import type { JobRunner } from './jobs/runner.ts';
import { createJobRunner } from './jobs/schedule.ts';
import { MIGRATIONS } from '../migrations/index.ts';
import { accessLog } from './http/access-log.ts';
import { clientRoutes } from './http/client.ts';
import { errorBody, errorHandler, notFoundHandler } from './http/error-handler.ts';
import { residentLookupLimiter } from './http/lookup-limiter.ts';
import { addressLimiter } from './http/rate-limit.ts';
import { mountRoutes, route, type Route } from './http/route.ts';
import { securityHeaders } from './http/security.ts';
import { createLogger } from './logger.ts';
import { Notifier } from './notifications/notifier.ts';
import { openApiDocument } from './openapi/document.ts';
import { error, ok } from './http/responses.ts';
import { PaymentEvents } from './payments/events.ts';
import { StripeGateway } from './payments/gateway.ts';
import { paymentRoutes } from './payments/routes.ts';
import { PaymentService } from './payments/service.ts';
import { PaymentStaffActions } from './payments/staff-actions.ts';
import type { Catalog } from './procedures/catalog.ts';
import { procedureRoutes } from './procedures/routes.ts';
import { previewRoutes } from './previews/routes.ts';
import { DefinitionPreviews } from './previews/service.ts';
import { receiptRoutes } from './receipts/routes.ts';
import { reviewRoutes } from './review/routes.ts';
import { counterRoutes } from './counter/routes.ts';
import { Corrections } from './submissions/corrections.ts';
import { SubmissionRepository } from './submissions/repository.ts';
import { submissionRoutes } from './submissions/routes.ts';
import { SubmissionService } from './submissions/service.ts';
import { signingRoutes } from './signatures/routes.ts';
import { signingFromConfig } from './signatures/setup.ts';
import { ResidentDrafts } from './residents/drafts.ts';
import { loadResident } from './residents/middleware.ts';
import { OidcClient, type OidcSettings } from './residents/oidc-client.ts';
import { residentRoutes } from './residents/routes.ts';
import { ResidentSessions } from './residents/sessions.ts';
import { SignInRequests } from './residents/sign-in.ts';

export interface AppDeps {
  config: Config;
  db: Knex;
  catalog: Catalog;
  logger?: Logger;
  /** Tests may bring their own runner; otherwise pg-boss on PostgreSQL, the in-process runner on SQLite (started by main.ts). */
  jobs?: JobRunner;
  /** The time filing periods are judged by (tests set it; otherwise the system clock). */
  clock?: () => Date;
}

/** The services, each given what it needs. */
function services({ config, db, catalog, clock }: AppDeps, logger: Logger) {
  const notifier = new Notifier(catalog, config.PUBLIC_BASE_URL);
  const gateway =
    config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET
      ? new StripeGateway({
          secretKey: config.STRIPE_SECRET_KEY,
          webhookSecret: config.STRIPE_WEBHOOK_SECRET,
          apiBase: config.STRIPE_API_BASE,
        })
      : null;
  const paymentSettings = {
    baseUrl: config.PUBLIC_BASE_URL,
    methods: config.STRIPE_PAYMENT_METHODS,
    checkoutMinutes: config.CHECKOUT_EXPIRES_MINUTES,
  };
  const payments = new PaymentService(db, gateway, catalog, notifier, paymentSettings, logger);
  const paymentEvents = new PaymentEvents(db, gateway, payments);
  const staffActions = new PaymentStaffActions({ db, catalog, notifier, gateway, payments, events: paymentEvents, logger });
  const scanner = config.ATTACHMENT_SCAN === 'on' ? new ClamdScanner(parseClamdUrl(config.CLAMD_URL!), config.CLAMD_TIMEOUT_MS) : noScanner;
  const attachments = new AttachmentService(
    db,
    catalog,
    new DatabaseStore(db),
    scanner,
    { secret: config.APP_SECRET, heifConvert: config.HEIF_CONVERT_PATH },
    logger,
  );
  const signing = signingFromConfig(config, db, logger);
  const submissions = new SubmissionService(
    new SubmissionRepository(db),
    catalog,
    config.APP_SECRET,
    notifier,
    payments,
    attachments,
    signing,
    clock,
  );
  const corrections = new Corrections(db, submissions, notifier, payments, logger, attachments, catalog.rules);
  const residentSessions = new ResidentSessions(db, config.RESIDENT_KEY, {
    idleMinutes: config.RESIDENT_IDLE_MINUTES,
    hours: config.RESIDENT_SESSION_HOURS,
  });
  const drafts = new ResidentDrafts(db, config.RESIDENT_KEY, catalog, config.RESIDENT_DRAFT_DAYS);
  const settings = oidcSettings(config);
  const oidcClient = settings ? new OidcClient(settings) : null;
  const oidc = oidcClient ? { client: oidcClient, requests: new SignInRequests(db, config.RESIDENT_KEY, oidcClient) } : null;
  return {
    notifier,
    gateway,
    payments,
    paymentEvents,
    staffActions,
    submissions,
    corrections,
    attachments,
    scanner,
    residentSessions,
    drafts,
    oidc,
    signing,
  };
}

/** The provider settings from the config, or null when no provider is configured. */
function oidcSettings(config: Config): OidcSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return null;
  const [ja = '', en = ja] = config.OIDC_PROVIDER_LABEL.split('|');
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    privateKeyFile: config.OIDC_PRIVATE_KEY_FILE,
    privateKeyAlg: config.OIDC_PRIVATE_KEY_ALG,
    scopes: config.OIDC_SCOPES,
    acrValues: config.OIDC_ACR_VALUES,
    redirectUri: new URL('/api/resident/callback', config.PUBLIC_BASE_URL).href,
    postLogoutRedirectUri: new URL('/', config.PUBLIC_BASE_URL).href,
    claims: {
      name: config.OIDC_CLAIM_NAME,
      address: config.OIDC_CLAIM_ADDRESS,
      birthDate: config.OIDC_CLAIM_BIRTHDATE,
      sex: config.OIDC_CLAIM_SEX,
      assurance: config.OIDC_CLAIM_ASSURANCE,
    },
    allowHttp: config.OIDC_ALLOW_HTTP,
    label: { ja, en },
    demo: config.DEMO_MODE,
  };
}

export function createApp(deps: AppDeps) {
  const { config, db, catalog } = deps;
  // Every line names its server (several behind one balancer); the request id is added per request.
  const logger = (deps.logger ?? createLogger(config.LOG_LEVEL)).child({ serverId: config.SERVER_ID });
  const app = express();
  app.disable('x-powered-by');
  // req.ip (and so every rate limit) comes from X-Forwarded-For only through the proxies named here.
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');

  const s = services(deps, logger);
  // main.ts starts the periodic check with Stripe; tests call it directly.
  app.locals.paymentEvents = s.paymentEvents;
  // main.ts asks the scanner before listening (no scanner reachable: no start).
  app.locals.scanner = s.scanner;
  const jobs = deps.jobs ?? createJobRunner(config, db, logger, s.paymentEvents);
  // main.ts starts the jobs (and stops them on SIGTERM).
  app.locals.jobs = jobs;
  app.locals.logger = logger;
  // Set by main.ts on SIGTERM: /readyz answers 503 so the balancer sends no new requests.
  app.locals.draining = false;
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableAutoPipelining: true }) : null;
  redis?.on('error', (err) => logger.warn({ err }, 'redis unreachable'));
  app.locals.redis = redis;
  const maxBodyBytes = config.MAX_BODY_BYTES;
  const lookupLimiter = residentLookupLimiter(db, config.STATUS_LOOKUPS_PER_WINDOW, logger, { redis });
  const window = 15 * 60 * 1000;
  const limits = {
    login: addressLimiter(db, 'login', config.LOGIN_ATTEMPTS_PER_WINDOW, window, logger, { redis, strict: true }),
    submissions: addressLimiter(db, 'submissions', config.SUBMISSIONS_PER_WINDOW, window, logger, { redis }),
    formStarts: addressLimiter(db, 'form-starts', config.FORM_STARTS_PER_WINDOW, window, logger, { redis }),
    uploads: addressLimiter(db, 'uploads', config.UPLOADS_PER_WINDOW, window, logger, { redis }),
  };
  const verifyResident = s.submissions.verifyResident.bind(s.submissions);

  const api: Route[] = [
    ...procedureRoutes(catalog, s.payments.online),
    ...previewRoutes(db, new DefinitionPreviews(db, catalog, config.FORM_DEFINITIONS_DIR), maxBodyBytes),
    ...submissionRoutes({
      service: s.submissions,
      corrections: s.corrections,
      maxBodyBytes,
      lookupLimiter,
      submissionLimiter: limits.submissions,
      drafts: s.drafts,
    }),
    ...signingRoutes({ requests: s.signing, limiter: limits.login }),
    ...residentRoutes({
      db,
      catalog,
      sessions: s.residentSessions,
      drafts: s.drafts,
      oidc: s.oidc,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      secureCookies: config.COOKIE_SECURE,
      maxBodyBytes,
      limiter: limits.login,
    }),
    ...attachmentRoutes({ db, service: s.attachments, limiter: limits.uploads }),
    ...paymentRoutes({
      db,
      catalog,
      payments: s.payments,
      events: s.paymentEvents,
      staffActions: s.staffActions,
      verifyResident,
      maxBodyBytes,
      limiter: lookupLimiter,
    }),
    ...authRoutes(db, {
      maxBodyBytes,
      secureCookies: config.COOKIE_SECURE,
      limiter: limits.login,
      mfa: config.STAFF_MFA,
      idleMinutes: config.STAFF_IDLE_MINUTES,
    }),
    ...mfaRoutes(db, {
      maxBodyBytes,
      secureCookies: config.COOKIE_SECURE,
      limiter: limits.login,
      idleMinutes: config.STAFF_IDLE_MINUTES,
      secondFactor: new SecondFactor(db, config.MFA_KEY),
    }),
    ...accountRoutes(db, maxBodyBytes),
    ...reviewRoutes({ db, catalog, notifier: s.notifier, maxBodyBytes }),
    ...counterRoutes({ db, catalog, service: s.submissions, maxBodyBytes }),
    ...dashboardRoutes(db, catalog, maxBodyBytes, limits.formStarts),
    ...receiptRoutes({
      db,
      catalog,
      verifyResident,
      onlinePayment: s.payments.online,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      maxBodyBytes,
      limiter: lookupLimiter,
    }),
    ...adminRoutes(db, () => catalog.departments().map((d) => d.id), maxBodyBytes),
    ...jobRoutes(db, jobs),
  ];
  const root: Route[] = [
    route({
      method: 'get',
      path: '/healthz',
      operationId: 'health',
      summary: 'Liveness: the process answers (the balancer restarts it otherwise)',
      responses: { 200: ok('OK') },
      handle: (_input, _req, res) => {
        res.set('Cache-Control', 'no-store').json({ status: 'ok', server: config.SERVER_ID });
      },
    }),
    route({
      method: 'get',
      path: '/readyz',
      operationId: 'ready',
      summary: 'Readiness: database reachable, migrations current, job queue running, not shutting down',
      responses: { 200: ok('Ready'), 503: error('UNAVAILABLE') },
      handle: async (_input, req, res) => {
        const checks = { database: false, migrations: false, jobs: jobs.running(), accepting: !app.locals.draining };
        try {
          await db.raw('select 1');
          checks.database = true;
          const [done] = (await db.migrate.list()) as [{ name: string }[] | string[], unknown[]];
          const applied = new Set(done.map((m) => (typeof m === 'string' ? m : m.name)));
          checks.migrations = Object.keys(MIGRATIONS).every((m) => applied.has(m));
        } catch (err) {
          logger.warn({ err }, 'readiness check: database unreachable');
        }
        res.set('Cache-Control', 'no-store');
        if (Object.values(checks).every(Boolean)) res.json({ status: 'ready', server: config.SERVER_ID, checks });
        else res.status(503).json({ ...errorBody(Errors.unavailable(), req.id), checks });
      },
    }),
  ];
  // The OpenAPI document is generated from the very routes that are mounted.
  let document: object = {};
  api.push(
    route({
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This document',
      responses: { 200: ok('OpenAPI 3.1') },
      handle: (_input, _req, res) => {
        res.json(document);
      },
    }),
  );
  document = openApiDocument([
    { prefix: '', routes: root },
    { prefix: '/api', routes: api },
  ]);
  // Tests derive their checks (isolation matrix, documented routes) from these.
  app.locals.routes = { api, root };

  app.use(securityHeaders());
  app.use(accessLog(logger));
  // Shutting down: each answer closes its connection, so keep-alive clients move to another server.
  app.use((_req, res, next) => {
    if (app.locals.draining) res.setHeader('Connection', 'close');
    next();
  });
  mountRoutes(app as unknown as Router, root);
  const compress = compression();
  // Staff routes read the session cookie; every route knows the signed-in resident, if any (residents/middleware.ts).
  app.use('/api', compress, cookieParser(), loadResident(s.residentSessions), mountRoutes(Router(), api));
  app.use('/api', notFoundHandler);
  app.use(compress, clientRoutes(config.CLIENT_DIST_DIR));
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
