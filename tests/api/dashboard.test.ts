/**
 * The DX office's figures, computed from seeded data and checked exactly, through HTTP against
 * the real database. A procedure without a published definition is never counted as online.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, definition, submit } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let dx: StaffSession;
let clerk: StaffSession;

/** Files a submission through the API, then dates it (and its decision) as a test needs. */
async function filed(procedureId: string, at: string, decision?: { to: string; afterDays: number }, returned = false) {
  const { referenceNumber } = (await submit(server.url, procedureId, definition(procedureId).examples[0])).body;
  const db = server.testDb.db;
  await db('submissions').where({ reference_number: referenceNumber }).update({ submitted_at: at, updated_at: at });
  const { id } = await db('submissions').where({ reference_number: referenceNumber }).first();
  const event = (to: string, days: number) => ({
    submission_id: id,
    at: new Date(new Date(at).getTime() + days * 86_400_000).toISOString(),
    actor_type: 'staff',
    kind: 'status',
    from_status: 'in_review',
    to_status: to,
  });
  if (returned) await db('submission_events').insert(event('returned', 1));
  if (decision) await db('submission_events').insert(event(decision.to, decision.afterDays));
}

beforeAll(async () => {
  server = await startTestServer();
  await addStaff(server, 'dx@koganei.example', 'dx');
  await addStaff(server, 'clerk@koganei.example', 'clerk', 'kosodate-shien');
  dx = await login(server, 'dx@koganei.example');
  clerk = await login(server, 'clerk@koganei.example');
  // 令和8年度 = April 2026 to March 2027 (Japan time).
  await filed('kosodate-01', '2026-05-10T01:00:00.000Z', { to: 'approved', afterDays: 2 });
  await filed('kosodate-01', '2026-05-20T01:00:00.000Z', { to: 'rejected', afterDays: 4 }, true);
  await filed('kosodate-01', '2026-05-31T16:00:00.000Z'); // 1 June 01:00 in Japan
  await filed('kosodate-01', '2026-06-02T01:00:00.000Z');
  await filed('kosodate-01', '2026-03-15T01:00:00.000Z'); // 令和7年度: not counted
  await filed('kaigo-01', '2026-05-12T01:00:00.000Z');
  await server.testDb.db('form_starts').insert([
    { procedure_id: 'kosodate-01', day: '2026-05-10', n: 6 },
    { procedure_id: 'kosodate-01', day: '2026-06-01', n: 2 },
    { procedure_id: 'kosodate-01', day: '2026-03-01', n: 50 },
  ]);
});
afterAll(async () => {
  await server.close();
});

const dashboard = (query = 'fy=8') => asStaff(server, dx, `/dx/dashboard?${query}`);

describe('coverage', () => {
  it('counts the priority procedures online (27 of 27, none missing) and the high-need ones against 70 % (6 of 7)', async () => {
    const { body } = await dashboard();
    expect(body.coverage.priority).toMatchObject({ total: 27, online: 27, share: 1, gap: 0, goalFiscalYear: 7, overdue: false });
    expect(body.coverage.priority.missing).toEqual([]);
    expect(body.coverage.highNeed).toEqual(expect.objectContaining({ total: 7, online: 6, share: 0.857, goalShare: 0.7, gap: 0 }));
  });

  it('filters by department', async () => {
    const { body } = await dashboard('fy=8&department=kosodate-shien');
    expect(body.coverage.priority).toMatchObject({ total: 11, online: 11 });
    const ids = body.use.map((u: any) => u.id);
    expect(ids).toContain('kosodate-01');
    expect(ids).toContain('jidoufuyou-shinsei');
    expect(ids).not.toContain('kaigo-01');
  });
});

