/**
 * Renders every error as the one JSON envelope (see errors.ts). Anything that is not an AppError
 * is logged with the request id (never the body, never a value) and answered 500 INTERNAL.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, Errors } from '../errors.ts';

export function errorBody(error: AppError, requestId?: unknown) {
  return {
    error: {
      code: error.code,
      message: error.text,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(requestId ? { requestId: String(requestId) } : {}),
    },
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(Errors.notFound());

/**
 * body-parser's errors are the client's: a 4xx, never 500. Besides its typed errors, a body that
 * cannot be decoded (a malformed gzip, deflate or br stream) comes as an http-errors 4xx.
 */
function fromBodyParser(err: unknown): AppError | null {
  const e = err as { type?: unknown; status?: unknown; expose?: unknown } | null;
  if (e?.type === 'entity.too.large' || e?.status === 413) return Errors.tooLarge();
  if (e?.status === 415) return Errors.unsupportedMediaType();
  if (e?.type === 'entity.parse.failed' || e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported')
    return Errors.invalidJson();
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) return Errors.invalidJson();
  return null;
}

/** Maps anything thrown to the envelope. */
export const errorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (err: unknown, req, res, _next) => {
    let error = err instanceof AppError ? err : fromBodyParser(err);
    if (!error) {
      // The error and its stack only: never the request body.
      logger.error({ id: req.id, method: req.method, path: req.path, err }, 'unhandled error');
      error = Errors.internal();
    }
    if (res.headersSent) return;
    res.status(error.status).json(errorBody(error, req.id));
  };
