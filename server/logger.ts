/**
 * The one logger: pino, with the id of the request being served added to every line logged while
 * serving it (services log through the logger passed to them and need not know the request).
 * Nothing personal is logged: no bodies, no answers, no query strings.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` (the rest of the middleware chain) with this request id in the context. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestContext.run({ requestId }, work);
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    mixin: () => {
      const context = requestContext.getStore();
      return context ? { requestId: context.requestId } : {};
    },
  });
}
