/**
 * Builds the Express application from its dependencies (no globals, so tests build as many as
 * they need against real databases). Request lifecycle: security headers -> request id and
 * access log (no bodies) -> API routes (compression on catalog routes, body parsing per route) -> client
 * -> 404 -> error envelope.
 */
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express from 'express';
import type { Knex } from 'knex';
import { pino, type Logger } from 'pino';
import { adminRoutes } from './auth/admin-routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { receiptRoutes } from './receipts/routes.ts';
import { authRoutes } from './auth/routes.ts';
import type { Config } from './config.ts';
import { errorBody, errorHandler, Errors, notFoundHandler } from './errors.ts';
import { accessLog } from './http/access-log.ts';
import { clientRoutes } from './http/client.ts';
import { residentLookupLimiter } from './http/lookup-limiter.ts';
import { securityHeaders } from './http/security.ts';
import { openApiDocument } from './openapi/document.ts';
import type { Catalog } from './procedures/catalog.ts';
import { procedureRoutes } from './procedures/routes.ts';
import { SubmissionRepository } from './submissions/repository.ts';
import { submissionRoutes } from './submissions/routes.ts';
import { SubmissionService } from './submissions/service.ts';
import { Corrections } from './submissions/corrections.ts';
import { reviewRoutes } from './review/routes.ts';
import { Notifier } from './notifications/notifier.ts';
import { PaymentEvents } from './payments/events.ts';
import { StripeGateway } from './payments/gateway.ts';
import { paymentRoutes } from './payments/routes.ts';
import { PaymentService } from './payments/service.ts';
import { PaymentStaffActions } from './payments/staff-actions.ts';

export interface AppDeps {
  config: Config;
  db: Knex;
  catalog: Catalog;
  logger?: Logger;
}

export function createApp({ config, db, catalog, logger = pino({ level: config.LOG_LEVEL }) }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.set('query parser', 'simple');

  const notifier = new Notifier(catalog, config.PUBLIC_BASE_URL);
  const gateway = config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET ? new StripeGateway({ secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET, apiBase: config.STRIPE_API_BASE }) : null;
  const payments = new PaymentService(db, gateway, catalog, notifier, { baseUrl: config.PUBLIC_BASE_URL, methods: config.STRIPE_PAYMENT_METHODS, checkoutMinutes: config.CHECKOUT_EXPIRES_MINUTES });
  const paymentEvents = new PaymentEvents(payments);
  const submissions = new SubmissionService(new SubmissionRepository(db), catalog, config.APP_SECRET, notifier, payments);
  // main.ts starts the periodic check with Stripe; tests call it directly.
  app.locals.paymentEvents = paymentEvents;
  const corrections = new Corrections(db, submissions, notifier, payments);

  app.use(securityHeaders());
  app.use(accessLog(logger));

  app.get('/healthz', async (req, res) => {
    try {
      await db.raw('select 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json(errorBody(Errors.unavailable(), req.id));
    }
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  // Compression only where responses are large: the catalog, definitions, validators and client.
  const compress = compression();
  app.use('/api', compress, procedureRoutes(catalog, payments.online));
  const lookupLimiter = residentLookupLimiter(config.STATUS_LOOKUPS_PER_WINDOW);
  app.use('/api', submissionRoutes(submissions, corrections, config, lookupLimiter));
  // Staff payment routes read the session cookie: parse it before them.
  app.use('/api', cookieParser());
  app.use('/api', paymentRoutes({ payments, events: paymentEvents, staffActions: new PaymentStaffActions(payments, paymentEvents), submissions, maxBodyBytes: config.MAX_BODY_BYTES, limiter: lookupLimiter }));
  app.use('/api', authRoutes(db, { maxBodyBytes: config.MAX_BODY_BYTES, secureCookies: config.COOKIE_SECURE }));
  app.use('/api', reviewRoutes(db, catalog, notifier, payments, config.MAX_BODY_BYTES));
  app.use('/api', dashboardRoutes(db, catalog, config.MAX_BODY_BYTES));
  app.use('/api', receiptRoutes(db, catalog, submissions, payments, config, lookupLimiter));
  app.use('/api', adminRoutes(db, () => catalog.departments().map((d) => d.id), config.MAX_BODY_BYTES));
  app.use('/api', notFoundHandler);
  app.use(compress, clientRoutes(config.CLIENT_DIST_DIR));
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
