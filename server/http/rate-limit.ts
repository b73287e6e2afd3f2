/**
 * Rate limits in shared storage. On PostgreSQL (where several server processes share one
 * database) the counts live in the database: an express-rate-limit Store counting a fixed window
 * per key with one atomic upsert, committed without waiting for the disk (a count lost in a crash
 * costs nothing). On SQLite there is one server process by design, and the counts stay in its
 * memory rather than cost an fsync per request. Keys are the limiter's name and the client
 * address, nothing else.
 */
import type { Knex } from 'knex';
import { rateLimit, type Options, type Store } from 'express-rate-limit';
import { dialectOf, isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import { errorBody } from './error-handler.ts';

export class DatabaseRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(
    private readonly db: Knex,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  /** One hit; a key whose window is over starts a new one. */
  async increment(key: string): Promise<{ totalHits: number; resetTime: Date }> {
    const now = new Date();
    const nowIso = isoTimestamp(now);
    const expires = new Date(now.getTime() + this.windowMs);
    const over = 'rate_limits.expires_at <= ?';
    const result: unknown = await this.db.transaction(async (trx) => {
      if (dialectOf(trx) === 'postgres') await trx.raw('set local synchronous_commit = off');
      return (await trx.raw(
        `insert into rate_limits (key, hits, window_start, expires_at) values (?, 1, ?, ?)
       on conflict (key) do update set
         hits = case when ${over} then 1 else rate_limits.hits + 1 end,
         window_start = case when ${over} then excluded.window_start else rate_limits.window_start end,
         expires_at = case when ${over} then excluded.expires_at else rate_limits.expires_at end
       returning hits, expires_at`,
        [this.prefix + key, nowIso, isoTimestamp(expires), nowIso, nowIso, nowIso],
      )) as unknown;
    });
    const [row] = ((result as { rows?: unknown[] }).rows ?? result) as { hits: number | string; expires_at: unknown }[];
    return { totalHits: Number(row!.hits), resetTime: new Date(isoTimestamp(row!.expires_at)) };
  }

  async decrement(key: string): Promise<void> {
    await this.db('rate_limits')
      .where('key', this.prefix + key)
      .andWhere('hits', '>', 0)
      .update({ hits: this.db.raw('hits - 1') });
  }

  async resetKey(key: string): Promise<void> {
    await this.db('rate_limits')
      .where('key', this.prefix + key)
      .delete();
  }
}

/** A limiter per client address, counted in the database, answering the one error envelope. */
export function addressLimiter(db: Knex, name: string, limit: number, windowMs: number) {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(dialectOf(db) === 'postgres' ? { store: new DatabaseRateLimitStore(db, `${name}:`) } : {}),
    handler: (req, res) => {
      res.status(429).json(errorBody(Errors.rateLimited(), req.id));
    },
  });
}

/** Removes windows that are over (housekeeping). */
export async function removeExpiredLimits(db: Knex, now = new Date()): Promise<number> {
  return db('rate_limits').where('expires_at', '<=', isoTimestamp(now)).delete();
}
