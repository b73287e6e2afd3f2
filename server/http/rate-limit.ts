/**
 * Rate limits in shared storage. On PostgreSQL (where several server processes share one
 * database) the counts live in the database, written behind: each process counts hits in memory
 * and adds them to the key's row every FLUSH_MS with one atomic upsert per key (committed without
 * waiting for the disk: a count lost in a crash costs nothing), reading back what every process
 * counted. A process decides on the shared total as of its last flush plus its own hits since, so
 * a limit can be overrun by what other processes took in the last FLUSH_MS, never more; a hit
 * costs no database round trip (one per key per FLUSH_MS instead). On SQLite there is one server
 * process by design, and express-rate-limit's memory store is used. Keys are the limiter's name
 * and the client address, nothing else.
 *
 * A strict limiter (the resident look-ups and staff sign-in: guessing protection) counts every hit
 * in the row before it answers (one upsert, not waiting for the disk), so the limit holds exactly
 * across every server: the 31st look-up is refused whichever server it reaches. With REDIS_URL the
 * counts live in Redis instead (redis-rate-limit.ts), every hit counted at once.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { rateLimit, type Options, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { dialectOf, isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import { errorBody } from './error-handler.ts';
import { RedisRateLimitStore } from './redis-rate-limit.ts';

export const FLUSH_MS = 100;

interface Count {
  /** The shared total at the last flush (this window). */
  shared: number;
  /** This process's hits not yet added to the row. */
  pending: number;
  /** Hits being added to the row by the flush under way (still counted: they are not in `shared` yet). */
  inFlight: number;
  resetTime: Date;
}

const total = (c: Count) => c.shared + c.inFlight + c.pending;

export class DatabaseRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;
  private readonly counts = new Map<string, Count>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Knex,
    readonly prefix: string,
    private readonly onError: (err: unknown) => void,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private current(key: string, now: Date): Count {
    const count = this.counts.get(key);
    if (count && count.resetTime > now) return count;
    const fresh = { shared: 0, pending: 0, inFlight: 0, resetTime: new Date(now.getTime() + this.windowMs) };
    this.counts.set(key, fresh);
    return fresh;
  }

  /** One hit, counted at once; the row is brought up to date within FLUSH_MS (strict: before answering). */
  increment(key: string): { totalHits: number; resetTime: Date } {
    const count = this.current(key, new Date());
    count.pending += 1;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flushing = this.flushing.then(() => this.flush()).catch(this.onError);
    }, FLUSH_MS);
    this.timer.unref();
    return { totalHits: total(count), resetTime: count.resetTime };
  }

  get(key: string): { totalHits: number; resetTime: Date } | undefined {
    const count = this.counts.get(key);
    return count && count.resetTime > new Date() ? { totalHits: total(count), resetTime: count.resetTime } : undefined;
  }

  /** Adds every key's pending hits to its row (a window that is over starts again) and reads the shared totals back. */
  async flush(): Promise<void> {
    const now = new Date();
    for (const [key, count] of this.counts) {
      if (count.pending === 0) {
        if (count.resetTime <= now) this.counts.delete(key);
        continue;
      }
      // The hits move from pending to in flight, so a request decided during the upsert still counts them.
      const n = count.pending;
      count.pending = 0;
      count.inFlight = n;
      try {
        const row = await addHits(this.db, this.prefix + key, n, this.windowMs, now);
        count.shared = row.totalHits;
        count.resetTime = row.resetTime;
      } catch (error) {
        // Not added: they go with the next flush.
        count.pending += n;
        throw error;
      } finally {
        count.inFlight = 0;
      }
    }
  }

  decrement(key: string): void {
    const count = this.counts.get(key);
    if (count && count.pending > 0) count.pending -= 1;
  }

  async resetKey(key: string): Promise<void> {
    this.counts.delete(key);
    await this.db('rate_limits')
      .where('key', this.prefix + key)
      .delete();
  }
}
/** Adds n hits to the key's row in one atomic upsert (a window that is over starts again); the total back. */
async function addHits(db: Knex, key: string, n: number, windowMs: number, now: Date): Promise<{ totalHits: number; resetTime: Date }> {
  const nowIso = isoTimestamp(now);
  const expires = isoTimestamp(new Date(now.getTime() + windowMs));
  const over = 'rate_limits.expires_at <= ?';
  const result: unknown = await db.transaction(async (trx) => {
    if (dialectOf(trx) === 'postgres') await trx.raw('set local synchronous_commit = off');
    return (await trx.raw(
      `insert into rate_limits (key, hits, window_start, expires_at) values (?, ?, ?, ?)
       on conflict (key) do update set
         hits = case when ${over} then excluded.hits else rate_limits.hits + excluded.hits end,
         window_start = case when ${over} then excluded.window_start else rate_limits.window_start end,
         expires_at = case when ${over} then excluded.expires_at else rate_limits.expires_at end
       returning hits, expires_at`,
      [key, n, nowIso, expires, nowIso, nowIso, nowIso],
    )) as unknown;
  });
  const [row] = ((result as { rows?: unknown[] }).rows ?? result) as { hits: number | string; expires_at: unknown }[];
  return { totalHits: Number(row!.hits), resetTime: new Date(isoTimestamp(row!.expires_at)) };
}

/** Every hit counted in the row before the answer (one upsert each): the limit holds exactly across servers. */
export class StrictDatabaseRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(
    private readonly db: Knex,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  increment(key: string): Promise<{ totalHits: number; resetTime: Date }> {
    return addHits(this.db, this.prefix + key, 1, this.windowMs, new Date());
  }

  async decrement(key: string): Promise<void> {
    await addHits(this.db, this.prefix + key, -1, this.windowMs, new Date());
  }

  async resetKey(key: string): Promise<void> {
    await this.db('rate_limits')
      .where('key', this.prefix + key)
      .delete();
  }
}

export interface LimiterStorage {
  /** Redis (REDIS_URL): every limiter counts there. */
  redis?: Redis | null;
  /** Count every hit before answering (guessing protection), not written behind. */
  strict?: boolean;
}

function storeFor(db: Knex, name: string, logger: Logger, storage: LimiterStorage): Store | undefined {
  const onError = (err: unknown) =>
    logger.warn({ err, limiter: name }, 'rate-limit counts not written; kept in memory until the next flush');
  if (storage.redis) return new RedisRateLimitStore(storage.redis, `rl:${name}:`);
  if (dialectOf(db) !== 'postgres') return undefined;
  return storage.strict ? new StrictDatabaseRateLimitStore(db, `${name}:`) : new DatabaseRateLimitStore(db, `${name}:`, onError);
}

/** A limiter per client address (req.ip: see TRUST_PROXY), counted in shared storage, answering the one error envelope. */
export function addressLimiter(db: Knex, name: string, limit: number, windowMs: number, logger: Logger, storage: LimiterStorage = {}) {
  const store = storeFor(db, name, logger, storage);
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // A store that cannot be reached fails closed: a look-up is refused rather than left uncounted.
    passOnStoreError: false,
    ...(store ? { store } : {}),
    handler: (req, res) => {
      res.status(429).json(errorBody(Errors.rateLimited(), req.id));
    },
  });
}

/** Removes windows that are over (housekeeping). */
export async function removeExpiredLimits(db: Knex, now = new Date()): Promise<number> {
  return db('rate_limits').where('expires_at', '<=', isoTimestamp(now)).delete();
}
