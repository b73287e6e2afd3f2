/**
 * Counter-assisted filing (書かない窓口), over HTTP against the real database: a clerk fills in a
 * resident's form at the counter and files it for them. 妊娠の届出 is made to need a verified
 * identity here (whatever the repository's definition says), so the test shows that the counter
 * path needs the clerk's identity check and no resident sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, definition } from '../helpers/http.ts';
import { definitionsDir } from '../helpers/definitions-dir.ts';
import { pdfText } from '../helpers/pdf.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
/** 妊娠の届出 belongs to 健康課（保健センター）; 住民票の写し to 市民課. */
let kenko: StaffSession;
let kosodate: StaffSession;
let shimin: StaffSession;
let dx: StaffSession;
const pregnancy = { ...definition('kosodate-15'), identity: 'required' as const };
const answers = pregnancy.examples[0] as Record<string, any>;
/** 住民票の写し without its attached identity document (the counter has no upload: the clerk sees the document itself). */
const certificate = structuredClone(definition('juminhyo-copy')) as any;
certificate.schema.properties.requester.required = certificate.schema.properties.requester.required.filter(
  (k: string) => k !== 'idDocument',
);
const certificateAnswers = structuredClone(certificate.examples[0]);
delete certificateAnswers.requester.idDocument;
const counterPath = (procedureId: string) => `/staff/counter/${procedureId}/submissions`;
const fileAtCounter = (session: StaffSession | null, json: unknown, headers: Record<string, string> = {}, procedureId = 'kosodate-15') =>
  asStaff(server, session, counterPath(procedureId), { method: 'POST', json, headers });
const body = (extra: Record<string, unknown> = {}) => ({
  definitionVersion: pregnancy.version,
  answers,
  identityCheck: { document: 'my-number-card' },
  ...extra,
});
const rows = (procedureId = 'kosodate-15') => server.testDb.db('submissions').where({ procedure_id: procedureId });
const key = () => `counter-${Math.random().toString(36).slice(2)}-${Date.now()}`;

beforeAll(async () => {
  server = await startTestServer({
    FORM_DEFINITIONS_DIR: definitionsDir({ 'kosodate-15-pregnancy.json': pregnancy, 'juminhyo-copy.json': certificate }),
  });
  await addStaff(server, 'kenko-clerk@koganei.example', 'clerk', 'kenko');
  await addStaff(server, 'kosodate-clerk@koganei.example', 'clerk', 'kosodate-shien');
  await addStaff(server, 'shimin-clerk@koganei.example', 'clerk', 'shimin');
  await addStaff(server, 'dx@koganei.example', 'dx');
  kenko = await login(server, 'kenko-clerk@koganei.example');
  kosodate = await login(server, 'kosodate-clerk@koganei.example');
  shimin = await login(server, 'shimin-clerk@koganei.example');
  dx = await login(server, 'dx@koganei.example');
});
afterAll(async () => {
  await server.close();
});

