/**
 * Resident sign-in against a real OpenID Connect provider on localhost (oidc-provider, standing
 * in for デジタル認証アプリ): sign-in with PKCE, state and nonce; forged and replayed callbacks
 * refused; identity required → 401; verified answers locked; proxy filing; マイページ and drafts
 * of one resident invisible to another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionsDir } from '../helpers/definitions-dir.ts';
import { clone, definition } from '../helpers/http.ts';
import { Agent, providerCallback, signIn, startWithProvider, type WithProvider } from '../helpers/oidc.ts';
import type { ProcedureDefinition } from '../../shared/forms/types.ts';
import { withIdentity } from '../helpers/identity-definitions.ts';

/** 要介護認定 as a procedure that requires sign-in, prefills the insured person and allows a proxy. */
const careWithIdentity = () =>
  withIdentity('kaigo-01', {
    section: 'insured',
    prefill: { name: 'name', birthDate: 'birthDate', sex: 'sex', address: 'address' },
    proxy: { relation: '/applicant/relationship', self: 'self' },
  });

const ume = { name: '貫井 うめ', birthDate: '1941-03-20', sex: 'female', address: '東京都小金井市貫井北町五丁目2番1号' };
const hanako = { name: '小金井 花子', birthDate: '1992-05-14', sex: 'female', address: '東京都小金井市本町六丁目6番3号' };
/** 58: a 第2号被保険者 may apply for care certification; 花子 (34) may not, for herself. */
const kenta = { name: '緑 健太', birthDate: '1968-07-20', sex: 'male', address: '東京都小金井市緑町二丁目2番2号' };
/** The example as filed by うめ herself. */
function ownAnswers() {
  const a = clone(careWithIdentity().examples[0]!) as Record<string, Record<string, unknown>>;
  a.insured = { ...a.insured, ...ume };
  a.applicant = { relationship: 'self' };
  return a;
}

let t: WithProvider;
let app: string;
let care: ProcedureDefinition;

beforeAll(async () => {
  care = careWithIdentity();
  t = await startWithProvider({ FORM_DEFINITIONS_DIR: definitionsDir({ 'kaigo-01-care-certification.json': care }) });
  app = t.server.url;
});
afterAll(async () => t?.close());

