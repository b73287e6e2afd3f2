/**
 * Filing periods (opensAt / closesAt): before and after, filing and signing requests are refused
 * with a clear 409 in Japanese and English and nothing is stored; inside, the same answers file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, definition, submit, testClock } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const clock = testClock();
const nursery = definition('kosodate-12');
const count = async () => Number(((await server.testDb.db('submissions').count({ n: '*' }).first()) as { n: number | string }).n);

beforeAll(async () => {
  server = await startTestServer({}, { clock: clock.now });
});
afterAll(async () => {
  await server.close();
});

describe('a procedure with a filing period (保育施設等の利用申込)', () => {
  it('declares its period on the procedure page and in the list', async () => {
    const page = await call(`${server.url}/api/procedures/kosodate-12`);
    expect(page.body).toMatchObject({ opensAt: nursery.opensAt, closesAt: nursery.closesAt });
    const list = await call(`${server.url}/api/procedures`);
    expect(list.body.procedures.find((p: { id: string }) => p.id === 'kosodate-12')).toMatchObject({ opensAt: nursery.opensAt });
  });

  it('before it opens, filing is refused with when it opens; nothing is stored', async () => {
    clock.set(new Date(Date.parse(nursery.opensAt!) - 1000));
    const before = await count();
    const res = await submit(server.url, 'kosodate-12', nursery.examples[0]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PROCEDURE_NOT_YET_OPEN');
    expect(res.body.error.message.ja).toMatch(/まだ始まっていません。令和8年11月4日.*08:30から受け付けます。/u);
    expect(res.body.error.message.en).toContain('not open yet');
    expect(await count()).toBe(before);
  });

  it('from the moment it closes, filing is refused with when it closed; nothing is stored', async () => {
    clock.set(new Date(Date.parse(nursery.closesAt!)));
    const before = await count();
    const res = await submit(server.url, 'kosodate-12', nursery.examples[1]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PROCEDURE_CLOSED');
    expect(res.body.error.message.ja).toMatch(/令和9年3月10日.*17:00に終了しました/u);
    expect(res.body.error.message.en).toContain('closed');
    expect(await count()).toBe(before);
  });

  it('a second before it closes, the same answers are filed', async () => {
    clock.set(new Date(Date.parse(nursery.closesAt!) - 1000));
    const res = await submit(server.url, 'kosodate-12', nursery.examples[1]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('a procedure without a period is open whatever the time', async () => {
    clock.set(new Date('2031-01-01T00:00:00+09:00'));
    const res = await submit(server.url, 'sodai-gomi', definition('sodai-gomi').examples[0]);
    expect(res.status).toBe(201);
    clock.set(null);
  });
});
