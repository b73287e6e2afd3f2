/** The queue's keyset pagination, filters and counts, through HTTP against the real database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, submit } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let clerk: StaffSession;
const refs: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await addStaff(server, 'clerk@koganei.example', 'clerk', 'kosodate-shien');
  clerk = await login(server, 'clerk@koganei.example');
  for (let i = 0; i < 120; i += 1)
    refs.push((await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body.referenceNumber);
  // Spread the submissions over 120 days, some sharing the same instant, to exercise the (time, id) tie-break.
  const rows = (await server.testDb.db('submissions').select('id').orderBy('id')) as { id: number }[];
  for (const [i, r] of rows.entries()) {
    const at = new Date(Date.UTC(2026, 6, 1) + Math.floor(i / 2) * 86_400_000).toISOString();
    await server.testDb.db('submissions').where('id', r.id).update({ submitted_at: at, updated_at: at });
  }
  await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0]); // another department
});
afterAll(async () => {
  await server.close();
});

async function allPages(query: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor = '';
  do {
    const res = await asStaff(server, clerk, `/staff/submissions?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    pages.push(res.body.items.map((i: any) => i.submittedAt + ' ' + i.referenceNumber));
    cursor = res.body.nextCursor ?? '';
  } while (cursor);
  return pages;
}

describe('queue', () => {
  it('pages through every submission of the department once, newest first, 50 at a time', async () => {
    const pages = await allPages('sort=newest');
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    const flat = pages.flat();
    expect(new Set(flat.map((x) => x.split(' ')[1])).size).toBe(120);
    expect(
      [...flat]
        .sort()
        .reverse()
        .map((x) => x.split(' ')[0]),
    ).toEqual(flat.map((x) => x.split(' ')[0]));
  });

  it('pages oldest first the same way', async () => {
    const flat = (await allPages('sort=oldest')).flat();
    expect(flat).toHaveLength(120);
    expect(flat[0]!.startsWith('2026-07-01')).toBe(true);
  });

  it('filters by Japan-time dates, status and reference number, and counts per status', async () => {
    const day = await asStaff(server, clerk, '/staff/submissions?from=2026-07-02&to=2026-07-03');
    expect(day.body.items).toHaveLength(4);
    const found = await asStaff(server, clerk, `/staff/submissions?q=${refs[7]!.replaceAll('-', '').toLowerCase()}`);
    expect(found.body.items.map((i: any) => i.referenceNumber)).toEqual([refs[7]]);
    await asStaff(server, clerk, `/staff/submissions/${refs[0]}/transitions`, { method: 'POST', json: { to: 'in_review' } });
    const counts = (await asStaff(server, clerk, '/staff/submissions')).body.counts;
    expect(counts).toMatchObject({ submitted: 119, in_review: 1, approved: 0 });
    expect((await asStaff(server, clerk, '/staff/submissions?status=in_review')).body.items.map((i: any) => i.referenceNumber)).toEqual([
      refs[0],
    ]);
  });

  it('rejects malformed filters with 422 and per-parameter messages', async () => {
    const res = await asStaff(server, clerk, '/staff/submissions?status=done&from=1st+July&cursor=zzz');
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: any) => f.pointer)).toEqual(['/status', '/from', '/cursor']);
  });
});