describe('use, work and funnel', () => {
  it('counts online filings per Japan-time month, adds counter and mail counts, and gives the online rate', async () => {
    const before = (await dashboard()).body.use.find((u: any) => u.id === 'kosodate-01');
    expect(before.months.find((m: any) => m.month === '2026-05')).toEqual({
      month: '2026-05',
      online: 2,
      counterAssisted: 0,
      counter: 0,
      mail: 0,
      entered: false,
      // No counter or mail counts yet: the share filed online is not known (never 100 %).
      onlineRate: null,
    });
    expect(before.months.find((m: any) => m.month === '2026-06')).toMatchObject({ online: 2 });
    expect(before.total).toEqual({ online: 4, counterAssisted: 0, counter: 0, mail: 0, onlineRate: null, monthsCounted: 0 });

    const put = await asStaff(server, dx, '/dx/counter-counts', {
      method: 'PUT',
      json: { procedureId: 'kosodate-01', month: '2026-05', counter: 5, mail: 1 },
    });
    expect(put.status).toBe(204);
    const after = (await dashboard()).body.use.find((u: any) => u.id === 'kosodate-01');
    expect(after.months.find((m: any) => m.month === '2026-05')).toEqual({
      month: '2026-05',
      online: 2,
      counterAssisted: 0,
      counter: 5,
      mail: 1,
      entered: true,
      onlineRate: 0.25,
    });
    // The year's rate counts May only (June has no counts yet): 2 of 8.
    expect(after.total).toEqual({ online: 4, counterAssisted: 0, counter: 5, mail: 1, onlineRate: 0.25, monthsCounted: 1 });
  });

  it('gives the median days to a decision, the share returned, and no cashless share for a procedure without a fee', async () => {
    const work = (await dashboard()).body.work.find((w: any) => w.id === 'kosodate-01');
    expect(work).toEqual({
      id: 'kosodate-01',
      name: expect.anything(),
      submissions: 4,
      decided: 2,
      medianDaysToDecision: 3,
      returnedShare: 0.25,
      cashlessShare: null,
      // Decided without the 標準処理期間 columns (seeded events): none counts as decided in time or late.
      withinPeriodShare: null,
      overdue: 0,
    });
  });

  it('counts residents who started a form against those who submitted', async () => {
    const funnel = (await dashboard()).body.funnel.find((f: any) => f.id === 'kosodate-01');
    expect(funnel).toEqual({ id: 'kosodate-01', name: expect.anything(), started: 8, submitted: 4, completionRate: 0.5 });
    expect((await call(`${server.url}/api/procedures/kosodate-01/starts`, { method: 'POST' })).status).toBe(204);
    const [row] = await server.testDb
      .db('form_starts')
      .where({ procedure_id: 'kosodate-01' })
      .whereNotIn('day', ['2026-05-10', '2026-06-01', '2026-03-01']);
    expect(row.n).toBe(1);
    expect((await call(`${server.url}/api/procedures/nothing/starts`, { method: 'POST' })).status).toBe(404);
  });

  it('never reads more than 100 %: filings by residents whose start was counted elsewhere (another device, last year) are not extra completions', async () => {
    // Two filings in May, one start counted (the other resident started on a device that had counted that day, or in March).
    await filed('sodai-gomi', '2026-05-12T01:00:00.000Z');
    await filed('sodai-gomi', '2026-05-13T01:00:00.000Z');
    await server.testDb.db('form_starts').insert({ procedure_id: 'sodai-gomi', day: '2026-05-12', n: 1 });
    const funnel = (await dashboard()).body.funnel.find((f: any) => f.id === 'sodai-gomi');
    expect(funnel).toEqual({ id: 'sodai-gomi', name: expect.anything(), started: 1, submitted: 2, completionRate: 1 });
  });
});

