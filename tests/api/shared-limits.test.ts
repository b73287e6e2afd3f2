/**
 * The guessing limits hold across servers and behind a proxy: with REDIS_URL every server counts
 * in one Redis (a real redis-server started here), TRUST_PROXY makes each resident behind the
 * balancer count on their own, and a Redis out of reach refuses look-ups (503), never lets them
 * through uncounted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/reference-number.ts';
import { call } from '../helpers/http.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { startPeerServer, startTestServer, type TestServer } from '../helpers/server.ts';

const unknownNumber = 'ACD-EFG-HJ' + checkCharacter('ACDEFGHJ');
const lookUp = (url: string, headers: Record<string, string> = {}) =>
  call(`${url}/api/submissions/status`, { method: 'POST', headers, json: { referenceNumber: unknownNumber, accessCode: 'ACDEF-GHJKM' } });

/** A Redis of its own and two servers counting in it, for the describe block that calls it. */
function twoServersOnOneRedis(): { redis: () => TestRedis; a: () => TestServer; b: () => { url: string } } {
  let redis: TestRedis;
  let a: TestServer;
  let b: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    redis = await startRedis();
    a = await startTestServer({ REDIS_URL: redis.url, STATUS_LOOKUPS_PER_WINDOW: '30' });
    b = await startPeerServer(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.kill();
  });
  return { redis: () => redis, a: () => a, b: () => b };
}

describe('with REDIS_URL, two servers on one database', () => {
  const servers = twoServersOnOneRedis();

  it('share one look-up budget: 30 wrong look-ups spread over both, then the 31st is refused on either', async () => {
    for (let i = 0; i < 30; i += 1) {
      const res = await lookUp(i % 2 === 0 ? servers.a().url : servers.b().url);
      expect(res.status, `look-up ${i + 1}`).toBe(404);
    }
    for (const url of [servers.a().url, servers.b().url]) {
      const refused = await lookUp(url);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(refused.body.error.message.ja).toBeTruthy();
      expect(refused.body.error.message.en).toBeTruthy();
    }
  });

  it('refuses look-ups with 503 UNAVAILABLE while Redis is out of reach, never lets them through uncounted', async () => {
    await servers.redis().kill();
    const res = await lookUp(servers.a().url);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UNAVAILABLE');
    expect(res.body.error.message.ja).toContain('利用できません');
  });
});

describe('with REDIS_URL, parallel look-ups from a fresh address', () => {
  const servers = twoServersOnOneRedis();

  it('of 40 at once over two servers, exactly 30 are looked up and 10 refused', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => lookUp(i % 2 === 0 ? servers.a().url : servers.b().url)));
    expect(results.filter((r) => r.status === 404)).toHaveLength(30);
    expect(results.filter((r) => r.status === 429)).toHaveLength(10);
  });
});

describe('behind a proxy', () => {
  let trusting: TestServer;
  let untrusting: TestServer;
  beforeAll(async () => {
    trusting = await startTestServer({ TRUST_PROXY: 'loopback', STATUS_LOOKUPS_PER_WINDOW: '5' });
    untrusting = await startTestServer({ STATUS_LOOKUPS_PER_WINDOW: '5' });
  });
  afterAll(async () => {
    await trusting?.close();
    await untrusting?.close();
  });

  it('with TRUST_PROXY, one resident spending their budget does not lock out the next resident', async () => {
    const first = { 'x-forwarded-for': '203.0.113.5' };
    for (let i = 0; i < 5; i += 1) expect((await lookUp(trusting.url, first)).status).toBe(404);
    expect((await lookUp(trusting.url, first)).status).toBe(429);
    expect((await lookUp(trusting.url, { 'x-forwarded-for': '203.0.113.6' })).status).toBe(404);
  });

  it('without TRUST_PROXY, a client cannot buy a fresh budget by making up X-Forwarded-For', async () => {
    for (let i = 0; i < 5; i += 1) expect((await lookUp(untrusting.url, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(404);
    const res = await lookUp(untrusting.url, { 'x-forwarded-for': '198.51.100.99' });
    expect(res.status).toBe(429);
  });
});
