/**
 * JSON body parsing for resident input: size limit (413), content type (415), syntax (400),
 * `__proto__` / `constructor.prototype` keys (400), nesting depth (400), and text no form produces
 * (control characters, lone surrogates, invisible characters, Object.prototype keys: 422 naming
 * the field) are all rejected with the API's error envelope before any handler sees the body.
 */
import express, { type RequestHandler } from 'express';
import sjson from 'secure-json-parse';
import { hostileInput } from '../../shared/forms/hostile-input.ts';
import { Errors } from '../errors.ts';

export const MAX_DEPTH = 32;

/** Depth of nested objects/arrays, iteratively (a hostile body must not overflow the stack). */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * `answers`: the body carries a resident's answers under /answers; problems inside them are
 * reported relative to the answers, as every other answer error is (the form shows them at the field).
 */
export function jsonBody(limitBytes: number, options: { answers?: boolean } = {}): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit: limitBytes });
  const parse: RequestHandler = (req, _res, next) => {
    if (!req.is('application/json')) return next(Errors.unsupportedMediaType());
    const buffer = req.body as Buffer | undefined;
    if (!buffer || buffer.length === 0) return next(Errors.invalidJson());
    let parsed: unknown;
    try {
      parsed = sjson.parse(buffer.toString('utf8'), undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch (error) {
      const message = (error as Error).message ?? '';
      return next(/prototype/iu.test(message) ? Errors.forbiddenKey() : Errors.invalidJson());
    }
    if (depthExceeds(parsed, MAX_DEPTH)) return next(Errors.tooDeep());
    // Control characters, lone surrogates, invisible characters and Object.prototype keys: 422 at the field.
    const problems = hostileInput(parsed);
    if (problems.length > 0) {
      const relative = options.answers
        ? problems.map((p) => (p.pointer.startsWith('/answers/') ? { ...p, pointer: p.pointer.slice('/answers'.length) } : p))
        : problems;
      return next(Errors.validation(relative));
    }
    req.body = parsed;
    next();
  };
  return [raw, parse];
}