describe('entering counter and mail counts', () => {
  it('refuses bad values with per-field messages, and another department’s procedure for a clerk', async () => {
    const bad = await asStaff(server, dx, '/dx/counter-counts', {
      method: 'PUT',
      json: { procedureId: 'nothing', month: '2026-13', counter: -1, mail: 1.5 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: any) => f.pointer)).toEqual(['/procedureId', '/month', '/counter', '/mail']);
    const future = await asStaff(server, dx, '/dx/counter-counts', {
      method: 'PUT',
      json: { procedureId: 'kosodate-01', month: '2099-01', counter: 1, mail: 0 },
    });
    expect(future.body.error.fields[0].message.ja).toContain('まだ来ていない月');
    const other = await asStaff(server, clerk, '/dx/counter-counts', {
      method: 'PUT',
      json: { procedureId: 'kaigo-01', month: '2026-05', counter: 1, mail: 0 },
    });
    expect(other.status).toBe(422);
    const own = await asStaff(server, clerk, '/dx/counter-counts', {
      method: 'PUT',
      json: { procedureId: 'kosodate-02', month: '2026-05', counter: 7, mail: 0 },
    });
    expect(own.status).toBe(204);
  });

  it('takes a CSV whole or not at all, naming the line of each problem', async () => {
    const upload = (csv: string) =>
      asStaff(server, dx, '/dx/counter-counts.csv', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });
    const bad = await upload('procedure_id,month,counter,mail\nkaigo-01,2026-05,3,0\nkaigo-01,2026-06,x,0\n');
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: any) => f.pointer)).toEqual(['/line/3/counter']);
    expect(await server.testDb.db('counter_counts').where({ procedure_id: 'kaigo-01' })).toEqual([]);
    const ok = await upload('\ufeffprocedure_id,month,counter,mail\r\nkaigo-01,2026-05,3,0\r\nkaigo-01,2026-06,4,1\r\n');
    expect(ok.body).toEqual({ saved: 2 });
    const kaigo = (await dashboard()).body.use.find((u: any) => u.id === 'kaigo-01');
    expect(kaigo.months.find((m: any) => m.month === '2026-05')).toMatchObject({ online: 1, counter: 3, onlineRate: 0.25 });
  });
});

describe('what a department may enter', () => {
  it('lists only the department’s procedures for a clerk, every procedure for the DX office, and the months so far', async () => {
    const mine = await asStaff(server, clerk, '/dx/counter-counts?fy=8');
    expect(new Set(mine.body.procedures.map((p: any) => p.departmentId))).toEqual(new Set(['kosodate-shien']));
    expect(mine.body.entries).toContainEqual({ procedureId: 'kosodate-02', month: '2026-05', counter: 7, mail: 0 });
    expect(mine.body.entries.some((e: any) => e.procedureId === 'kaigo-01')).toBe(false);
    expect(mine.body.months[0]).toBe('2026-04');
    const all = await asStaff(server, dx, '/dx/counter-counts?fy=8');
    expect(all.body.procedures).toHaveLength(35);
  });
});

