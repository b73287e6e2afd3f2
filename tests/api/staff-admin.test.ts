/**
 * Account administration (admin role) and a member of staff's own account through HTTP: the
 * list, role and department changes (one, and the April moves as CSV: all rows or none), disabling
 * (sessions end at once), password and second-factor resets, every change audited with who and
 * why; own password changes under the policy, own sessions listed and ended; the idle limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, definition, submit } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, enrolSecondFactor, login, TEST_PASSWORD, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let admin: StaffSession;
beforeAll(async () => {
  server = await startTestServer();
  await addStaff(server, 'admin@koganei.example', 'admin');
  admin = await login(server, 'admin@koganei.example');
});
afterAll(async () => {
  await server.close();
});

const accounts = async () => (await asStaff(server, admin, '/staff/accounts')).body.accounts as any[];
const accountOf = async (email: string) => (await accounts()).find((a) => a.email === email);
const audits = async (action: string) => server.testDb.db('audit_log').where('action', action).orderBy('id');

describe('the account list', () => {
  it('shows role, department, last sign-in, second factor, locked and disabled, and nothing of any submission', async () => {
    await addStaff(server, 'listed@koganei.example', 'clerk', 'kosodate-shien');
    await login(server, 'listed@koganei.example');
    const { referenceNumber } = (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body;
    const res = await asStaff(server, admin, '/staff/accounts');
    expect(res.status).toBe(200);
    expect(res.body.accounts.find((a: any) => a.email === 'listed@koganei.example')).toMatchObject({
      role: 'clerk',
      departmentId: 'kosodate-shien',
      lastLoginAt: expect.any(String),
      secondFactor: false,
      locked: false,
      disabled: false,
    });
    expect(JSON.stringify(res.body)).not.toContain(referenceNumber);
    expect(JSON.stringify(res.body)).not.toMatch(/password_hash|totp/u);
    expect((await asStaff(server, admin, `/staff/submissions/${referenceNumber}`)).status).toBe(403);
  });
});

describe('changes by an admin', () => {
  it('creates an account whose password must be changed first, and the policy refuses common passwords and the e-mail', async () => {
    const created = await asStaff(server, admin, '/staff/accounts', {
      method: 'POST',
      json: {
        email: 'hired@koganei.example',
        password: 'first day at city hall',
        role: 'clerk',
        departmentId: 'shimin',
        reason: '新規採用',
      },
    });
    expect(created.status).toBe(201);
    const hired = await login(server, 'hired@koganei.example', 'first day at city hall');
    expect((await asStaff(server, hired, '/staff/session')).body.next).toBe('password');
    const queue = await asStaff(server, hired, '/staff/submissions');
    expect([queue.status, queue.body.error.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    const change = (currentPassword: string, newPassword: string) =>
      asStaff(server, hired, '/staff/account/password', { method: 'POST', json: { currentPassword, newPassword } });
    for (const weak of ['short pass', 'password123456', 'qwerty123456', 'my hired@koganei.example']) {
      const refused = await change('first day at city hall', weak);
      expect([weak, refused.status, refused.body.error.fields[0].pointer]).toEqual([weak, 422, '/newPassword']);
    }
    expect((await change('not my password', 'a much better passphrase')).body.error.fields[0].pointer).toBe('/currentPassword');
    const other = await login(server, 'hired@koganei.example', 'first day at city hall');
    const changed = await change('first day at city hall', 'a much better passphrase');
    expect(changed.status).toBe(200);
    expect(changed.body.endedSessions).toBeGreaterThanOrEqual(1);
    // A password change ends every other session; this one goes on.
    expect((await asStaff(server, other, '/staff/session')).body.user).toBeNull();
    expect((await asStaff(server, hired, '/staff/submissions')).status).toBe(200);
    expect((await audits('staff.account_created')).at(-1)).toMatchObject({ actor_id: String(admin.userId) });
  });

  it('moves a clerk to another department with a reason: their open session ends at once, and the audit says who and why', async () => {
    await addStaff(server, 'mover@koganei.example', 'clerk', 'kosodate-shien');
    const mover = await login(server, 'mover@koganei.example');
    const { id } = await accountOf('mover@koganei.example');
    const noReason = await asStaff(server, admin, `/staff/accounts/${id}`, { method: 'PUT', json: { departmentId: 'shimin' } });
    expect([noReason.status, noReason.body.error.fields[0].pointer]).toEqual([422, '/reason']);
    const bad = await asStaff(server, admin, `/staff/accounts/${id}`, { method: 'PUT', json: { departmentId: 'nowhere', reason: '異動' } });
    expect(bad.status).toBe(422);
    const moved = await asStaff(server, admin, `/staff/accounts/${id}`, {
      method: 'PUT',
      json: { departmentId: 'shimin', reason: '4月の人事異動' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ role: 'clerk', departmentId: 'shimin' });
    expect((await asStaff(server, mover, '/staff/submissions')).status).toBe(401);
    const entry = (await audits('staff.account_updated')).at(-1);
    expect(entry).toMatchObject({ actor_id: String(admin.userId), target: String(id) });
    expect(JSON.parse(entry.details)).toMatchObject({
      reason: '4月の人事異動',
      before: { departmentId: 'kosodate-shien' },
      after: { departmentId: 'shimin' },
    });
    const promoted = await asStaff(server, admin, `/staff/accounts/${id}`, { method: 'PUT', json: { role: 'dx', reason: 'DX推進担当へ' } });
    expect(promoted.body).toMatchObject({ role: 'dx', departmentId: null });
    expect((await asStaff(server, admin, `/staff/accounts/999999`, { method: 'PUT', json: { disabled: true, reason: 'x' } })).status).toBe(
      404,
    );
  });

  it('disables an account: its sessions end at once and it cannot sign in until enabled again', async () => {
    await addStaff(server, 'leaving@koganei.example', 'supervisor', 'kosodate-shien');
    const open = [await login(server, 'leaving@koganei.example'), await login(server, 'leaving@koganei.example')];
    const { id } = await accountOf('leaving@koganei.example');
    const res = await asStaff(server, admin, `/staff/accounts/${id}`, { method: 'PUT', json: { disabled: true, reason: '退職' } });
    expect(res.body.disabled).toBe(true);
    for (const s of open) expect((await asStaff(server, s, '/staff/submissions')).status).toBe(401);
    expect(await server.testDb.db('staff_sessions').where('user_id', id)).toEqual([]);
    const refused = await call(`${server.url}/api/staff/session`, {
      method: 'POST',
      json: { email: 'leaving@koganei.example', password: TEST_PASSWORD },
    });
    expect([refused.status, refused.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    await asStaff(server, admin, `/staff/accounts/${id}`, { method: 'PUT', json: { disabled: false, reason: '復職' } });
    expect((await login(server, 'leaving@koganei.example')).userId).toBe(id);
  });

  it('an admin cannot disable or demote their own account', async () => {
    const self = await asStaff(server, admin, `/staff/accounts/${admin.userId}`, { method: 'PUT', json: { disabled: true, reason: 'x' } });
    expect([self.status, self.body.error.code]).toEqual([409, 'OWN_ACCOUNT']);
  });

  it('resets a password to a temporary one shown once, which must be changed at the next sign-in', async () => {
    await addStaff(server, 'forgot@koganei.example', 'clerk', 'kosodate-shien');
    const before = await login(server, 'forgot@koganei.example');
    const { id } = await accountOf('forgot@koganei.example');
    const res = await asStaff(server, admin, `/staff/accounts/${id}/password-reset`, { method: 'POST', json: { reason: '本人から依頼' } });
    expect(res.status).toBe(200);
    expect(res.body.temporaryPassword).toMatch(/^[\w-]{16}$/u);
    expect((await asStaff(server, before, '/staff/submissions')).status).toBe(401);
    await expect(login(server, 'forgot@koganei.example')).rejects.toThrow(/401/u);
    const temporary = await login(server, 'forgot@koganei.example', res.body.temporaryPassword);
    expect((await asStaff(server, temporary, '/staff/session')).body.next).toBe('password');
    expect(JSON.stringify(await audits('staff.password_reset'))).not.toContain(res.body.temporaryPassword);
  });

  it('resets a lost second factor: the owner has none and signs in again', async () => {
    await addStaff(server, 'phone@koganei.example', 'clerk', 'kosodate-shien');
    const { session } = await enrolSecondFactor(server, await login(server, 'phone@koganei.example'));
    const { id, secondFactor } = await accountOf('phone@koganei.example');
    expect(secondFactor).toBe(true);
    const res = await asStaff(server, admin, `/staff/accounts/${id}/mfa-reset`, { method: 'POST', json: { reason: 'スマートフォン紛失' } });
    expect(res.status).toBe(204);
    expect((await accountOf('phone@koganei.example')).secondFactor).toBe(false);
    expect((await asStaff(server, session, '/staff/submissions')).status).toBe(401);
    expect(await server.testDb.db('staff_recovery_codes').where('user_id', id)).toEqual([]);
  });
});

describe('the April moves as CSV', () => {
  const upload = (csv: string) =>
    asStaff(server, admin, '/staff/accounts/moves.csv', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });

  it('refuses the whole file with a message per line when any line is wrong, and applies all lines otherwise', async () => {
    await addStaff(server, 'april1@koganei.example', 'clerk', 'kosodate-shien');
    await addStaff(server, 'april2@koganei.example', 'supervisor', 'kosodate-shien');
    const open = await login(server, 'april1@koganei.example');
    const bad = await upload(
      'email,role,department_id,reason\napril1@koganei.example,clerk,shimin,異動\nnobody@koganei.example,clerk,shimin,異動\napril2@koganei.example,boss,shimin,\n',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: any) => f.pointer)).toEqual(['/line/3/email', '/line/4/role', '/line/4/reason']);
    expect(bad.body.error.fields[0].message.ja).toContain('3行目');
    expect((await accountOf('april1@koganei.example')).departmentId).toBe('kosodate-shien');
    expect((await asStaff(server, open, '/staff/submissions')).status).toBe(200);
    expect((await upload('mail,role\nx,y\n')).status).toBe(422);

    const good = await upload(
      '\uFEFFemail,role,department_id,reason\r\napril1@koganei.example,clerk,shimin,令和9年4月 人事異動\r\napril2@koganei.example,supervisor,kaigo-fukushi,令和9年4月 人事異動\r\n',
    );
    expect([good.status, good.body]).toEqual([200, { moved: 2 }]);
    expect((await accountOf('april1@koganei.example')).departmentId).toBe('shimin');
    expect((await accountOf('april2@koganei.example')).departmentId).toBe('kaigo-fukushi');
    expect((await asStaff(server, open, '/staff/submissions')).status).toBe(401);
  });
});

describe('my own account', () => {
  it('lists my sessions with device, address and last seen, and ends the one I choose', async () => {
    await addStaff(server, 'mine@koganei.example', 'clerk', 'kosodate-shien');
    const here = await login(server, 'mine@koganei.example');
    const there = await login(server, 'mine@koganei.example');
    const list = await asStaff(server, here, '/staff/account/sessions');
    expect(list.body.sessions).toHaveLength(2);
    const [current] = list.body.sessions.filter((s: any) => s.current);
    expect(current).toMatchObject({ address: expect.stringContaining('127.0.0.1'), lastSeenAt: expect.any(String) });
    expect(typeof current.userAgent).toBe('string');
    expect(JSON.stringify(list.body)).not.toMatch(/[0-9a-f]{64}/u);
    const other = list.body.sessions.find((s: any) => !s.current);
    expect((await asStaff(server, here, `/staff/account/sessions/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await asStaff(server, there, '/staff/submissions')).status).toBe(401);
    expect((await asStaff(server, here, '/staff/submissions')).status).toBe(200);
    // Somebody else's session is not mine to end.
    const theirs = await login(server, 'admin@koganei.example');
    const theirId = (await asStaff(server, theirs, '/staff/account/sessions')).body.sessions.find((s: any) => s.current).id;
    expect((await asStaff(server, here, `/staff/account/sessions/${theirId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await asStaff(server, theirs, '/staff/accounts')).status).toBe(200);
  });

  it('sign-out ends the session on the server', async () => {
    await addStaff(server, 'bye@koganei.example', 'dx');
    const s = await login(server, 'bye@koganei.example');
    expect((await asStaff(server, s, '/staff/session', { method: 'DELETE' })).status).toBe(204);
    expect(await server.testDb.db('staff_sessions').where('user_id', s.userId)).toEqual([]);
  });
});

describe('the idle limit', () => {
  it('follows STAFF_IDLE_MINUTES', async () => {
    const short = await startTestServer({ STAFF_IDLE_MINUTES: '5' });
    try {
      await addStaff(short, 'idle@koganei.example', 'clerk', 'kosodate-shien');
      const s = await login(short, 'idle@koganei.example');
      await short.testDb
        .db('staff_sessions')
        .where('user_id', s.userId)
        .update({ last_seen_at: new Date(Date.now() - 6 * 60_000).toISOString() });
      expect((await asStaff(short, s, '/staff/session')).body.user).toBeNull();
    } finally {
      await short.close();
    }
  });
});
