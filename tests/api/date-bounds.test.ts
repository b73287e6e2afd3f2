/**
 * Dates that make sense, on the server: a date outside its bounds (relative to today in Japan or to
 * another answer) is refused with a 422 naming the field, in Japanese and English, and nothing is
 * stored; the same answers inside the bounds file. "Today" is the Japanese calendar day, not UTC's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clone, definition, submit, testClock } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const clock = testClock();
/** 00:30 on 5 December 2026 in Japan, while it is still 4 December in UTC. */
const justAfterMidnightInJapan = new Date('2026-12-04T15:30:00Z');
const count = async () => Number(((await server.testDb.db('submissions').count({ n: '*' }).first()) as { n: number | string }).n);

beforeAll(async () => {
  server = await startTestServer({}, { clock: clock.now });
  clock.set(justAfterMidnightInJapan);
});
afterAll(async () => {
  await server.close();
});

type Answers = Record<string, Record<string, unknown>>;
const collection = (preferredDate: string) => {
  const a = clone(definition('sodai-gomi').examples[0]) as Answers;
  a.collection = { ...a.collection, preferredDate };
  return a;
};
const pregnancy = (dates: { diagnosisDate: string; dueDate: string }) => {
  const a = clone(definition('kosodate-15').examples[0]) as Answers;
  a.pregnancy = { ...a.pregnancy, ...dates };
  return a;
};

describe('a collection day (粗大ごみ: from tomorrow, within 60 days)', () => {
  it('when I ask for today in Japan (still yesterday in UTC), then it is refused at the field in both languages and nothing is stored', async () => {
    const before = await count();
    const res = await submit(server.url, 'sodai-gomi', collection('2026-12-05'));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual([
      {
        pointer: '/collection/preferredDate',
        keyword: 'notBefore',
        message: {
          ja: '「希望日（任意）」は、令和8年12月6日（2026年12月6日）以降の日付を入力してください。',
          en: expect.stringMatching(/^“Preferred date \(optional\)” must be on or after .*2026.*\.$/u),
        },
      },
    ]);
    expect(await count()).toBe(before);
  });

  it('when I ask for a day 61 days ahead, then it is refused with the last day I may choose', async () => {
    const res = await submit(server.url, 'sodai-gomi', collection('2027-02-04'));
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([
      expect.objectContaining({
        pointer: '/collection/preferredDate',
        keyword: 'notAfter',
        message: expect.objectContaining({ ja: expect.stringContaining('令和9年2月3日') }),
      }),
    ]);
  });

  it('when I ask for tomorrow or the 60th day, then the request files', async () => {
    for (const day of ['2026-12-06', '2027-02-03']) {
      const res = await submit(server.url, 'sodai-gomi', collection(day));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
});

describe('a pregnancy (妊娠の届出: diagnosed by today, due after the diagnosis)', () => {
  it('when the due date is before the diagnosis, then the due date is refused, naming the other answer by its title', async () => {
    const before = await count();
    const res = await submit(server.url, 'kosodate-15', pregnancy({ diagnosisDate: '2026-11-02', dueDate: '2026-10-20' }));
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([
      expect.objectContaining({
        pointer: '/pregnancy/dueDate',
        keyword: 'notBefore',
        message: {
          ja: expect.stringContaining('「妊娠の診断を受けた日」'),
          en: expect.stringContaining('Date the pregnancy was confirmed'),
        },
      }),
    ]);
    expect(await count()).toBe(before);
  });

  it('when the diagnosis is dated after today in Japan, then it is refused as a date in the future', async () => {
    const res = await submit(server.url, 'kosodate-15', pregnancy({ diagnosisDate: '2026-12-06', dueDate: '2027-07-01' }));
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([
      expect.objectContaining({
        pointer: '/pregnancy/diagnosisDate',
        keyword: 'notAfter',
        message: expect.objectContaining({ ja: expect.stringContaining('今日より後の日付は入力できません') }),
      }),
    ]);
  });

  it('when a date is not a calendar day or a bound is attacked with odd keys, then the answer is refused as a 4xx, never a 500', async () => {
    const impossible = await submit(server.url, 'kosodate-15', pregnancy({ diagnosisDate: '2026-02-30', dueDate: '2027-06-20' }));
    expect(impossible.status).toBe(422);
    expect(impossible.body.error.fields.map((f: { pointer: string }) => f.pointer)).toContain('/pregnancy/diagnosisDate');
    const hostile = pregnancy({ diagnosisDate: '2026-11-02', dueDate: '2027-06-20' });
    Object.assign(hostile.pregnancy!, JSON.parse('{"constructor":"2030-01-01","__proto__":{"from":"today"}}'));
    const res = await submit(server.url, 'kosodate-15', hostile);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('when both dates are in order and the diagnosis is today in Japan, then it files', async () => {
    const res = await submit(server.url, 'kosodate-15', pregnancy({ diagnosisDate: '2026-12-05', dueDate: '2027-07-01' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});