describe('access and open data', () => {
  it('shows the dashboard to the DX office only', async () => {
    expect((await asStaff(server, clerk, '/dx/dashboard')).status).toBe(403);
    expect((await asStaff(server, null, '/dx/dashboard')).status).toBe(401);
  });

  it('publishes the catalog and the monthly figures as CSV and JSON, with no personal data', async () => {
    const catalog = await call(`${server.url}/api/open-data/catalog.json`);
    expect(catalog.body).toHaveLength(35);
    expect(catalog.body.find((r: any) => r.procedure_id === 'kosodate-15')).toEqual({
      procedure_id: 'kosodate-15',
      name_ja: '妊娠の届出',
      name_en: 'Pregnancy notification',
      department_id: 'kenko',
      department_ja: '健康課（保健センター）',
      national_priority_id: 'kosodate-15',
      high_need: true,
      state: 'online',
      target_fiscal_year: '',
    });
    const monthly = await fetch(`${server.url}/api/open-data/monthly.csv?fy=8`);
    const bytes = new Uint8Array(await monthly.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe(
      'fiscal_year,month,procedure_id,name_ja,department_id,online,counter_assisted,counter,mail,online_rate',
    );
    expect(text).toContain('8,2026-05,kosodate-01,児童手当等の受給資格及び児童手当の額についての認定請求,kosodate-shien,2,0,5,1,0.25');
    expect(text).not.toMatch(/小金井 太郎|023456789013|taro@example/u);
    expect((await call(`${server.url}/api/open-data/secret.json`)).status).toBe(404);
  });
});

describe('counter-assisted filings (書かない窓口)', () => {
  it('are their own channel: among all filings for the online rate, not online, and not in the residents’ form funnel', async () => {
    const filedAtCounter = await asStaff(server, clerk, '/staff/counter/kosodate-01/submissions', {
      method: 'POST',
      json: {
        definitionVersion: definition('kosodate-01').version,
        answers: definition('kosodate-01').examples[0],
        identityCheck: { document: 'my-number-card' },
      },
    });
    expect(filedAtCounter.status).toBe(201);
    await server.testDb
      .db('submissions')
      .where({ reference_number: filedAtCounter.body.referenceNumber })
      .update({ submitted_at: '2026-07-01T01:00:00.000Z' });
    const { body } = await dashboard();
    const use = body.use.find((u: any) => u.id === 'kosodate-01');
    expect(use.months.find((m: any) => m.month === '2026-07')).toEqual({
      month: '2026-07',
      online: 0,
      counterAssisted: 1,
      counter: 0,
      mail: 0,
      entered: false,
      onlineRate: null,
    });
    expect(use.total).toEqual({ online: 4, counterAssisted: 1, counter: 5, mail: 1, onlineRate: 0.25, monthsCounted: 1 });
    expect(body.work.find((w: any) => w.id === 'kosodate-01').submissions).toBe(5);
    expect(body.funnel.find((f: any) => f.id === 'kosodate-01')).toMatchObject({ submitted: 4 });
    const csv = await (await fetch(`${server.url}/api/open-data/monthly.csv?fy=8`)).text();
    expect(csv).toContain(',kosodate-shien,0,1,0,0,\r\n');
  });
});

describe('the catalog never claims more than the platform does', () => {
  it('is rejected by forms:check when it marks online a procedure without a published definition, or omits a published one', async () => {
    const { definitionsDir } = await import('../helpers/definitions-dir.ts');
    const { loadDefinitionFiles } = await import('../../server/procedures/catalog.ts');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const dir = definitionsDir();
    const city = JSON.parse(readFileSync(path.join(dir, 'catalog.json'), 'utf8'));
    const inkan = city.procedures.find((p: any) => p.id === 'inkan-shomei');
    Object.assign(inkan, { state: 'online', definitionId: 'inkan-shomei' });
    delete inkan.targetFiscalYear;
    city.procedures = city.procedures.filter((p: any) => p.id !== 'sodai-gomi');
    writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(city));
    const { problems } = await loadDefinitionFiles(dir);
    expect(problems.map((p) => p.message)).toEqual([
      '"inkan-shomei" is marked online but there is no published definition "inkan-shomei"',
      'published definition "sodai-gomi" is not listed as online in the catalog',
    ]);
  });
});

describe('a plan behind its goal', () => {
  it('says how many are missing, the share, and that the goal year has passed', async () => {
    const { definitionsDir } = await import('../helpers/definitions-dir.ts');
    const { readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const dir = definitionsDir();
    // 児童手当の額改定 goes back to paper, and one more high-need procedure too.
    rmSync(path.join(dir, 'kosodate-02-allowance-revision.json'));
    rmSync(path.join(dir, 'inu-toroku-dog-registration.json'));
    const city = JSON.parse(readFileSync(path.join(dir, 'catalog.json'), 'utf8'));
    for (const id of ['kosodate-02', 'inu-toroku']) {
      const p = city.procedures.find((e: any) => e.id === id);
      p.state = 'paper';
      delete p.definitionId;
    }
    writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(city));
    const behind = await startTestServer({ FORM_DEFINITIONS_DIR: dir });
    await addStaff(behind, 'dx2@koganei.example', 'dx');
    const officer = await login(behind, 'dx2@koganei.example');
    const { body } = await asStaff(behind, officer, '/dx/dashboard?fy=8');
    expect(body.coverage.priority).toMatchObject({ total: 27, online: 26, share: 0.963, gap: 1, goalFiscalYear: 7, overdue: true });
    expect(body.coverage.priority.missing.map((m: any) => m.id)).toEqual(['kosodate-02']);
    // 5 of 7 is 71.4 %: the 70 % goal is met.
    expect(body.coverage.highNeed).toMatchObject({ online: 5, share: 0.714, gap: 0 });
    await behind.close();
  });
});
