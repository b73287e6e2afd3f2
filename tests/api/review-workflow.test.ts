/** The review workflow through HTTP: transitions (409 otherwise), who/when/why, assignment, notes, corrections, withdrawal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/audit/audit-log.ts';
import { call, clone, definition, submit } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let clerk: StaffSession;
let clerk2: StaffSession;
let supervisor: StaffSession;
const file = async () =>
  (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body as { referenceNumber: string; accessCode: string };
const move = (s: StaffSession, ref: string, to: string, reason?: string) =>
  asStaff(server, s, `/staff/submissions/${ref}/transitions`, { method: 'POST', json: { to, reason } });
const detail = (s: StaffSession, ref: string) => asStaff(server, s, `/staff/submissions/${ref}`);
const resident = (path: string, json: unknown) => call(`${server.url}/api/submissions/${path}`, { method: 'POST', json });

beforeAll(async () => {
  server = await startTestServer({ STATUS_LOOKUPS_PER_WINDOW: '1000' });
  await addStaff(server, 'clerk@koganei.example', 'clerk', 'kosodate-shien');
  await addStaff(server, 'clerk2@koganei.example', 'clerk', 'kosodate-shien');
  await addStaff(server, 'sup@koganei.example', 'supervisor', 'kosodate-shien');
  clerk = await login(server, 'clerk@koganei.example');
  clerk2 = await login(server, 'clerk2@koganei.example');
  supervisor = await login(server, 'sup@koganei.example');
});
afterAll(async () => {
  await server.close();
});

describe('transitions', () => {
  it('受付 -> 審査中 -> 完了, recording who, when and why; anything else is 409', async () => {
    const { referenceNumber: ref } = await file();
    expect((await move(clerk, ref, 'approved')).status).toBe(409);
    expect((await move(clerk, ref, 'in_review')).body).toMatchObject({ status: 'in_review', statusLabel: { ja: '審査中' } });
    const conflict = await move(clerk, ref, 'submitted');
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('INVALID_TRANSITION');
    expect((await move(clerk, ref, 'approved')).status).toBe(200);
    expect((await move(clerk, ref, 'returned', 'too late')).status).toBe(409);
    const d = await detail(clerk, ref);
    expect(d.body.status).toBe('approved');
    expect(d.body.allowedTransitions).toEqual([]);
    expect(d.body.history.filter((h: any) => h.kind === 'status').map((h: any) => [h.fromStatus, h.toStatus, h.actor.displayName])).toEqual(
      [
        ['submitted', 'in_review', 'clerk'],
        ['in_review', 'approved', 'clerk'],
      ],
    );
  });

  it('却下 and 差戻し need a reason', async () => {
    const { referenceNumber: ref } = await file();
    const res = await move(clerk, ref, 'returned', '   ');
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].pointer).toBe('/reason');
  });

  it('changes several at once, all or none', async () => {
    const a = (await file()).referenceNumber;
    const b = (await file()).referenceNumber;
    await move(clerk, b, 'in_review');
    const refused = await asStaff(server, clerk, '/staff/transitions', {
      method: 'POST',
      json: { referenceNumbers: [a, b], to: 'in_review' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message.en).toContain(b);
    expect((await detail(clerk, a)).body.status).toBe('submitted'); // nothing changed
    const c = (await file()).referenceNumber;
    const ok = await asStaff(server, clerk, '/staff/transitions', { method: 'POST', json: { referenceNumbers: [a, c], to: 'in_review' } });
    expect(ok.body.results.map((r: any) => r.status)).toEqual(['in_review', 'in_review']);
  });
});

describe('assignment', () => {
  it('a clerk takes an unassigned submission; only a supervisor reassigns it', async () => {
    const { referenceNumber: ref } = await file();
    const put = (s: StaffSession, assigneeId: number | null) =>
      asStaff(server, s, `/staff/submissions/${ref}/assignee`, { method: 'PUT', json: { assigneeId } });
    expect((await put(clerk, clerk.userId)).status).toBe(204);
    expect((await put(clerk2, clerk2.userId)).status).toBe(403);
    expect((await put(supervisor, clerk2.userId)).status).toBe(204);
    expect((await detail(clerk, ref)).body.assignee).toEqual({ id: clerk2.userId, displayName: 'clerk2' });
    const mine = await asStaff(server, clerk2, '/staff/submissions?assignee=me');
    expect(mine.body.items.map((i: any) => i.referenceNumber)).toEqual([ref]);
  });
});

describe('return for correction', () => {
  it('what the sign-in verified at filing stays as filed: a correction that changes it is refused at its field, and nothing changes', async () => {
    const { referenceNumber: ref, accessCode } = await file(); // filed signed in as 小金井 太郎
    expect((await move(clerk, ref, 'returned', '口座番号をご確認ください。')).status).toBe(200);
    const form = await resident('correction-form', { referenceNumber: ref, accessCode });
    expect(form.body.verified).toEqual(['/claimant/name', '/claimant/birthDate', '/claimant/address']);
    const changes: [string, (a: any) => void][] = [
      ['/claimant/name', (a) => (a.claimant.name = '別人 次郎')],
      ['/claimant/birthDate', (a) => (a.claimant.birthDate = '1991-04-01')],
      ['/claimant/address', (a) => (a.claimant.address = '東京都小金井市本町一丁目1番1号')],
    ];
    for (const [pointer, change] of changes) {
      const changed = clone(form.body.answers);
      change(changed);
      changed.account.accountNumber = '7654321';
      const res = await resident('correction', { referenceNumber: ref, accessCode, answers: changed });
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual([expect.objectContaining({ pointer, keyword: 'verified' })]);
      expect(res.body.error.fields[0].message.ja).toContain('本人確認済み');
    }
    expect((await resident('status', { referenceNumber: ref, accessCode })).body.status).toBe('returned');
    expect((await detail(clerk, ref)).body.history.some((h: any) => h.kind === 'correction')).toBe(false);
    const fixed = clone(form.body.answers);
    fixed.account.accountNumber = '7654321';
    expect((await resident('correction', { referenceNumber: ref, accessCode, answers: fixed })).body.status).toBe('submitted');
  });

  it('the resident sees the reason, corrects with the earlier answers, and staff see what changed', async () => {
    const { referenceNumber: ref, accessCode } = await file();
    await asStaff(server, clerk, `/staff/submissions/${ref}/notes`, { method: 'POST', json: { text: '口座名義が請求者と違う可能性' } });
    expect((await move(clerk, ref, 'returned', '口座番号をご確認ください。')).status).toBe(200);

    const status = await resident('status', { referenceNumber: ref, accessCode });
    expect(status.body).toMatchObject({ status: 'returned', statusLabel: { ja: '差戻し' }, returnReason: '口座番号をご確認ください。' });
    expect(JSON.stringify(status.body)).not.toContain('口座名義が請求者と違う可能性'); // notes are internal

    const form = await resident('correction-form', { referenceNumber: ref, accessCode });
    expect(form.body.answers.account.accountNumber).toBe('1234567');
    const bad = clone(form.body.answers);
    bad.account.accountNumber = '12';
    const invalid = await resident('correction', { referenceNumber: ref, accessCode, answers: bad });
    expect(invalid.status).toBe(422);
    const fixed = clone(form.body.answers);
    fixed.account.accountNumber = '7654321';
    expect((await resident('correction', { referenceNumber: ref, accessCode, answers: fixed })).body.status).toBe('submitted');
    expect((await resident('correction', { referenceNumber: ref, accessCode, answers: fixed })).status).toBe(409);

    const d = await detail(clerk, ref);
    expect(d.body.status).toBe('submitted');
    const correction = d.body.history.find((h: any) => h.kind === 'correction');
    expect(correction.changes).toEqual([
      {
        label: { ja: '口座番号', en: 'Account number' },
        before: { ja: '1234567', en: '1234567' },
        after: { ja: '7654321', en: '7654321' },
      },
    ]);
    expect(d.body.history.find((h: any) => h.kind === 'note').text).toBe('口座名義が請求者と違う可能性');
    // At the top of the page: sent again, with the reason it was returned with and what changed.
    expect(d.body.resubmission).toEqual({ at: correction.at, returnReason: '口座番号をご確認ください。', changes: correction.changes });
    // In the queue: marked as sent again, with the applicant's name.
    const item = (await asStaff(server, clerk, '/staff/submissions')).body.items.find((i: any) => i.referenceNumber === ref);
    expect(item).toMatchObject({ status: 'submitted', resubmitted: true, applicantName: '小金井 太郎' });
    const fresh = await file();
    const other = (await asStaff(server, clerk, '/staff/submissions')).body.items.find(
      (i: any) => i.referenceNumber === fresh.referenceNumber,
    );
    expect(other).toMatchObject({ resubmitted: false, applicantName: '小金井 太郎' });
    expect((await detail(clerk, fresh.referenceNumber)).body.resubmission).toBeNull();
  });

  it('the resident can withdraw before a decision, not after', async () => {
    const a = await file();
    expect((await resident('withdrawal', a)).body.status).toBe('withdrawn');
    const b = await file();
    await move(clerk, b.referenceNumber, 'in_review');
    await move(clerk, b.referenceNumber, 'approved');
    expect((await resident('withdrawal', b)).status).toBe(409);
  });

  it('staff messages reach the resident’s status page', async () => {
    const a = await file();
    await asStaff(server, clerk, `/staff/submissions/${a.referenceNumber}/messages`, {
      method: 'POST',
      json: { text: '書類を郵送しました。' },
    });
    const status = await resident('status', a);
    expect(status.body.messages.map((m: any) => m.text)).toEqual(['書類を郵送しました。']);
  });
});

describe('audit trail', () => {
  it('has every view, change and correction, chained; an edited or deleted row is refused and detected', async () => {
    const actions = new Set((await server.testDb.db('audit_log').select('action')).map((r: any) => r.action));
    for (const a of [
      'staff.login',
      'submission.view',
      'submission.transition',
      'submission.assign',
      'submission.note',
      'submission.message',
      'submission.correct',
      'submission.view_for_correction',
      'submission.withdraw',
    ])
      expect(actions).toContain(a);
    expect(await verifyAuditChain(server.testDb.db)).toMatchObject({ ok: true });
    await expect(server.testDb.db('audit_log').where('action', 'submission.view').update({ action: 'x' })).rejects.toThrow(/append-only/u);
    await expect(server.testDb.db('audit_log').where('id', 1).delete()).rejects.toThrow(/append-only/u);
  });
});
