/**
 * Every staff endpoint, for every role and for a department that handles the submission and one
 * that does not: who is allowed and who is refused. Department isolation is enforced by the
 * server in every query. The list of staff endpoints is read off the app's own routes, so a new
 * staff route without a row here fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, submit } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { staffAccess } from '../../server/auth/middleware.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let ref: string;
let attachmentId: string;
let targetId: number;
const sessions: Record<string, StaffSession | null> = {};

beforeAll(async () => {
  server = await startTestServer();
  const accounts = [
    ['clerk-own', 'clerk', 'kosodate-shien'],
    ['supervisor-own', 'supervisor', 'kosodate-shien'],
    ['clerk-other', 'clerk', 'shimin'],
    ['supervisor-other', 'supervisor', 'shimin'],
    ['dx', 'dx', null],
    ['admin', 'admin', null],
  ] as const;
  for (const [name, role, dept] of accounts) {
    await addStaff(server, `${name}@koganei.example`, role, dept);
    sessions[name] = await login(server, `${name}@koganei.example`);
  }
  sessions.anonymous = null;
  targetId = (await addStaff(server, 'matrix-target@koganei.example', 'clerk', 'kosodate-shien')).id;
  // The example with a passbook copy attached: the file routes are in the matrix too.
  const withFile = definition('kosodate-01').examples.find((e: any) => e.account?.passbookCopy)!;
  ref = (await submit(server.url, 'kosodate-01', withFile)).body.referenceNumber;
  attachmentId = (await server.testDb.db('attachments').whereNotNull('submission_id').first()).id;
});
afterAll(async () => {
  await server.close();
});

type Endpoint = { name: string; method: string; path: () => string; json?: () => unknown; csv?: string; fresh?: boolean };
const countsCsv = 'procedure_id,month,counter,mail\nkosodate-01,2026-05,3,0\n';
const movesCsv = 'email,role,department_id,reason\nmatrix-target@koganei.example,clerk,shimin,matrix\n';
const endpoints: Endpoint[] = [
  { name: 'listQueue', method: 'GET', path: () => '/staff/submissions' },
  { name: 'getSubmission', method: 'GET', path: () => `/staff/submissions/${ref}` },
  {
    name: 'transitionSubmission',
    method: 'POST',
    path: () => `/staff/submissions/${ref}/transitions`,
    json: () => ({ to: 'rejected', reason: 'matrix' }),
  },
  {
    name: 'transitionSubmissions',
    method: 'POST',
    path: () => '/staff/transitions',
    json: () => ({ referenceNumbers: [ref], to: 'rejected', reason: 'matrix' }),
  },
  { name: 'assignSubmission', method: 'PUT', path: () => `/staff/submissions/${ref}/assignee`, json: () => ({ assigneeId: null }) },
  { name: 'addNote', method: 'POST', path: () => `/staff/submissions/${ref}/notes`, json: () => ({ text: 'matrix' }) },
  { name: 'sendMessage', method: 'POST', path: () => `/staff/submissions/${ref}/messages`, json: () => ({ text: 'matrix' }) },
  { name: 'listColleagues', method: 'GET', path: () => '/staff/colleagues' },
  // 子育て支援課 runs several procedures: the export names one (each has its own columns).
  { name: 'exportSubmissions', method: 'GET', path: () => '/staff/export.csv?procedure=kosodate-01' },
  // Definition previews: the department's own and the DX office's; an unknown preview is 404 for anyone.
  { name: 'listPreviewableDefinitions', method: 'GET', path: () => '/staff/previews' },
  { name: 'createDefinitionPreview', method: 'POST', path: () => '/staff/previews', json: () => ({ procedureId: 'kosodate-01' }) },
  { name: 'getDefinitionPreview', method: 'GET', path: () => `/staff/previews/${'p'.repeat(24)}` },
  { name: 'getPreviewValidatorModule', method: 'GET', path: () => `/staff/previews/${'p'.repeat(24)}/validator/0123456789abcdef.js` },
  { name: 'setFee', method: 'PUT', path: () => `/staff/submissions/${ref}/fee`, json: () => ({ amountYen: 500 }) },
  {
    name: 'recordCounterPayment',
    method: 'POST',
    path: () => `/staff/submissions/${ref}/counter-payments`,
    json: () => ({ amountYen: 500 }),
  },
  {
    name: 'refundPayment',
    method: 'POST',
    path: () => `/staff/submissions/${ref}/refunds`,
    json: () => ({ amountYen: 500, reason: 'matrix' }),
  },
  { name: 'exportSettlement', method: 'GET', path: () => '/staff/settlement.csv?date=2026-11-24' },
  { name: 'listStaffAccounts', method: 'GET', path: () => '/staff/accounts' },
  { name: 'listFailedJobs', method: 'GET', path: () => '/staff/jobs/failed' },
  {
    name: 'createStaffAccount',
    method: 'POST',
    path: () => '/staff/accounts',
    json: () => ({ email: `new-${Math.random().toString(36).slice(2)}@koganei.example`, password: 'a long enough password', role: 'dx' }),
  },
  {
    name: 'createCounterSubmission',
    method: 'POST',
    path: () => '/staff/counter/kosodate-01/submissions',
    json: () => ({
      definitionVersion: definition('kosodate-01').version,
      answers: definition('kosodate-01').examples[0],
      identityCheck: { document: 'my-number-card' },
    }),
  },
  { name: 'downloadDepartmentReceipts', method: 'GET', path: () => `/staff/receipts.pdf?refs=${ref}` },
  { name: 'downloadAttachment', method: 'GET', path: () => `/staff/attachments/${attachmentId}` },
  { name: 'getAttachmentThumbnail', method: 'GET', path: () => `/staff/attachments/${attachmentId}/thumbnail` },
  { name: 'getDashboard', method: 'GET', path: () => '/dx/dashboard' },
  { name: 'listCounterCounts', method: 'GET', path: () => '/dx/counter-counts' },
  {
    name: 'enterCounterCounts',
    method: 'PUT',
    path: () => '/dx/counter-counts',
    json: () => ({ procedureId: 'kosodate-01', month: '2026-05', counter: 3, mail: 0 }),
  },
  { name: 'uploadCounterCounts', method: 'POST', path: () => '/dx/counter-counts.csv', csv: countsCsv },
  {
    name: 'updateStaffAccount',
    method: 'PUT',
    path: () => `/staff/accounts/${targetId}`,
    json: () => ({ disabled: false, reason: 'matrix' }),
  },
  {
    name: 'resetStaffPassword',
    method: 'POST',
    path: () => `/staff/accounts/${targetId}/password-reset`,
    json: () => ({ reason: 'matrix' }),
  },
  { name: 'resetStaffMfa', method: 'POST', path: () => `/staff/accounts/${targetId}/mfa-reset`, json: () => ({ reason: 'matrix' }) },
  { name: 'importStaffMoves', method: 'POST', path: () => '/staff/accounts/moves.csv', csv: movesCsv },
  // Every member of staff's own: enrolment (an empty confirmation is a 422, so no wrong code counts), the code
  // step (not pending: 409), a password change without its fields (422), own sessions.
  { name: 'startMfaEnrollment', method: 'POST', path: () => '/staff/mfa/enrolment' },
  { name: 'confirmMfaEnrollment', method: 'POST', path: () => '/staff/mfa/enrolment/confirmation', json: () => ({}) },
  { name: 'verifyMfa', method: 'POST', path: () => '/staff/mfa/verification', json: () => ({ code: '000000' }) },
  { name: 'changeOwnPassword', method: 'POST', path: () => '/staff/account/password', json: () => ({}) },
  { name: 'listOwnSessions', method: 'GET', path: () => '/staff/account/sessions' },
  { name: 'revokeOwnSession', method: 'DELETE', path: () => '/staff/account/sessions/00000000-0000-4000-8000-000000000000' },
  // Signs out a session of its own, so the role's other calls keep theirs.
  { name: 'staffLogout', method: 'DELETE', path: () => '/staff/session', fresh: true },
];

describe('the matrix', () => {
  it('has a row for every route that needs a staff session, and no other', () => {
    const staffRoutes = server.routes.api.filter((r) => staffAccess(r.chain) !== null).map((r) => r.operationId);
    expect(staffRoutes.length).toBeGreaterThan(20);
    expect(new Set(endpoints.map((e) => e.name))).toEqual(new Set(staffRoutes));
  });
});

/** What each caller gets: anonymous 401, dx/admin 403, other department never sees the submission. */
function expected(who: string, e: Endpoint): number[] {
  if (who === 'anonymous') return [401];
  if (e.name === 'staffLogout') return [204];
  if (e.name === 'getDashboard') return who === 'dx' ? [200] : [403];
  if (e.name.endsWith('CounterCounts')) {
    if (who === 'admin') return [403];
    // kosodate-01 belongs to 子育て支援課: the DX office and its own staff may enter it, another department may not.
    if (e.name === 'listCounterCounts' || who === 'dx' || who.endsWith('-own')) return [200, 204];
    return [422];
  }
  if (e.name.endsWith('StaffAccounts') || e.name === 'createStaffAccount' || e.name === 'listFailedJobs')
    return who === 'admin' ? [200, 201] : [403];
  if (['updateStaffAccount', 'resetStaffPassword', 'resetStaffMfa', 'importStaffMoves'].includes(e.name))
    return who === 'admin' ? [200, 204] : [403];
  const ownAccount: Record<string, number> = {
    startMfaEnrollment: 201,
    confirmMfaEnrollment: 422,
    verifyMfa: 409,
    changeOwnPassword: 422,
    listOwnSessions: 200,
    revokeOwnSession: 404,
  };
  if (ownAccount[e.name] !== undefined) return [ownAccount[e.name]!];
  if (e.name.includes('Preview')) {
    if (who === 'admin') return [403];
    if (e.name === 'listPreviewableDefinitions') return [200];
    if (e.name === 'createDefinitionPreview') return who === 'dx' || who.endsWith('-own') ? [201] : [404];
    return [404];
  }
  if (who === 'dx' || who === 'admin') return [403];
  const own = who.endsWith('-own');
  if (['listQueue', 'listColleagues', 'exportSubmissions', 'exportSettlement'].includes(e.name)) return [200];
  if (!own) return [404];
  // 児童手当 has no fee: the department's own staff get the payment rule's 409, never 403/404.
  if (['setFee', 'recordCounterPayment', 'refundPayment'].includes(e.name)) return [409];
  // Own department: files a new 児童手当 at the counter (another department's clerk got 404 above).
  // Own department: allowed; a transition it cannot make now is 409, never 403/404.
  return e.name.startsWith('transition') ? [200, 409] : [200, 201, 204];
}

