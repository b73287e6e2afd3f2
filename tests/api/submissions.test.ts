/**
 * Filing a procedure through HTTP against a real database (SQLite, or PostgreSQL when
 * DATABASE_URL is set): every rule of the submission endpoint, including every bad input.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, clone, definition, repoDefinitions, submit, testClock } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const clock = testClock();
const count = async () => Number((await server.testDb.db('submissions').count<{ n: number }[]>({ n: '*' }))[0]!.n);

beforeAll(async () => {
  server = await startTestServer({}, { clock: clock.now });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  await server.testDb.db('submissions').delete();
});

describe('valid submissions', () => {
  // Procedures that need a signature are filed through the signing flow (signatures.test.ts).
  // Unpublished definitions are opened in a staff preview only (previews.test.ts).
  const examples = repoDefinitions()
    .filter((d) => d.signature !== 'required' && d.published)
    .flatMap((d) => d.examples.map((answers, i) => ({ id: d.id, version: d.version, answers, i, d })));

  it.each(examples)(
    '$id example $i is stored with reference number, version, definition hash and a hashed access code',
    async ({ id, version, answers, d }) => {
      clock.at(d);
      const res = await submit(server.url, id, answers, { version });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({
        procedureId: id,
        definitionVersion: version,
        status: 'submitted',
        statusLabel: { ja: '受付', en: 'Received' },
      });
      expect(res.body.referenceNumber).toMatch(/^[A-Z3-9]{3}-[A-Z3-9]{3}-[A-Z3-9]{3}$/u);
      expect(res.body.accessCode).toMatch(/^[A-Z3-9]{5}-[A-Z3-9]{5}$/u);
      const row = await server.testDb.db('submissions').where({ reference_number: res.body.referenceNumber }).first();
      expect(row.procedure_id).toBe(id);
      expect(row.definition_version).toBe(version);
      expect(row.definition_sha256).toBe(server.catalog.version(id, version)!.sha256);
      expect(row.definition_sha256).toMatch(/^[0-9a-f]{64}$/u);
      expect(row.access_code_hash).toMatch(/^[0-9a-f]{64}$/u);
      expect(JSON.stringify(row)).not.toContain(res.body.accessCode.replace('-', ''));
      expect(JSON.stringify(row)).not.toContain(res.body.accessCode);
      const stored = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
      expect(Object.keys(stored).sort()).toEqual(Object.keys(answers).sort());
    },
  );

  it('stores Japanese formats in canonical form and names exactly as typed', async () => {
    const answers = clone(definition('kosodate-15').examples[0]) as any;
    answers.mother.postalCode = '１８４－８５０４';
    answers.mother.phone = '０９０－１２３４－５６７８';
    answers.mother.nameKana = 'ｺｶﾞﾈｲ ﾊﾅｺ';
    answers.mother.myNumber = '0234 5678 9013';
    const res = await submit(server.url, 'kosodate-15', answers);
    expect(res.status).toBe(201);
    const row = await server.testDb.db('submissions').where({ reference_number: res.body.referenceNumber }).first();
    const stored = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    expect(stored.mother).toMatchObject({
      postalCode: '184-8504',
      phone: '090-1234-5678',
      nameKana: 'コガネイ\u3000ハナコ',
      myNumber: '023456789013',
    });
    // A number written for abroad is stored in its domestic form.
    const abroad = clone(definition('kosodate-15').examples[0]) as any;
    abroad.mother.phone = '+81 90-1234-5678';
    const filed = await submit(server.url, 'kosodate-15', abroad);
    expect(filed.status).toBe(201);
    const abroadRow = await server.testDb.db('submissions').where({ reference_number: filed.body.referenceNumber }).first();
    expect((typeof abroadRow.answers === 'string' ? JSON.parse(abroadRow.answers) : abroadRow.answers).mother.phone).toBe('090-1234-5678');
    // A name the resident types (here no sign-in fills it) is kept as typed: 﨑 and 神 are not rewritten.
    const gomi = clone(definition('sodai-gomi').examples[0]) as any;
    gomi.applicant.name = '﨑山 神子';
    const typed = await submit(server.url, 'sodai-gomi', gomi);
    expect(typed.status).toBe(201);
    const gomiRow = await server.testDb.db('submissions').where({ reference_number: typed.body.referenceNumber }).first();
    expect((typeof gomiRow.answers === 'string' ? JSON.parse(gomiRow.answers) : gomiRow.answers).applicant.name).toBe('﨑山 神子');
  });

  it('gives every submission its own reference number', async () => {
    const answers = definition('sodai-gomi').examples[0];
    const refs = await Promise.all(
      Array.from({ length: 20 }, () => submit(server.url, 'sodai-gomi', answers).then((r) => r.body.referenceNumber)),
    );
    expect(new Set(refs).size).toBe(20);
    expect(await count()).toBe(20);
  });
});

describe('invalid answers', () => {
  it('get 422 VALIDATION_FAILED with one entry per field, in Japanese and English, and nothing stored', async () => {
    const answers = clone(definition('kosodate-15').examples[0]) as any;
    delete answers.mother.nameKana;
    answers.mother.postalCode = '18-48504';
    answers.mother.myNumber = '023456789012';
    answers.pregnancy.weeks = 'nine';
    answers.pregnancy.fetuses = 'seven';
    const res = await submit(server.url, 'kosodate-15', answers);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toEqual({ ja: '入力内容に誤りがあります。', en: 'Some answers need correcting.' });
    const byPointer = Object.fromEntries(res.body.error.fields.map((f: any) => [f.pointer, f.message]));
    expect(Object.keys(byPointer).sort()).toEqual([
      '/mother/myNumber',
      '/mother/nameKana',
      '/mother/postalCode',
      '/pregnancy/fetuses',
      '/pregnancy/weeks',
    ]);
    expect(byPointer['/mother/nameKana']).toEqual({
      ja: '「氏名（フリガナ）」を入力してください。',
      en: 'Enter an answer for “Full name in katakana”.',
    });
    expect(byPointer['/mother/myNumber'].ja).toContain('12桁の個人番号');
    expect(byPointer['/pregnancy/weeks'].ja).toBe('「届出日時点の妊娠週数」は、半角数字で入力してください。');
    expect(byPointer['/pregnancy/fetuses'].ja).toBe('「胎児の数」は、選択肢から選んでください。');
    expect(await count()).toBe(0);
  });

  it('enforce conditional fields: a category-2 insured person needs the specified disease', async () => {
    const answers = clone(definition('kaigo-01').examples[1]) as any;
    delete answers.insured.specifiedDisease;
    const res = await submit(server.url, 'kaigo-01', answers);
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([
      {
        pointer: '/insured/specifiedDisease',
        keyword: 'required',
        message: { ja: '「特定疾病名」を選んでください。', en: 'Select an answer for “Specified disease”.' },
      },
    ]);
  });

  it('reject fields the form does not have, even inside list items', async () => {
    const answers = clone(definition('kosodate-01').examples[0]) as any;
    answers.children.list[0].favouriteFood = 'カレー';
    const res = await submit(server.url, 'kosodate-01', answers);
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: any) => f.pointer)).toEqual(['/children/list/0/favouriteFood']);
  });

  it.each([
    ['answers is a string', { definitionVersion: 1, answers: 'hello' }, ['/answers']],
    ['answers is an array', { definitionVersion: 1, answers: [] }, ['/answers']],
    ['definitionVersion missing', { answers: {} }, ['/definitionVersion']],
    ['definitionVersion is a string', { definitionVersion: '1', answers: {} }, ['/definitionVersion']],
    ['unknown top-level key', { definitionVersion: 1, answers: {}, status: 'approved' }, ['/status']],
  ])('wrong request shape (%s) gets 422 with the pointer', async (_name, body, pointers) => {
    const res = await call(`${server.url}/api/procedures/kosodate-15/submissions`, { method: 'POST', json: body });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.map((f: any) => f.pointer)).toEqual(pointers);
  });

  it('a JSON body that is not an object gets 422', async () => {
    const res = await call(`${server.url}/api/procedures/kosodate-15/submissions`, { method: 'POST', json: [1, 2] });
    expect(res.status).toBe(422);
  });
});

describe('bad requests never reach storage and never get a 500', () => {
  const post = (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }, id = 'kosodate-15') =>
    call(`${server.url}/api/procedures/${id}/submissions`, { method: 'POST', headers, body });

  it.each([
    ['malformed JSON', '{"definitionVersion": 1, "answers": {', 400, 'INVALID_JSON'],
    ['empty body', '', 400, 'INVALID_JSON'],
    ['__proto__ key', '{"definitionVersion":1,"answers":{"mother":{"__proto__":{"admin":true}}}}', 400, 'FORBIDDEN_KEY'],
    ['constructor.prototype', '{"definitionVersion":1,"answers":{"constructor":{"prototype":{"admin":true}}}}', 400, 'FORBIDDEN_KEY'],
    ['deeply nested body', `{"definitionVersion":1,"answers":${'['.repeat(5000)}${']'.repeat(5000)}}`, 400, 'BODY_TOO_DEEP'],
    ['invalid UTF-8 JSON', '{"definitionVersion":1,"answers":{"x":"\udc00"}', 400, 'INVALID_JSON'],
  ])('%s gets %i %s', async (_name, body, status, code) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.ja.length).toBeGreaterThan(0);
    expect(await count()).toBe(0);
  });

  it('a huge body gets 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post(JSON.stringify({ definitionVersion: 1, answers: { mother: { name: 'あ'.repeat(400_000) } } }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON gets 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await post('name=hanako', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown procedure gets 404 PROCEDURE_NOT_FOUND', async () => {
    const res = await submit(server.url, 'no-such-procedure', {});
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('PROCEDURE_NOT_FOUND');
  });

  it('an unknown definition version gets 422 DEFINITION_VERSION_UNKNOWN', async () => {
    const res = await submit(server.url, 'kosodate-15', definition('kosodate-15').examples[0], { version: 99 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('DEFINITION_VERSION_UNKNOWN');
  });

  it('an unknown API path gets the JSON 404 envelope', async () => {
    const res = await call(`${server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('Idempotency-Key', () => {
  const answers = () => definition('hisai-01').examples[0];

  it('a retry returns the first result, with the same access code, and stores nothing new', async () => {
    const key = randomUUID();
    const first = await submit(server.url, 'hisai-01', answers(), { key });
    const second = await submit(server.url, 'hisai-01', answers(), { key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body).toEqual(first.body);
    expect(await count()).toBe(1);
  });

  it('a double tap (two requests at once) stores one submission', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(server.url, 'hisai-01', answers(), { key })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.referenceNumber)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.accessCode)).size).toBe(1);
    expect(await count()).toBe(1);
  });

  it('the same key with different answers gets 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = randomUUID();
    await submit(server.url, 'hisai-01', answers(), { key });
    const changed = clone(answers()) as any;
    changed.certificate.copies = 3;
    const res = await submit(server.url, 'hisai-01', changed, { key });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count()).toBe(1);
  });

  it('a malformed key gets 400 IDEMPOTENCY_KEY_INVALID', async () => {
    const res = await submit(server.url, 'hisai-01', answers(), { key: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('different keys store different submissions', async () => {
    await submit(server.url, 'hisai-01', answers(), { key: randomUUID() });
    await submit(server.url, 'hisai-01', answers(), { key: randomUUID() });
    expect(await count()).toBe(2);
  });
});
