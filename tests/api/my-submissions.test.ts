/**
 * マイページ without access codes: a signed-in resident reaches what they filed (status and
 * messages, the receipt PDF, payment, correction, withdrawal) with the reference number alone;
 * another resident's submission is the same 404 as an unknown one; a change through the session
 * needs its CSRF token. The access code keeps working for anyone who has it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clone, currentVersion, definition } from '../helpers/http.ts';
import { Agent, signIn, startWithProvider, type WithProvider } from '../helpers/oidc.ts';

let t: WithProvider;
let app: string;
beforeAll(async () => {
  t = await startWithProvider();
  app = t.server.url;
});
afterAll(async () => t?.close());

const post = (agent: Agent | null, path: string, body: unknown, headers: Record<string, string> = {}) =>
  (agent ? agent.fetch.bind(agent) : fetch)(`${app}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** 妊娠の届出 filed by `agent` while signed in: the submission is theirs. */
async function fileAs(agent: Agent): Promise<{ referenceNumber: string; accessCode: string }> {
  const res = await post(agent, '/procedures/kosodate-15/submissions', {
    definitionVersion: currentVersion('kosodate-15'),
    answers: clone(definition('kosodate-15').examples[0]),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { referenceNumber: string; accessCode: string };
}

/** The same agent without its CSRF token (a cross-site form could at most send the cookie). */
function withoutCsrf(agent: Agent): Agent {
  const bare = new Agent();
  Object.assign(bare, { jar: agent.jar });
  return bare;
}

describe('my submissions without an access code', () => {
  it('when I am signed in, I open what I filed by its reference number: status, messages, receipt', async () => {
    const me = new Agent();
    await signIn(me, app, 'demo-hanako');
    const { referenceNumber } = await fileAs(me);

    const status = await post(me, '/submissions/status', { referenceNumber });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ referenceNumber, status: 'submitted', procedure: { id: 'kosodate-15' } });

    // A read needs no CSRF token.
    expect((await post(withoutCsrf(me), '/submissions/status', { referenceNumber })).status).toBe(200);

    const receipt = await post(me, '/submissions/receipt.pdf', { referenceNumber });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toMatch(/application\/pdf/u);
    expect(
      Buffer.from(await receipt.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Not returned for correction: the form answers 409 (I reached it), not 404.
    expect((await post(me, '/submissions/correction-form', { referenceNumber })).status).toBe(409);
  });

  it('another resident, or nobody signed in, cannot reach it without the code: 404 / 401, and the code still works', async () => {
    const me = new Agent();
    await signIn(me, app, 'demo-hanako');
    const { referenceNumber, accessCode } = await fileAs(me);

    const other = new Agent();
    await signIn(other, app, 'demo-taro');
    const theirs = await post(other, '/submissions/status', { referenceNumber });
    const unknown = await post(other, '/submissions/status', { referenceNumber: 'ACD-EFG-HJK' });
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
    expect(await code(theirs)).toBe(await code(unknown));
    for (const path of ['/submissions/receipt.pdf', '/submissions/correction-form', '/submissions/withdrawal', '/submissions/payment'])
      expect([path, (await post(other, path, { referenceNumber })).status]).toEqual([path, 404]);

    const anonymous = await post(null, '/submissions/status', { referenceNumber });
    expect(anonymous.status).toBe(401);
    expect(await code(anonymous)).toBe('RESIDENT_SIGN_IN_REQUIRED');

    // Whoever has the access code still gets in, signed in or not.
    expect((await post(null, '/submissions/status', { referenceNumber, accessCode })).status).toBe(200);
    expect((await post(other, '/submissions/status', { referenceNumber, accessCode })).status).toBe(200);
  });

  it('a change through my session needs its CSRF token: without it 403 and nothing changes; with it I withdraw', async () => {
    const me = new Agent();
    await signIn(me, app, 'demo-hanako');
    const { referenceNumber } = await fileAs(me);

    const forged = await post(withoutCsrf(me), '/submissions/withdrawal', { referenceNumber });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await post(withoutCsrf(me), '/submissions/payment', { referenceNumber })).status).toBe(403);
    expect((await post(withoutCsrf(me), '/submissions/correction', { referenceNumber, answers: {} })).status).toBe(403);
    expect(((await (await post(me, '/submissions/status', { referenceNumber })).json()) as { status: string }).status).toBe('submitted');

    // 妊娠の届出 has no fee: payment is refused for that reason (409), which shows I reached it.
    expect((await post(me, '/submissions/payment', { referenceNumber })).status).toBe(409);

    const withdrawn = await post(me, '/submissions/withdrawal', { referenceNumber });
    expect(withdrawn.status).toBe(200);
    expect(((await (await post(me, '/submissions/status', { referenceNumber })).json()) as { status: string }).status).toBe('withdrawn');
  });

  it('a submission filed without signing in is reached only by its code, even by a signed-in resident', async () => {
    // 粗大ごみ may be filed without signing in (妊娠の届出 asks for a verified identity).
    const anonymous = await post(null, '/procedures/sodai-gomi/submissions', {
      definitionVersion: currentVersion('sodai-gomi'),
      answers: clone(definition('sodai-gomi').examples[0]),
    });
    expect(anonymous.status).toBe(201);
    const { referenceNumber } = (await anonymous.json()) as { referenceNumber: string };
    const me = new Agent();
    await signIn(me, app, 'demo-hanako');
    expect((await post(me, '/submissions/status', { referenceNumber })).status).toBe(404);
  });
});
