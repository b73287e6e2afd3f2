/**
 * Rate limits in Redis (REDIS_URL): the same fixed windows as the database store, every hit
 * counted at once by one script (INCR, the window's expiry set by its first hit, its time left
 * read back), so every server shares the count exactly. Redis out of reach fails closed: the
 * request is refused with 503 UNAVAILABLE (never let through uncounted, never a 500).
 */
import type { Options, Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { Errors } from '../errors.ts';

const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

export class RedisRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(
    private readonly redis: Redis,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<{ totalHits: number; resetTime: Date }> {
    const [n, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, String(this.windowMs)).catch(() => {
      throw Errors.unavailable();
    })) as [number, number];
    return { totalHits: Number(n), resetTime: new Date(Date.now() + Number(ttl)) };
  }

  async get(key: string): Promise<{ totalHits: number; resetTime: Date } | undefined> {
    const [n, ttl] = await Promise.all([this.redis.get(this.prefix + key), this.redis.pttl(this.prefix + key)]);
    return n === null ? undefined : { totalHits: Number(n), resetTime: new Date(Date.now() + Math.max(0, ttl)) };
  }

  async decrement(key: string): Promise<void> {
    await this.redis.decr(this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
