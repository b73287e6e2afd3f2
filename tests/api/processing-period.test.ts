/**
 * 標準処理期間 and one-step approval through HTTP against the real database: each submission's
 * due date in the queue and the detail, the overdue filter, the clock stopped by a 差戻し, the
 * share decided in time on the DX dashboard, and 受付 -> 完了 only where a procedure allows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { japanToday, shiftDate } from '../../shared/forms/date-bounds.ts';
import { call, clone, definition, submit } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let kosodate: StaffSession;
let shimin: StaffSession;
let dx: StaffSession;

const file = async (procedureId = 'kosodate-01') =>
  (await submit(server.url, procedureId, definition(procedureId).examples[0])).body as { referenceNumber: string; accessCode: string };
const move = (s: StaffSession, ref: string, to: string, reason?: string) =>
  asStaff(server, s, `/staff/submissions/${ref}/transitions`, { method: 'POST', json: { to, reason } });
const detail = (s: StaffSession, ref: string) => asStaff(server, s, `/staff/submissions/${ref}`);
const queueItem = async (s: StaffSession, ref: string, query = '') =>
  (await asStaff(server, s, `/staff/submissions?${query}`)).body.items.find((i: any) => i.referenceNumber === ref);
const resident = (path: string, json: unknown) => call(`${server.url}/api/submissions/${path}`, { method: 'POST', json });
/** Noon in Japan, `days` from today. */
const japanNoon = (days: number) => new Date(`${shiftDate(japanToday(new Date()), { days })}T12:00:00+09:00`).toISOString();

beforeAll(async () => {
  server = await startTestServer({ STATUS_LOOKUPS_PER_WINDOW: '1000' });
  await addStaff(server, 'kosodate@koganei.example', 'clerk', 'kosodate-shien');
  await addStaff(server, 'shimin@koganei.example', 'clerk', 'shimin');
  await addStaff(server, 'dx@koganei.example', 'dx');
  kosodate = await login(server, 'kosodate@koganei.example');
  shimin = await login(server, 'shimin@koganei.example');
  dx = await login(server, 'dx@koganei.example');
});
afterAll(async () => {
  await server.close();
});

