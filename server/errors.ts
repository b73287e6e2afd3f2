/**
 * One error type and one JSON error shape for the whole API:
 * { "error": { "code", "message": { "ja", "en" }, "fields"?: [{ "pointer", "keyword", "message" }], "requestId" } }
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { FieldError } from '../shared/forms/messages.ts';
import type { LocalizedText } from '../shared/forms/types.ts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly fields?: FieldError[],
  ) {
    super(`${code}: ${text.en}`);
  }
}

export const Errors = {
  notFound: () => new AppError(404, 'NOT_FOUND', { ja: 'お探しのページは見つかりませんでした。', en: 'Not found.' }),
  procedureNotFound: () =>
    new AppError(404, 'PROCEDURE_NOT_FOUND', { ja: 'この手続は見つかりませんでした。', en: 'There is no such procedure.' }),
  procedureNotPublished: () =>
    new AppError(404, 'PROCEDURE_NOT_PUBLISHED', { ja: 'この手続は現在オンラインで受け付けていません。', en: 'This procedure is not accepting online applications.' }),
  invalidJson: () => new AppError(400, 'INVALID_JSON', { ja: '送信された内容を読み取れませんでした。', en: 'The request body is not valid JSON.' }),
  forbiddenKey: () =>
    new AppError(400, 'FORBIDDEN_KEY', { ja: '送信された内容に使えない項目名が含まれています。', en: 'The request body contains a forbidden key.' }),
  tooDeep: () => new AppError(400, 'BODY_TOO_DEEP', { ja: '送信された内容の入れ子が深すぎます。', en: 'The request body is nested too deeply.' }),
  tooLarge: () => new AppError(413, 'PAYLOAD_TOO_LARGE', { ja: '送信された内容が大きすぎます。', en: 'The request body is too large.' }),
  unsupportedMediaType: () =>
    new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', { ja: 'JSON形式で送信してください。', en: 'Send the request body as application/json.' }),
  validation: (fields: FieldError[]) =>
    new AppError(422, 'VALIDATION_FAILED', { ja: '入力内容に誤りがあります。', en: 'Some answers need correcting.' }, fields),
  rateLimited: () =>
    new AppError(429, 'RATE_LIMITED', { ja: '短い時間に多くの操作がありました。しばらくしてから、もう一度お試しください。', en: 'Too many requests. Please try again later.' }),
  unavailable: () =>
    new AppError(503, 'UNAVAILABLE', { ja: '現在サービスを利用できません。', en: 'The service is unavailable.' }),
  internal: () =>
    new AppError(500, 'INTERNAL', { ja: 'システムでエラーが発生しました。時間をおいて、もう一度お試しください。', en: 'Something went wrong on our side. Please try again later.' }),
};

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

/** Maps anything thrown to the envelope; body-parser errors become 4xx, never 500. */
export const errorHandler = (logger: Logger): ErrorRequestHandler => (err, req, res, _next) => {
  let error: AppError;
  if (err instanceof AppError) error = err;
  else if (err?.type === 'entity.too.large') error = Errors.tooLarge();
  else if (err?.type === 'entity.parse.failed' || err?.type === 'charset.unsupported' || err?.type === 'encoding.unsupported') error = Errors.invalidJson();
  else {
    // The error and its stack only: never the request body.
    logger.error({ id: req.id, method: req.method, path: req.path, err }, 'unhandled error');
    error = Errors.internal();
  }
  if (res.headersSent) return;
  res.status(error.status).json(errorBody(error, req.id));
};
