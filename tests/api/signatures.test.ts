/**
 * Signed filing over HTTP (issue 13): a signed-in resident asks to sign (createSigningRequest),
 * signs at the signing-app stand-in with a card of a PKI made in the test, comes back
 * (completeSigning: verified there and then) and files with the request (createSubmission).
 * Every refusal: expired, revoked and untrusted certificates, a signature over something else, a
 * signer who is not the applicant, a stale CRL, a cancelled signing, an unreachable signing app,
 * forged and replayed callbacks, changed answers, another resident, a second use — none stores anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentCall, clone, definition, prepareFiling, repoDefinitions, residentAgent } from '../helpers/http.ts';
import { Agent, signIn } from '../helpers/oidc.ts';
import { pdfText } from '../helpers/pdf.ts';
import { askToSign, completeSigning, signAtApp, signWith, startWithSigning, type WithSigning } from '../helpers/signing.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';
import { startTestServer } from '../helpers/server.ts';
import { housekeeping } from '../../server/housekeeping.ts';

const kaigo = definition('kaigo-02');
const ume = () => ({ definitionVersion: kaigo.version, answers: clone(kaigo.examples[0]!) });

let t: WithSigning;
let base: string;
let clerk: StaffSession;
beforeAll(async () => {
  t = await startWithSigning();
  base = t.server.url;
  await addStaff(t.server, 'kaigo@koganei.example', 'clerk', 'kaigo-fukushi');
  clerk = await login(t.server, 'kaigo@koganei.example');
});
afterAll(async () => {
  await t?.close();
});

const count = async (table: string) => Number(((await t.server.testDb.db(table).count({ n: '*' }).first()) as { n: number | string }).n);
const file = (agent: Agent, body: Record<string, unknown>, id = 'kaigo-02') =>
  agentCall(agent, `${base}/api/procedures/${id}/submissions`, { method: 'POST', json: body });

describe('every example of every procedure that needs a signature', () => {
  const examples = repoDefinitions()
    .filter((d) => d.signature === 'required' && d.published)
    .flatMap((d) => d.examples.map((answers, i) => ({ id: d.id, i, answers })));

  it.each(examples)('$id example $i is signed with the filer’s own card and filed', async ({ id, answers }) => {
    const { json, filing } = await prepareFiling(base, id, answers);
    const { started, completed } = await signWith(filing!.agent, base, id, json, filing!.card!);
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    const filed = await agentCall(filing!.agent, `${base}/api/procedures/${id}/submissions`, {
      method: 'POST',
      json: { ...json, signingRequestId: started.signingRequestId },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const row = await t.server.testDb
      .db('submission_signatures')
      .where({
        submission_id: (await t.server.testDb.db('submissions').where({ reference_number: filed.body.referenceNumber }).first()).id,
      })
      .first();
    expect(row).toBeDefined();
  });
});

describe('signed filing', () => {
  it('when 貫井 うめ signs with her card and files, the submission keeps the verified signature; staff, the PDF and the public check see it', async () => {
    const agent = await residentAgent(base, 'demo-ume');
    const { started, completed } = await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume');
    expect(completed.status).toBe(200);
    expect(completed.body).toEqual({ procedureId: 'kaigo-02', status: 'signed' });
    const view = await agentCall(agent, `${base}/api/signing-requests/${started.signingRequestId}`);
    expect(view.body).toMatchObject({ status: 'signed', signer: { name: '貫井 うめ' }, error: null });

    const filed = await file(agent, { ...ume(), signingRequestId: started.signingRequestId });
    expect(filed.status).toBe(201);
    const ref = filed.body.referenceNumber as string;
    // The digest signed is the receipt's: the public check finds it, signed, with nothing about the signer.
    const verified = await agentCall(agent, `${base}/api/receipts/verify/${ref}/${started.digest}`);
    expect(verified.body).toMatchObject({ valid: true, signed: true });
    expect(JSON.stringify(verified.body)).not.toContain('うめ');

    const detail = await asStaff(t.server, clerk, `/staff/submissions/${ref}`);
    expect(detail.status).toBe(200);
    expect(detail.body.signature).toMatchObject({
      status: 'verified',
      label: { ja: '電子署名：検証済み' },
      signer: { name: '貫井 うめ', birthDate: '1941-03-20' },
      digest: started.digest,
      coversCurrentAnswers: true,
    });
    expect(detail.body.signature.certificate.serialNumber).toMatch(/^[0-9a-f]+$/u);
    const pdf = await fetch(`${base}/api/staff/receipts.pdf?refs=${ref}`, { headers: { Cookie: clerk.cookie } });
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('電子署名：検証済み');
    expect(text).toContain(detail.body.signature.certificate.serialNumber);

    // Used once: filing again with it, or completing it again, is refused and stores nothing.
    const before = await count('submissions');
    expect((await file(agent, { ...ume(), signingRequestId: started.signingRequestId })).body.error.code).toBe('SIGNING_REQUEST_USED');
    expect(await count('submissions')).toBe(before);
  });

  it('a signature made with RSA-PSS is verified and kept as such', async () => {
    const agent = await residentAgent(base, 'demo-ume');
    const card = t.pki.cards.find((c) => c.id === 'demo-ume')!;
    card.algorithm = 'RSASSA-PSS';
    try {
      const { started, completed } = await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume');
      expect(completed.status).toBe(200);
      const filed = await file(agent, { ...ume(), signingRequestId: started.signingRequestId });
      expect(filed.status).toBe(201);
      const detail = await asStaff(t.server, clerk, `/staff/submissions/${filed.body.referenceNumber}`);
      expect(detail.body.signature).toMatchObject({ algorithm: 'RSASSA-PSS', status: 'verified' });
    } finally {
      delete card.algorithm;
    }
  });

  it('when a procedure needs a signature, filing without one, or with answers changed after signing, is refused', async () => {
    const agent = await residentAgent(base, 'demo-ume');
    expect((await file(agent, ume())).body.error.code).toBe('SIGNATURE_REQUIRED');
    const { started } = await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume');
    const changed = ume();
    (changed.answers.situation as Record<string, unknown>).reason = '署名した後に書き換えました。';
    const refused = await file(agent, { ...changed, signingRequestId: started.signingRequestId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SIGNATURE_FOR_OTHER_ANSWERS');
    expect(refused.body.error.message.ja).toContain('もう一度署名');
    // The signature still fits the answers it was made for.
    expect((await file(agent, { ...ume(), signingRequestId: started.signingRequestId })).status).toBe(201);
  });

  it('when the certificate is expired, revoked, from an untrusted CA, or the signature is over something else, the callback says why and nothing is stored', async () => {
    const agent = await residentAgent(base, 'demo-ume');
    const before = { submissions: await count('submissions'), signatures: await count('submission_signatures') };
    const cases: [string, string, number][] = [
      ['demo-hanako-expired', 'SIGNATURE_CERTIFICATE_EXPIRED', 422],
      ['demo-hanako-revoked', 'SIGNATURE_CERTIFICATE_REVOKED', 422],
      ['demo-hanako-untrusted', 'SIGNATURE_CERTIFICATE_UNTRUSTED', 422],
    ];
    for (const [card, code, status] of cases) {
      const { started, completed } = await signWith(agent, base, 'kaigo-02', ume(), card);
      expect(completed.status, card).toBe(status);
      expect(completed.body.error.code, card).toBe(code);
      expect(completed.body.error.message.en.length).toBeGreaterThan(10);
      const view = await agentCall(agent, `${base}/api/signing-requests/${started.signingRequestId}`);
      expect(view.body).toMatchObject({ status: 'failed', error: { code } });
      expect((await file(agent, { ...ume(), signingRequestId: started.signingRequestId })).body.error.code).toBe('SIGNING_NOT_FINISHED');
    }
    t.app.tamper.digest = Buffer.alloc(32, 7);
    try {
      const { completed } = await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume');
      expect(completed.body.error.code).toBe('SIGNATURE_INVALID');
    } finally {
      t.app.tamper.digest = null;
    }
    expect(await count('submissions')).toBe(before.submissions);
    expect(await count('submission_signatures')).toBe(before.signatures);
  });

  it("when someone else's card signs, it is refused; filing as 代理人, the proxy signs with their own card", async () => {
    const ume1 = await residentAgent(base, 'demo-ume');
    const mismatch = await signWith(ume1, base, 'kaigo-02', ume(), 'demo-taro');
    expect(mismatch.completed.body.error.code).toBe('SIGNATURE_SIGNER_MISMATCH');
    expect(mismatch.completed.body.error.message.ja).toContain('一致しません');

    // 小金井 花子 files for 貫井 松子 (her relation: family): her own card is the one that signs.
    const hanako = await residentAgent(base, 'demo-hanako');
    const body = { definitionVersion: kaigo.version, answers: clone(kaigo.examples[1]!), filer: 'proxy' };
    const byPatient = await signWith(hanako, base, 'kaigo-02', body, 'demo-ume');
    expect(byPatient.completed.body.error.code).toBe('SIGNATURE_SIGNER_MISMATCH');
    const byProxy = await signWith(hanako, base, 'kaigo-02', body, 'demo-hanako');
    expect(byProxy.completed.status).toBe(200);
    const filed = await file(hanako, { ...body, signingRequestId: byProxy.started.signingRequestId });
    expect(filed.status).toBe(201);
    const detail = await asStaff(t.server, clerk, `/staff/submissions/${filed.body.referenceNumber}`);
    expect(detail.body.signature.signer.name).toBe('小金井 花子');
    expect(detail.body.filing.summary.ja).toContain('代理人 小金井 花子');
  });

  it('when I cancel at the signing app, I am told so; a forged or replayed callback changes nothing', async () => {
    const agent = await residentAgent(base, 'demo-ume');
    const started = await askToSign(agent, base, 'kaigo-02', ume());
    const cancelled = await completeSigning(agent, await signAtApp(agent, started.signUrl, 'cancel'));
    expect(cancelled.status).toBe(400);
    expect(cancelled.body.error.code).toBe('SIGNING_CANCELLED');

    const forged = await completeSigning(agent, `${base}/api/signing/callback?state=forged-state-forged-state&code=x`);
    expect(forged.status).toBe(404);
    expect(forged.body.error.code).toBe('SIGNING_REQUEST_UNKNOWN');

    const { started: ok, callback } = await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume');
    const replayed = await completeSigning(agent, callback);
    expect(replayed.body.error.code).toBe('SIGNING_REQUEST_UNKNOWN');
    expect((await agentCall(agent, `${base}/api/signing-requests/${ok.signingRequestId}`)).body.status).toBe('signed');
    // A browser is sent back to the check page with the outcome's code.
    const page = await agent.fetch(callback, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/procedures/kaigo-02/check?signing=SIGNING_REQUEST_UNKNOWN');
  });

  it('when another resident holds my signing request or its callback, they get nothing: 404, and my signing stays mine', async () => {
    const mine = await residentAgent(base, 'demo-ume');
    const started = await askToSign(mine, base, 'kaigo-02', ume());
    const callback = await signAtApp(mine, started.signUrl, 'demo-ume');
    const other = new Agent();
    await signIn(other, base, 'demo-kenta');
    expect((await agentCall(other, `${base}/api/signing-requests/${started.signingRequestId}`)).status).toBe(404);
    expect((await completeSigning(other, callback)).body.error.code).toBe('SIGNING_REQUEST_UNKNOWN');
    // Filing (as 代理人, so the answers are theirs to type) with my signing request: not theirs.
    const asProxy = { definitionVersion: kaigo.version, answers: clone(kaigo.examples[1]!), filer: 'proxy' };
    const stolen = await file(other, { ...asProxy, signingRequestId: started.signingRequestId });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.code).toBe('SIGNING_REQUEST_UNKNOWN');
    // Without a session: 401 to ask, 404 to come back.
    const anonymous = new Agent();
    expect((await agentCall(anonymous, `${base}/api/procedures/kaigo-02/signing-requests`, { method: 'POST', json: ume() })).status).toBe(
      401,
    );
    // Still usable by me.
    expect((await completeSigning(mine, callback)).status).toBe(200);
  });

  it('when two filings race with one signature, one is stored and the other is refused', async () => {
    const agent = await residentAgent(base, 'demo-ume');
    const { started } = await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume');
    const before = await count('submissions');
    const results = await Promise.all([1, 2, 3].map(() => file(agent, { ...ume(), signingRequestId: started.signingRequestId })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await count('submissions')).toBe(before + 1);
  });

  it('a retry with the same Idempotency-Key gets the first result again', async () => {
    const agent = await residentAgent(base, 'demo-ume');
    const { started } = await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume');
    const headers = { 'Idempotency-Key': 'signed-retry-0123456789' };
    const first = await agentCall(agent, `${base}/api/procedures/kaigo-02/submissions`, {
      method: 'POST',
      headers,
      json: { ...ume(), signingRequestId: started.signingRequestId },
    });
    const again = await agentCall(agent, `${base}/api/procedures/kaigo-02/submissions`, {
      method: 'POST',
      headers,
      json: { ...ume(), signingRequestId: started.signingRequestId },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.referenceNumber).toBe(first.body.referenceNumber);
  });

  it('a procedure that takes no signature refuses one', async () => {
    const agent = await residentAgent(base, 'demo-ume');
    const sodai = definition('sodai-gomi');
    const body = { definitionVersion: sodai.version, answers: clone(sodai.examples[0]!) };
    expect(
      (await agentCall(agent, `${base}/api/procedures/sodai-gomi/signing-requests`, { method: 'POST', json: body })).body.error.code,
    ).toBe('SIGNATURE_NOT_ASKED');
    expect((await file(agent, { ...body, signingRequestId: 'A'.repeat(24) }, 'sodai-gomi')).body.error.code).toBe('SIGNATURE_NOT_ASKED');
  });

  it('when the CRL is past its next update, signed filing stops with 503 and says why; a fresh CRL restores it', async () => {
    const agent = await residentAgent(base, 'demo-ume');
    const old = new Date(Date.now() - 3 * 86_400_000);
    await t.pki.writeSigningCaCrl({ thisUpdate: old, nextUpdate: new Date(old.getTime() + 86_400_000) });
    try {
      const { completed } = await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume');
      expect(completed.status).toBe(503);
      expect(completed.body.error.code).toBe('SIGNATURE_REVOCATION_UNKNOWN');
      expect(completed.body.error.message.ja).toContain('失効情報');
    } finally {
      await t.pki.writeSigningCaCrl();
    }
    expect((await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume')).completed.status).toBe(200);
  });
});

describe('housekeeping', () => {
  it('removes signing requests past their lifetime (with any unused signer details); the filed signatures stay', async () => {
    const db = t.server.testDb.db;
    const agent = await residentAgent(base, 'demo-ume');
    await signWith(agent, base, 'kaigo-02', ume(), 'demo-ume'); // signed, never filed
    const unused = await db('signing_requests').whereNotNull('evidence').count({ n: '*' }).first();
    expect(Number((unused as { n: number }).n)).toBeGreaterThan(0);
    // Used ones kept no copy of the evidence.
    expect(await db('signing_requests').where('status', 'used').whereNotNull('evidence').first()).toBeUndefined();
    const filedSignatures = await count('submission_signatures');
    expect(filedSignatures).toBeGreaterThan(0);

    const soon = await housekeeping(db, new Date());
    expect(soon.signingRequests).toBe(0);
    const later = await housekeeping(db, new Date(Date.now() + (t.server.config.SIGNING_REQUEST_MINUTES + 1) * 60_000));
    expect(later.signingRequests).toBeGreaterThan(0);
    expect(await count('signing_requests')).toBe(0);
    expect(await count('submission_signatures')).toBe(filedSignatures);
  });
});

describe('when the signing app cannot be reached', () => {
  it('the callback says so (503); nothing is stored', async () => {
    // The same PKI files, but the signing app's address answers nothing.
    const closed = await startTestServer({
      ...Object.fromEntries(Object.entries(t.server.env).filter(([k]) => k.startsWith('SIGN'))),
      SIGNING_APP_URL: 'http://127.0.0.1:9/',
      SIGNING_APP_TIMEOUT_MS: '2000',
    });
    try {
      const agent = new Agent();
      await signIn(agent, closed.url, 'demo-ume');
      const started = await askToSign(agent, closed.url, 'kaigo-02', ume());
      const state = new URL(started.signUrl).searchParams.get('state')!;
      const res = await completeSigning(agent, `${closed.url}/api/signing/callback?state=${encodeURIComponent(state)}&code=some-code`);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('SIGNING_APP_UNREACHABLE');
      expect(res.body.error.message.ja).toContain('署名アプリと通信できませんでした');
      expect(Number(((await closed.testDb.db('submissions').count({ n: '*' }).first()) as { n: number }).n)).toBe(0);
    } finally {
      await closed.close();
    }
  });

  it('with no signing app configured, a procedure that needs a signature is closed for filing online (503)', async () => {
    const none = await startTestServer();
    try {
      const agent = new Agent();
      await signIn(agent, none.url, 'demo-ume');
      const res = await agentCall(agent, `${none.url}/api/procedures/kaigo-02/signing-requests`, { method: 'POST', json: ume() });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('SIGNING_UNAVAILABLE');
    } finally {
      await none.close();
    }
  });
});