describe('the standard processing period', () => {
  it('when a claim comes in, the clerk sees it due 30 days after the day it was filed', async () => {
    const { referenceNumber: ref } = await file();
    const due = shiftDate(japanToday(new Date()), { days: 30 });
    expect(await queueItem(kosodate, ref)).toMatchObject({ dueOn: due, overdue: false });
    expect((await detail(kosodate, ref)).body.deadline).toEqual({
      period: { days: 30, count: 'calendar' },
      dueOn: due,
      paused: false,
      overdue: false,
      decidedOn: null,
      metPeriod: null,
    });
  });

  it('when a claim is past its due date, the overdue filter finds it until it is decided, and the dashboard counts it', async () => {
    const late = (await file()).referenceNumber;
    const onTime = (await file()).referenceNumber;
    // As if the late one had been filed 37 days ago: it was due last week.
    const lastWeek = shiftDate(japanToday(new Date()), { days: -7 });
    await server.testDb
      .db('submissions')
      .where({ reference_number: late })
      .update({ submitted_at: japanNoon(-37), due_on: lastWeek });

    const overdue = (await asStaff(server, kosodate, '/staff/submissions?due=overdue')).body.items.map((i: any) => i.referenceNumber);
    expect(overdue).toEqual([late]);
    expect(await queueItem(kosodate, late)).toMatchObject({ dueOn: lastWeek, overdue: true });
    expect((await detail(kosodate, late)).body.deadline).toMatchObject({ overdue: true, paused: false });
    const before = (await asStaff(server, dx, '/dx/dashboard?fy=8')).body.work.find((w: any) => w.id === 'kosodate-01');
    expect(before).toMatchObject({ overdue: 1, withinPeriodShare: null });

    for (const ref of [late, onTime]) {
      expect((await move(kosodate, ref, 'in_review')).status).toBe(200);
      expect((await move(kosodate, ref, 'approved')).status).toBe(200);
    }
    expect((await asStaff(server, kosodate, '/staff/submissions?due=overdue')).body.items).toEqual([]);
    const today = japanToday(new Date());
    expect((await detail(kosodate, late)).body.deadline).toMatchObject({
      dueOn: lastWeek,
      decidedOn: today,
      metPeriod: false,
      overdue: false,
    });
    expect((await detail(kosodate, onTime)).body.deadline).toMatchObject({ decidedOn: today, metPeriod: true });
    const after = (await asStaff(server, dx, '/dx/dashboard?fy=8')).body.work.find((w: any) => w.id === 'kosodate-01');
    expect(after).toMatchObject({ overdue: 0, withinPeriodShare: 0.5 });
  });

  it('an unknown due filter is a 422 at its parameter, in Japanese and English', async () => {
    const res = await asStaff(server, kosodate, '/staff/submissions?due=constructor');
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0]).toMatchObject({
      pointer: '/due',
      message: { ja: expect.stringContaining('処理期限'), en: expect.any(String) },
    });
  });

  it('while a claim waits for the resident the clock stops; sent again, the days waited are added to its due date', async () => {
    const { referenceNumber: ref, accessCode } = await file();
    expect((await move(kosodate, ref, 'returned', '口座番号をご確認ください。')).status).toBe(200);
    expect(await queueItem(kosodate, ref)).toMatchObject({ dueOn: null, overdue: false });
    expect((await detail(kosodate, ref)).body.deadline).toMatchObject({ dueOn: null, paused: true });

    // As if it had been filed ten days ago and returned the day after.
    const db = server.testDb.db;
    const row = await db('submissions').where({ reference_number: ref }).first();
    await db('submissions')
      .where({ id: row.id })
      .update({ submitted_at: japanNoon(-10) });
    await db('submission_events')
      .where({ submission_id: row.id, kind: 'status', to_status: 'returned' })
      .update({ at: japanNoon(-9) });

    const form = await resident('correction-form', { referenceNumber: ref, accessCode });
    const fixed = clone(form.body.answers);
    fixed.account.accountNumber = '7654321';
    expect((await resident('correction', { referenceNumber: ref, accessCode, answers: fixed })).body.status).toBe('submitted');
    // Day 1 after filing ended returned, and so did every day until today: today is the first day counted.
    const due = shiftDate(japanToday(new Date()), { days: 29 });
    expect(await queueItem(kosodate, ref)).toMatchObject({ dueOn: due, overdue: false });
    expect((await detail(kosodate, ref)).body.deadline).toMatchObject({ dueOn: due, paused: false });
  });

  it('a procedure without a period has no due date', async () => {
    await addStaff(server, 'kankyo@koganei.example', 'clerk', definition('sodai-gomi').department.id);
    const kankyo = await login(server, 'kankyo@koganei.example');
    const { referenceNumber: ref } = await file('sodai-gomi');
    expect(await queueItem(kankyo, ref)).toMatchObject({ dueOn: null, overdue: false });
    expect((await detail(kankyo, ref)).body.deadline).toBeNull();
  });
});

describe('approval in one step', () => {
  it('a certificate issued as asked goes from 受付 to 完了 at once, once its fee is paid', async () => {
    const { referenceNumber: ref } = await file('juminhyo-copy');
    const d = (await detail(shimin, ref)).body;
    expect(d.status).toBe('submitted');
    expect(d.allowedTransitions.map((t: any) => t.to)).toContain('approved');
    expect((await move(shimin, ref, 'approved')).body.error.code).toBe('PAYMENT_OUTSTANDING');
    const { fee_yen } = await server.testDb.db('submissions').where({ reference_number: ref }).first();
    const paid = await asStaff(server, shimin, `/staff/submissions/${ref}/counter-payments`, {
      method: 'POST',
      json: { amountYen: Number(fee_yen) },
    });
    expect(paid.status).toBe(201);
    expect((await move(shimin, ref, 'approved')).body).toMatchObject({ status: 'approved', statusLabel: { ja: '完了' } });
    const history = (await detail(shimin, ref)).body.history.filter((h: any) => h.kind === 'status');
    expect(history.map((h: any) => [h.fromStatus, h.toStatus])).toEqual([['submitted', 'approved']]);
  });

  it('a claim that needs review cannot skip 審査中: 409, and nothing changes', async () => {
    const { referenceNumber: ref } = await file();
    expect((await detail(kosodate, ref)).body.allowedTransitions.map((t: any) => t.to)).not.toContain('approved');
    const res = await move(kosodate, ref, 'approved');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
    const bulk = await asStaff(server, kosodate, '/staff/transitions', {
      method: 'POST',
      json: { referenceNumbers: [ref], to: 'approved' },
    });
    expect(bulk.status).toBe(409);
    expect((await detail(kosodate, ref)).body.status).toBe('submitted');
  });
});