describe.each(['anonymous', 'clerk-own', 'supervisor-own', 'clerk-other', 'supervisor-other', 'dx', 'admin'])('as %s', (who) => {
  it.each(endpoints)('$name', async (e) => {
    const session = e.fresh && sessions[who] ? await login(server, `${who}@koganei.example`) : sessions[who]!;
    const body = e.csv ? { headers: { 'Content-Type': 'text/csv' }, body: e.csv } : e.json ? { json: e.json() } : {};
    const res = await asStaff(server, session, e.path(), { method: e.method, ...body });
    expect(expected(who, e)).toContain(res.status);
    if (res.status >= 400) expect(typeof res.body.error.code).toBe('string');
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    if (who.endsWith('-other') || who === 'dx' || who === 'admin' || who === 'anonymous') expect(text).not.toContain(ref);
  });
});

describe('isolation in lists', () => {
  it('a clerk of another department sees none of this department’s submissions or counts', async () => {
    const res = await asStaff(server, sessions['clerk-other']!, '/staff/submissions');
    expect(res.body.items).toEqual([]);
    expect(Object.values(res.body.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(0);
    const own = await asStaff(server, sessions['clerk-own']!, '/staff/submissions');
    expect(own.body.items.map((i: any) => i.referenceNumber)).toContain(ref);
  });
});
