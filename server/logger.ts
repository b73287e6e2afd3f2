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

/** Fields of a database error that say what failed without quoting any value. */
const DB_FIELDS = ['code', 'severity', 'routine', 'constraint', 'table', 'column', 'schema', 'dataType'] as const;

/**
 * An error as logged: its type, code and stack frames. A database error's message and detail
 * quote the SQL, its bindings or the row (personal data): they are left out, and so is the first
 * line of every stack (it repeats the message). Other errors keep their message.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const e = err as Error & Record<string, unknown>;
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /u.test(line))
    .join('\n');
  const fromDatabase =
    typeof e.code === 'string' && (DB_FIELDS.some((f) => f !== 'code' && e[f] !== undefined) || /^[0-9A-Z]{5}$|^SQLITE_/u.test(e.code));
  const out: Record<string, unknown> = { type: e.name, stack: frames };
  if (fromDatabase) {
    for (const f of DB_FIELDS) if (e[f] !== undefined) out[f] = e[f];
  } else {
    out.message = e.message;
    if (e.code !== undefined) out.code = e.code;
  }
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      serializers: { err: safeError, error: safeError },
      mixin: () => {
        const context = requestContext.getStore();
        return context ? { requestId: context.requestId } : {};
      },
    },
    destination,
  );
}
