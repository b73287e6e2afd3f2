/**
 * The staff second factor through HTTP with STAFF_MFA=required: enrolment right after the
 * password, the second step of sign-in, replayed and wrong codes, recovery codes, the lockout
 * shared with passwords, the secret encrypted at rest. A session still signing in reaches
 * nothing: every staff route read off the app is tried with one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAccess, type SignInStage } from '../../server/auth/middleware.ts';
import { call } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, enrolSecondFactor, login, totp, verifyCode, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ STAFF_MFA: 'required' });
});
afterAll(async () => {
  await server.close();
});

/** Every staff route, tried with a session at `stage`: only routes naming that stage let it through the guard. */
async function expectReachesNothing(session: StaffSession, stage: SignInStage, code: string) {
  const routes = server.routes.api.filter((r) => staffAccess(r.chain) !== null);
  expect(routes.length).toBeGreaterThan(25);
  const refused: string[] = [];
  for (const r of routes) {
    if (staffAccess(r.chain)!.stages.includes(stage)) continue;
    const path = r.path.replace(/:(\w+)/gu, (_m, name: string) => (name === 'id' ? '1' : 'X'));
    const res = await asStaff(server, session, path, { method: r.method.toUpperCase() });
    expect([r.operationId, res.status, res.body?.error?.code]).toEqual([r.operationId, 401, code]);
    refused.push(r.operationId);
  }
  return refused;
}