describe('a clerk files 妊娠の届出 at the counter for a resident', () => {
  it('is stored as counter-assisted with the identity check, audited, and gives the resident a reference number, access code and 控え', async () => {
    // Online, the same procedure needs a resident sign-in; at the counter the clerk checked the card.
    const online = await call(`${server.url}/api/procedures/kosodate-15/submissions`, {
      method: 'POST',
      json: { definitionVersion: pregnancy.version, answers },
    });
    expect(online.status).toBe(401);
    const res = await fileAtCounter(kenko, body({ identityCheck: { document: 'my-number-card', note: '顔写真で確認' } }));
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ referenceNumber: expect.any(String), accessCode: expect.any(String), status: 'submitted' });
    const ref = res.body.referenceNumber as string;

    const row = await server.testDb.db('submissions').where({ reference_number: ref }).first();
    expect(row.channel).toBe('counter-assisted');
    expect(row.identity_subject_hash).toBeNull();
    const identity = typeof row.identity === 'string' ? JSON.parse(row.identity) : row.identity;
    expect(identity).toEqual({
      method: 'counter',
      document: 'my-number-card',
      note: '顔写真で確認',
      clerkId: kenko.userId,
      verifiedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/u),
      filer: 'self',
    });
    const audits = await server.testDb.db('audit_log').where({ action: 'submission.counter-filed', target: ref });
    expect(audits).toHaveLength(1);
    expect(audits[0].actor_id).toBe(String(kenko.userId));
    expect(JSON.stringify(audits[0].details)).not.toContain('顔写真');

    // The resident's proof works as for an online filing: status and the 控え PDF.
    const proof = { referenceNumber: ref, accessCode: res.body.accessCode };
    expect((await call(`${server.url}/api/submissions/status`, { method: 'POST', json: proof })).status).toBe(200);
    const pdf = await fetch(`${server.url}/api/submissions/receipt.pdf`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(proof),
    });
    expect(pdf.status).toBe(200);
    expect(await pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain(ref);

    // Staff see how it came in and how identity was verified; the queue shows and filters the channel.
    const detail = (await asStaff(server, kenko, `/staff/submissions/${ref}`)).body;
    expect(detail.filing).toEqual({
      channel: 'counter-assisted',
      channelLabel: { ja: '窓口代行', en: 'Counter-assisted' },
      verified: true,
      summary: {
        ja: '窓口で職員が代行入力（本人確認書類：マイナンバーカード・顔写真で確認、担当：kenko-clerk）',
        en: expect.stringContaining('My Number Card'),
      },
    });
    const queue = (await asStaff(server, kenko, '/staff/submissions?channel=counter-assisted')).body;
    expect(queue.items.map((i: any) => [i.referenceNumber, i.channel])).toContainEqual([ref, 'counter-assisted']);
    expect((await asStaff(server, kenko, '/staff/submissions?channel=online')).body.items.map((i: any) => i.referenceNumber)).not.toContain(
      ref,
    );

    // The DX dashboard counts it in its own channel, not as online.
    const use = (await asStaff(server, dx, '/dx/dashboard')).body.use.find((u: any) => u.id === 'kosodate-15');
    expect(use.total).toMatchObject({ online: 0, counterAssisted: 1 });
    // Counted among all filings: with no counter or mail counts entered, the online share is not known yet.
    expect(use.total).toMatchObject({ onlineRate: null, monthsCounted: 0 });
    expect(use.months.find((m: { counterAssisted: number }) => m.counterAssisted === 1)).toMatchObject({
      entered: false,
      onlineRate: null,
    });
  });

  it('refuses a clerk of another department (404), a missing CSRF token (403) and a resident without a staff session (401)', async () => {
    const before = (await rows()).length;
    const other = await fileAtCounter(kosodate, body());
    expect(other).toMatchObject({ status: 404, body: { error: { code: 'PROCEDURE_NOT_FOUND' } } });
    expect((await fileAtCounter(kosodate, body(), {}, 'no-such-procedure')).status).toBe(404);
    const noCsrf = await call(`${server.url}/api${counterPath('kosodate-15')}`, {
      method: 'POST',
      headers: { Cookie: kenko.cookie },
      json: body(),
    });
    expect(noCsrf).toMatchObject({ status: 403, body: { error: { code: 'CSRF_TOKEN_INVALID' } } });
    expect((await fileAtCounter(null, body())).status).toBe(401);
    expect((await fileAtCounter(dx, body())).status).toBe(403);
    expect((await rows()).length).toBe(before);
  });

  it('refuses invalid answers at the field, and a missing or unknown identity check where the procedure needs one (422)', async () => {
    const before = (await rows()).length;
    const invalid = await fileAtCounter(kenko, body({ answers: { ...answers, mother: { ...answers.mother, myNumber: '023456789012' } } }));
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.fields.map((f: any) => f.pointer)).toEqual(['/mother/myNumber']);
    const missing = await fileAtCounter(kenko, body({ identityCheck: undefined }));
    expect(missing).toMatchObject({ status: 422, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(missing.body.error.fields).toEqual([
      expect.objectContaining({
        pointer: '/identityCheck',
        message: expect.objectContaining({ ja: expect.stringContaining('本人確認書類') }),
      }),
    ]);
    const unknown = await fileAtCounter(kenko, body({ identityCheck: { document: 'library-card' } }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields[0].pointer).toBe('/identityCheck/document');
    expect((await rows()).length).toBe(before);
  });

  it('files once for a retry with the same Idempotency-Key, and once for parallel duplicates', async () => {
    const before = (await rows()).length;
    const k = key();
    const first = await fileAtCounter(kenko, body(), { 'Idempotency-Key': k });
    const again = await fileAtCounter(kenko, body(), { 'Idempotency-Key': k });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ referenceNumber: first.body.referenceNumber, accessCode: first.body.accessCode });
    expect(
      await server.testDb.db('audit_log').where({ action: 'submission.counter-filed', target: first.body.referenceNumber }),
    ).toHaveLength(1);

    const parallelKey = key();
    const results = await Promise.all(Array.from({ length: 6 }, () => fileAtCounter(kenko, body(), { 'Idempotency-Key': parallelKey })));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.body.referenceNumber)).size).toBe(1);
    expect((await rows()).length).toBe(before + 2);
  });
});

