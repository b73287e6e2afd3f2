/**
 * Builds the Express application from its dependencies (no globals, so tests build as many as
 * they need against real databases). Request lifecycle: security headers -> request log (no
 * bodies) -> compression -> API routes (body parsing per route) -> client -> 404 -> error envelope.
 */
import { randomUUID } from 'node:crypto';
import compression from 'compression';
import express from 'express';
import type { Knex } from 'knex';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';
import { errorBody, errorHandler, Errors, notFoundHandler } from './errors.ts';
import { clientRoutes } from './http/client.ts';
import { securityHeaders } from './http/security.ts';
import { openApiDocument } from './openapi/document.ts';
import type { Catalog } from './procedures/catalog.ts';
import { procedureRoutes } from './procedures/routes.ts';
import { SubmissionRepository } from './submissions/repository.ts';
import { submissionRoutes } from './submissions/routes.ts';
import { SubmissionService } from './submissions/service.ts';

export interface AppDeps {
  config: Config;
  db: Knex;
  catalog: Catalog;
}

export function createApp({ config, db, catalog }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.set('query parser', 'simple');

  const submissions = new SubmissionService(new SubmissionRepository(db), catalog, config.APP_SECRET);

  app.use(securityHeaders());
  app.use(
    pinoHttp({
      level: config.LOG_LEVEL,
      genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) ?? randomUUID(),
      // Never log bodies, query strings or cookies: they may hold personal data.
      serializers: { req: (req) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0] }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );
  app.use(compression());

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
  app.use('/api', procedureRoutes(catalog));
  app.use('/api', submissionRoutes(submissions, config));
  app.use('/api', notFoundHandler);
  app.use(clientRoutes(config.CLIENT_DIST_DIR));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