const fileCare = (agent: Agent, answers: unknown, filer?: 'self' | 'proxy') =>
  agent.fetch(`${app}/api/procedures/kaigo-01/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ definitionVersion: care.version, answers, ...(filer ? { filer } : {}) }),
  });

describe('signing in', () => {
  it('when I sign in at the provider, then I have a session with my verified 基本4情報 and assurance level', async () => {
    const agent = new Agent();
    await signIn(agent, app, 'demo-ume');
    const session = (await (await agent.fetch(`${app}/api/resident/session`)).json()) as Record<string, unknown>;
    expect(session).toMatchObject({ signedIn: true, available: true, attributes: ume, assurance: 'urn:jpki:mynumbercard' });
    expect(String(session.csrfToken)).toMatch(/^[\w-]{40,}$/u);
    const cookie = (await agent.fetch(`${app}/api/resident/session`)).headers.getSetCookie();
    expect(cookie).toEqual([]); // nothing new set on a read
  });

  it('the session cookie is HttpOnly and SameSite, and the authorization request uses PKCE (S256), state and nonce', async () => {
    const agent = new Agent();
    const res = await agent.fetch(`${app}/api/resident/sign-in?returnTo=/procedures/kaigo-01`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(t.idp.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(p)?.length).toBeGreaterThan(20);
    expect(res.headers.getSetCookie().join()).toMatch(/koganei_sign_in=.+HttpOnly.*SameSite=Lax/iu);
    const callback = await providerCallback(agent, app, 'demo-hanako');
    const done = await agent.fetch(callback, { headers: { accept: 'application/json' } });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/mypage');
    expect(done.headers.getSetCookie().join()).toMatch(/koganei_resident=.+HttpOnly.*SameSite=Lax/iu);
  });

  it('a replayed callback is refused: the sign-in request is used once', async () => {
    const agent = new Agent();
    const callback = await providerCallback(agent, app, 'demo-hanako');
    const signInCookie = agent.jar.get(app, 'koganei_sign_in')!;
    expect((await agent.fetch(callback, { headers: { accept: 'application/json' } })).status).toBe(303);
    const replay = await fetch(callback, {
      headers: { accept: 'application/json', cookie: `koganei_sign_in=${signInCookie}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('SIGN_IN_REQUEST_UNKNOWN');
    expect(replay.headers.getSetCookie().join()).not.toMatch(/koganei_resident=[^;]+/u);
  });

  it('a callback with a wrong state, or from another browser, signs nobody in', async () => {
    const agent = new Agent();
    const callback = new URL(await providerCallback(agent, app, 'demo-hanako'));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'x'.repeat(43));
    const wrongState = await agent.fetch(forged.href, { headers: { accept: 'application/json' } });
    expect(wrongState.status).toBe(400);
    expect(((await wrongState.json()) as { error: { code: string } }).error.code).toBe('SIGN_IN_REQUEST_UNKNOWN');
    // The victim's browser never started this sign-in: the callback URL alone is not enough.
    const otherBrowser = await fetch(callback.href, { headers: { accept: 'application/json' }, redirect: 'manual' });
    expect(otherBrowser.status).toBe(400);
    expect(((await otherBrowser.json()) as { error: { code: string } }).error.code).toBe('SIGN_IN_OTHER_BROWSER');
    // A browser is sent to the sign-in page with the code, and gets no session.
    const agent2 = new Agent();
    const cb2 = new URL(await providerCallback(agent2, app, 'demo-hanako'));
    cb2.searchParams.set('state', 'y'.repeat(43));
    const html = await agent2.fetch(cb2.href, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(303);
    expect(html.headers.get('location')).toBe('/sign-in?error=SIGN_IN_REQUEST_UNKNOWN');
    expect(agent2.jar.get(app, 'koganei_resident')).toBeUndefined();
  });

  it('a callback whose code was altered, or whose ID token is not the provider’s, is refused', async () => {
    const agent = new Agent();
    const callback = new URL(await providerCallback(agent, app, 'demo-hanako'));
    callback.searchParams.set('code', `${callback.searchParams.get('code')}x`);
    const res = await agent.fetch(callback.href, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SIGN_IN_REFUSED');
    expect(agent.jar.get(app, 'koganei_resident')).toBeUndefined();
  });

  it('when I cancel at the provider, then I am told so and not signed in', async () => {
    const agent = new Agent();
    const started = await agent.follow(`${app}/api/resident/sign-in`);
    const back = await agent.follow(`${started.url}/abort`, { method: 'POST' }, (u) => u.startsWith(`${app}/api/resident/callback`));
    const res = await agent.fetch(back.url, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SIGN_IN_CANCELLED');
  });

  it('returnTo only ever leads back into this site', async () => {
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/api/resident/sign-out']) {
      const agent = new Agent();
      const callback = await providerCallback(agent, app, 'demo-hanako', evil);
      const res = await agent.fetch(callback, { headers: { accept: 'application/json' } });
      expect(res.headers.get('location')).toBe('/mypage');
    }
  });

  it('when I sign out, then the session ends and I am given the provider’s sign-out address', async () => {
    const agent = new Agent();
    await signIn(agent, app, 'demo-taro');
    const noCsrf = await fetch(`${app}/api/resident/sign-out`, {
      method: 'POST',
      headers: { cookie: agent.jar.header(app), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noCsrf.status).toBe(403);
    const out = await agent.fetch(`${app}/api/resident/sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    const body = (await out.json()) as { endSessionUrl: string };
    expect(new URL(body.endSessionUrl).origin).toBe(t.idp.issuer);
    expect(new URL(body.endSessionUrl).searchParams.get('id_token_hint')).toBeTruthy();
    expect(((await (await agent.fetch(`${app}/api/resident/session`)).json()) as { signedIn: boolean }).signedIn).toBe(false);
  });
});

describe('filing with a verified identity', () => {
  it('identity required: without sign-in → 401 RESIDENT_SIGN_IN_REQUIRED, and nothing is stored', async () => {
    const res = await fileCare(new Agent(), ownAnswers());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string; message: { ja: string } } }).error).toMatchObject({
      code: 'RESIDENT_SIGN_IN_REQUIRED',
      message: { ja: expect.stringContaining('本人確認') },
    });
    expect(Number((await t.server.testDb.db('submissions').count({ n: '*' }).first())?.n)).toBe(0);
  });

  it('a session cookie without the CSRF token does not count as signed in', async () => {
    const agent = new Agent();
    await signIn(agent, app, 'demo-ume');
    agent.csrf = '';
    expect((await fileCare(agent, ownAnswers())).status).toBe(401);
  });

  it('verified answers cannot be changed by the browser; missing ones are filled from the provider', async () => {
    const agent = new Agent();
    await signIn(agent, app, 'demo-ume');
    const changed = ownAnswers();
    changed.insured!.name = '別人 花子';
    const refused = await fileCare(agent, changed);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { fields: { pointer: string; keyword: string }[] } }).error.fields).toEqual([
      expect.objectContaining({ pointer: '/insured/name', keyword: 'verified' }),
    ]);
    const omitted = ownAnswers();
    delete omitted.insured!.birthDate;
    delete omitted.insured!.address;
    const res = await fileCare(agent, omitted);
    expect(res.status).toBe(201);
    const ref = ((await res.json()) as { referenceNumber: string }).referenceNumber;
    const row = (await t.server.testDb.db('submissions').where('reference_number', ref).first()) as Record<string, unknown>;
    const answers = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    expect(answers.insured).toMatchObject({ birthDate: ume.birthDate, address: ume.address });
    const identity = typeof row.identity === 'string' ? JSON.parse(row.identity) : row.identity;
    expect(identity).toMatchObject({
      method: 'oidc',
      provider: t.idp.issuer,
      assurance: 'urn:jpki:mynumbercard',
      filer: 'self',
      relation: 'self',
    });
    expect(row.channel).toBe('online');
    expect(String(row.identity_subject_hash)).toMatch(/^[0-9a-f]{64}$/u);
    expect(JSON.stringify(row)).not.toContain('demo-ume'); // the provider's subject is stored only as an HMAC
  });

  it('filing for someone else: the proxy’s own verified name is recorded, the applicant’s answers are theirs to enter', async () => {
    const agent = new Agent();
    await signIn(agent, app, 'demo-taro');
    const forMother = clone(care.examples[0]!) as Record<string, Record<string, unknown>>;
    // As "self" the verified attributes would have to match: they do not (it is someone else).
    expect((await fileCare(agent, forMother, 'self')).status).toBe(422);
    const asProxy = await fileCare(agent, forMother, 'proxy');
    expect(asProxy.status).toBe(201);
    const ref = ((await asProxy.json()) as { referenceNumber: string }).referenceNumber;
    const row = (await t.server.testDb.db('submissions').where('reference_number', ref).first()) as Record<string, unknown>;
    const identity = typeof row.identity === 'string' ? JSON.parse(row.identity) : row.identity;
    expect(identity).toMatchObject({ filer: 'proxy', filerName: '小金井 太郎', relation: 'family' });
    // A proxy who says "I am the person" is asked to choose the relation.
    const selfAsProxy = clone(forMother);
    selfAsProxy.applicant = { relationship: 'self' };
    const refused = await fileCare(agent, selfAsProxy, 'proxy');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { fields: { pointer: string }[] } }).error.fields[0]!.pointer).toBe(
      '/applicant/relationship',
    );
  });

  it('a procedure without a proxy declaration refuses filer=proxy', async () => {
    const agent = new Agent();
    await signIn(agent, app, 'demo-taro');
    const res = await agent.fetch(`${app}/api/procedures/sodai-gomi/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        definitionVersion: definition('sodai-gomi').version,
        answers: definition('sodai-gomi').examples[0],
        filer: 'proxy',
      }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PROXY_NOT_ALLOWED');
  });
});

describe('マイページ and drafts', () => {
  it('I see my own submissions; another resident sees none of them, and not my drafts', async () => {
    const mine = new Agent();
    await signIn(mine, app, 'demo-ume');
    const filed = await fileCare(mine, ownAnswers());
    expect(filed.status).toBe(201);
    const ref = ((await filed.json()) as { referenceNumber: string }).referenceNumber;
    const list = (await (await mine.fetch(`${app}/api/my/submissions`)).json()) as {
      submissions: { referenceNumber: string; statusLabel: { ja: string } }[];
    };
    expect(list.submissions.map((s) => s.referenceNumber)).toContain(ref);
    expect(list.submissions.find((s) => s.referenceNumber === ref)?.statusLabel.ja).toBeTruthy();

    const saved = await mine.fetch(`${app}/api/my/drafts/sodai-gomi`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ definitionVersion: definition('sodai-gomi').version, answers: { applicant: { name: '貫井 うめ' } } }),
    });
    expect(saved.status).toBe(200);

    const other = new Agent();
    await signIn(other, app, 'demo-hanako');
    const theirs = (await (await other.fetch(`${app}/api/my/submissions`)).json()) as { submissions: { referenceNumber: string }[] };
    expect(theirs.submissions.map((s) => s.referenceNumber)).not.toContain(ref);
    expect(((await (await other.fetch(`${app}/api/my/drafts`)).json()) as { drafts: unknown[] }).drafts).toEqual([]);
    expect((await other.fetch(`${app}/api/my/drafts/sodai-gomi`)).status).toBe(404);
    expect((await other.fetch(`${app}/api/my/drafts/sodai-gomi`, { method: 'DELETE' })).status).toBe(404);
    expect((await mine.fetch(`${app}/api/my/drafts/sodai-gomi`)).status).toBe(200);
    // Signed out: 401.
    expect((await fetch(`${app}/api/my/submissions`)).status).toBe(401);
    expect((await fetch(`${app}/api/my/drafts`)).status).toBe(401);
  });

  it('a draft saved on one device opens on another, encrypted at rest, with its deletion date; filing deletes it', async () => {
    const phone = new Agent();
    await signIn(phone, app, 'demo-kenta');
    const answers = ownAnswers();
    delete answers.doctor;
    const put = await phone.fetch(`${app}/api/my/drafts/kaigo-01`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        definitionVersion: care.version,
        answers: { insured: { nameKana: 'ミドリ ケンタ', phone: '042-383-1111' } },
      }),
    });
    expect(put.status).toBe(200);
    const stored = (await t.server.testDb.db('resident_drafts').where('procedure_id', 'kaigo-01').select('content')) as {
      content: string;
    }[];
    expect(stored.map((r) => r.content).join()).not.toContain('ミドリ');

    const desktop = new Agent();
    await signIn(desktop, app, 'demo-kenta');
    const list = (await (await desktop.fetch(`${app}/api/my/drafts`)).json()) as {
      drafts: { procedureId: string; deleteAfter: string; updatedAt: string }[];
    };
    const draft = list.drafts.find((d) => d.procedureId === 'kaigo-01')!;
    expect(new Date(draft.deleteAfter).getTime() - new Date(draft.updatedAt).getTime()).toBe(30 * 86_400_000);
    const opened = (await (await desktop.fetch(`${app}/api/my/drafts/kaigo-01`)).json()) as {
      answers: { insured: Record<string, string> };
    };
    expect(opened.answers.insured.nameKana).toBe('ミドリ ケンタ');

    const without = await fetch(`${app}/api/my/drafts/kaigo-01`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'wrong', cookie: desktop.jar.header(app) },
      body: JSON.stringify({ definitionVersion: care.version, answers: {} }),
    });
    expect(without.status).toBe(403);
    // Filing deletes the draft.
    expect((await fileCare(desktop, { ...ownAnswers(), insured: { ...ownAnswers().insured, ...kenta } })).status).toBe(201);
    expect((await desktop.fetch(`${app}/api/my/drafts/kaigo-01`)).status).toBe(404);
    // 花子 (34, verified) cannot apply for herself: the insured person is 40 or over, said at the field.
    const young = new Agent();
    await signIn(young, app, 'demo-hanako');
    const refused = await fileCare(young, { ...ownAnswers(), insured: { ...ownAnswers().insured, ...hanako } });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as {
      error: { fields: { pointer: string; keyword: string; message: { ja: string; en: string } }[] };
    };
    expect(body.error.fields).toEqual([expect.objectContaining({ pointer: '/insured/birthDate', keyword: 'notAfter' })]);
    expect(body.error.fields[0]!.message.ja).toMatch(/生年月日.*以前の日付を入力してください/u);
  });

  it('a draft started as 代理人 continues as 代理人 on another device', async () => {
    const phone = new Agent();
    await signIn(phone, app, 'demo-taro');
    const forUme = { insured: { name: '貫井 うめ', nameKana: 'ヌクイ ウメ' }, applicant: { relationship: 'family' } };
    const put = (agent: Agent, filer: unknown) =>
      agent.fetch(`${app}/api/my/drafts/kaigo-01`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ definitionVersion: care.version, answers: forUme, filer }),
      });
    expect((await put(phone, 'proxy')).status).toBe(200);
    const desktop = new Agent();
    await signIn(desktop, app, 'demo-taro');
    const opened = (await (await desktop.fetch(`${app}/api/my/drafts/kaigo-01`)).json()) as { filer?: string; answers: unknown };
    expect(opened).toMatchObject({ filer: 'proxy', answers: forUme });
    expect((await put(desktop, 'boss')).status).toBe(422);
    expect((await desktop.fetch(`${app}/api/my/drafts/kaigo-01`, { method: 'DELETE' })).status).toBe(204);
  });

  it('hostile draft bodies are refused with 4xx', async () => {
    const agent = new Agent();
    await signIn(agent, app, 'demo-hanako');
    const put = (body: string) =>
      agent.fetch(`${app}/api/my/drafts/kaigo-01`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    expect((await put('{"definitionVersion":1,"answers":{"__proto__":{"x":1}}}')).status).toBe(400);
    expect((await put('{"definitionVersion":"1","answers":{}}')).status).toBe(422);
    expect((await put(`{"definitionVersion":${care.version},"answers":{},"extra":1}`)).status).toBe(422);
    expect((await put('{"definitionVersion":999,"answers":{}}')).status).toBe(422);
  });
});