describe('a procedure without an identity requirement, with a fee', () => {
  it('is filed without an identity check (staff see 確認なし), and its fee is owed at the counter, where the clerk records it', async () => {
    const res = await fileAtCounter(shimin, { definitionVersion: certificate.version, answers: certificateAnswers }, {}, 'juminhyo-copy');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', payment: { status: 'unpaid', amountYen: 600, payAtCounter: true } });
    // 住民票の写し is paid by postal order online, but a filing made at the counter is paid there.
    expect(res.body.payment.payOffline.ja).toContain('窓口でお支払いください');
    expect(res.body.payment.payOffline.ja).not.toContain('定額小為替');
    const ref = res.body.referenceNumber as string;
    const detail = (await asStaff(server, shimin, `/staff/submissions/${ref}`)).body;
    expect(detail.filing).toMatchObject({
      channel: 'counter-assisted',
      verified: false,
      summary: { ja: expect.stringContaining('本人確認書類：確認なし') },
    });
    // The counter has no upload: an answer with an attached file is refused.
    const withFile = await fileAtCounter(
      shimin,
      { definitionVersion: certificate.version, answers: certificate.examples[0] },
      {},
      'juminhyo-copy',
    );
    expect(withFile).toMatchObject({ status: 422, body: { error: { code: 'COUNTER_ATTACHMENTS_UNAVAILABLE' } } });
    const paid = await asStaff(server, shimin, `/staff/submissions/${ref}/counter-payments`, { method: 'POST', json: { amountYen: 600 } });
    expect(paid.status).toBe(201);
    expect((await asStaff(server, shimin, `/staff/submissions/${ref}`)).body.payment).toMatchObject({ status: 'paid' });
  });

  it('an online filing says so on the detail page: オンライン（本人確認なし）', async () => {
    const online = await call(`${server.url}/api/procedures/juminhyo-copy/submissions`, {
      method: 'POST',
      json: { definitionVersion: certificate.version, answers: certificateAnswers },
    });
    const detail = (await asStaff(server, shimin, `/staff/submissions/${online.body.referenceNumber}`)).body;
    expect(detail.filing).toEqual({
      channel: 'online',
      channelLabel: { ja: 'オンライン', en: 'Online' },
      verified: false,
      summary: { ja: 'オンライン（本人確認なし）', en: 'Online (no identity check)' },
    });
  });
});