describe('enrolment right after the password', () => {
  it('a member of staff without a second factor can do nothing but set one up, then works as usual', async () => {
    await addStaff(server, 'new@koganei.example', 'clerk', 'kosodate-shien');
    const res = await call(`${server.url}/api/staff/session`, {
      method: 'POST',
      json: { email: 'new@koganei.example', password: 'correct horse battery' },
    });
    expect(res.body.next).toBe('enrol');
    const session = await login(server, 'new@koganei.example');
    const refused = await expectReachesNothing(session, 'enrol', 'MFA_ENROLMENT_REQUIRED');
    expect(refused).toContain('listQueue');
    expect(refused).toContain('changeOwnPassword');
    expect(refused).not.toContain('startMfaEnrollment');
    expect((await asStaff(server, session, '/staff/session')).body.next).toBe('enrol');

    const started = await asStaff(server, session, '/staff/mfa/enrolment', { method: 'POST' });
    expect(started.status).toBe(201);
    const uri = new URL(started.body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    const secret = uri.searchParams.get('secret')!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/u);
    expect(started.body.secret).toBe(secret);
    expect(started.body.qrCode).toMatch(/^data:image\/png;base64,/u);
    expect(uri.searchParams.get('algorithm')?.toUpperCase() ?? 'SHA1').toBe('SHA1');
    expect(uri.searchParams.get('digits') ?? '6').toBe('6');
    expect(uri.searchParams.get('period') ?? '30').toBe('30');

    const wrong = await asStaff(server, session, '/staff/mfa/enrolment/confirmation', { method: 'POST', json: { code: '000000' } });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'MFA_CODE_INVALID']);
    const confirmed = await asStaff(server, session, '/staff/mfa/enrolment/confirmation', {
      method: 'POST',
      json: { code: await totp(secret) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    // The session is renewed: the token from before the second factor is worth nothing.
    expect((await asStaff(server, session, '/staff/submissions')).status).toBe(401);
    const renewed = { ...session, cookie: (confirmed.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: confirmed.body.csrfToken };
    expect((await asStaff(server, renewed, '/staff/submissions')).status).toBe(200);

    // At rest: the secret sealed (AES-256-GCM), recovery codes as SHA-256 only.
    const row = await server.testDb.db('staff_users').where('email', 'new@koganei.example').first();
    expect(row.totp_secret).toMatch(/^v1\./u);
    expect(row.totp_secret).not.toContain(secret);
    const stored = JSON.stringify(await server.testDb.db('staff_recovery_codes').where('user_id', row.id));
    for (const c of confirmed.body.recoveryCodes as string[]) expect(stored).not.toContain(c.replaceAll('-', ''));
    expect((await asStaff(server, renewed, '/staff/mfa/enrolment', { method: 'POST' })).status).toBe(409);
  });
});

describe('the second step of sign-in', () => {
  it('a password alone reaches nothing; the code from the app does, once only', async () => {
    await addStaff(server, 'two@koganei.example', 'clerk', 'kosodate-shien');
    const { secret } = await enrolSecondFactor(server, await login(server, 'two@koganei.example'));
    const pending = await login(server, 'two@koganei.example');
    expect((await asStaff(server, pending, '/staff/session')).body.next).toBe('mfa');
    const refused = await expectReachesNothing(pending, 'mfa', 'MFA_REQUIRED');
    expect(refused).toContain('getSubmission');
    expect(refused).toContain('listStaffAccounts');

    // The code used at enrolment is spent: replaying it is refused like a wrong one.
    const replay = await asStaff(server, pending, '/staff/mfa/verification', { method: 'POST', json: { code: await totp(secret) } });
    expect([replay.status, replay.body.error.code]).toEqual([401, 'MFA_CODE_INVALID']);
    const wrong = await asStaff(server, pending, '/staff/mfa/verification', { method: 'POST', json: { code: '123456' } });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'MFA_CODE_INVALID']);
    const next = await totp(secret, 1);
    const signedIn = await verifyCode(server, pending, next);
    // Its owner sees a sign-in that gave the password and no code yet.
    const waiting = await login(server, 'two@koganei.example');
    const listed = (await asStaff(server, signedIn, '/staff/account/sessions')).body.sessions;
    expect(listed.filter((s: any) => !s.signedIn)).toHaveLength(1);
    expect(
      (await asStaff(server, signedIn, `/staff/account/sessions/${listed.find((s: any) => !s.signedIn).id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await asStaff(server, waiting, '/staff/session')).body.user).toBeNull();
    expect((await asStaff(server, signedIn, '/staff/submissions')).status).toBe(200);
    expect((await asStaff(server, pending, '/staff/submissions')).status).toBe(401);
    // The same code again, from a new sign-in (someone who watched it typed): refused.
    const again = await login(server, 'two@koganei.example');
    const replayed = await asStaff(server, again, '/staff/mfa/verification', { method: 'POST', json: { code: next } });
    expect([replayed.status, replayed.body.error.code]).toEqual([401, 'MFA_CODE_INVALID']);
    // Two requests at once with one fresh code: one is accepted.
    await server.testDb.db('staff_users').where('email', 'two@koganei.example').update({ totp_last_step: null });
    const [a, b] = await Promise.all([login(server, 'two@koganei.example'), login(server, 'two@koganei.example')]);
    const code = await totp(secret);
    const both = await Promise.all([a!, b!].map((s) => asStaff(server, s, '/staff/mfa/verification', { method: 'POST', json: { code } })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    const actions = (await server.testDb.db('audit_log').select('action')).map((r: any) => r.action);
    expect(actions).toContain('staff.mfa_code_failed');
    expect(actions).toContain('staff.password_accepted');
  });

  it('a recovery code signs in once, never twice', async () => {
    await addStaff(server, 'lostphone@koganei.example', 'supervisor', 'kosodate-shien');
    const { recoveryCodes } = await enrolSecondFactor(server, await login(server, 'lostphone@koganei.example'));
    const first = await login(server, 'lostphone@koganei.example');
    const signedIn = await verifyCode(server, first, recoveryCodes[3]!.toUpperCase());
    expect((await asStaff(server, signedIn, '/staff/submissions')).status).toBe(200);
    const second = await login(server, 'lostphone@koganei.example');
    const reused = await asStaff(server, second, '/staff/mfa/verification', { method: 'POST', json: { code: recoveryCodes[3] } });
    expect([reused.status, reused.body.error.code]).toEqual([401, 'MFA_CODE_INVALID']);
    expect((await asStaff(server, second, '/staff/mfa/verification', { method: 'POST', json: { code: recoveryCodes[4] } })).status).toBe(
      200,
    );
  });

  it('wrong codes count toward the same lockout as passwords, and signing in again does not start the count over', async () => {
    await addStaff(server, 'guessed@koganei.example', 'clerk', 'kosodate-shien');
    const { secret } = await enrolSecondFactor(server, await login(server, 'guessed@koganei.example'));
    const guess = (s: StaffSession, code: string) => asStaff(server, s, '/staff/mfa/verification', { method: 'POST', json: { code } });
    const one = await login(server, 'guessed@koganei.example');
    for (const c of ['111111', '222222', '333333']) expect((await guess(one, c)).status).toBe(401);
    const two = await login(server, 'guessed@koganei.example');
    for (const c of ['444444', '555555']) expect((await guess(two, c)).status).toBe(401);
    // Five wrong codes in all: locked; the right code and the right password are refused alike.
    expect((await guess(two, await totp(secret, 1))).status).toBe(401);
    const row = await server.testDb.db('staff_users').where('email', 'guessed@koganei.example').first();
    expect(row.locked_until).toBeTruthy();
    const password = await call(`${server.url}/api/staff/session`, {
      method: 'POST',
      json: { email: 'guessed@koganei.example', password: 'correct horse battery' },
    });
    expect([password.status, password.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
  });
});

describe('the API document', () => {
  it('names the second factor, own account and administration operations, with the roles of each', async () => {
    const doc = (await call(`${server.url}/api/openapi.json`)).body;
    const ops = Object.values(doc.paths).flatMap((p: any) => Object.values(p) as any[]);
    const ids = ops.map((o) => o.operationId);
    for (const id of [
      'startMfaEnrollment',
      'confirmMfaEnrollment',
      'verifyMfa',
      'updateStaffAccount',
      'resetStaffPassword',
      'resetStaffMfa',
      'changeOwnPassword',
      'listOwnSessions',
      'revokeOwnSession',
      'importStaffMoves',
    ])
      expect(ids).toContain(id);
    expect(ops.find((o) => o.operationId === 'importStaffMoves').requestBody.content).toHaveProperty('text/csv');
    expect(ops.find((o) => o.operationId === 'verifyMfa')['x-staff-sign-in-stages']).toContain('mfa');
    expect(ops.find((o) => o.operationId === 'listQueue')['x-staff-sign-in-stages']).toEqual(['done']);
  });
});
