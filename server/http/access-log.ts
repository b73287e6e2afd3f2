/**
 * Request id and access log: one line per response with method, path (no query string), status
 * and duration; the rest of the chain runs with the request id in the logger's context. Bodies,
 * query strings and cookies are never logged: they may hold personal data.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { withRequestId } from '../logger.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}

export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && /^[\w-]{1,64}$/u.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    if (logger.isLevelEnabled('info')) {
      const start = process.hrtime.bigint();
      res.once('finish', () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        logger.info({ id: req.id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
      });
    }
    withRequestId(req.id, next);
  };
}
