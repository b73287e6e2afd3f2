/**
 * Attachments through HTTP against a real database and a real clamd: every refusal, what is kept
 * of a photo (no GPS), HEIC converted, ids only from one's own draft and only once, staff of the
 * department only, corrections that replace a file, and the 24-hour clean-up.
 */
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housekeeping } from '../../server/housekeeping.ts';
import { startClamd, EICAR, type TestClamd } from '../helpers/clamd.ts';
import { draftToken, executable, heicPhoto, noisyPng, pdfFile, photoWithGps, upload } from '../helpers/files.ts';
import { call, clone, definition } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';
import { pdfText } from '../helpers/pdf.ts';

let clamd: TestClamd;
let server: TestServer;
let clerk: StaffSession;
let otherDepartment: StaffSession;

const PHOTOS = '/damage/photos';
const LETTER = '/applicant/authorisation';
const answers = () => clone(definition('hisai-01').examples[0]) as any;

async function file(body: Record<string, unknown>, token: string, key = randomUUID()) {
  return call(`${server.url}/api/procedures/hisai-01/submissions`, {
    method: 'POST',
    headers: { 'Idempotency-Key': key },
    json: { definitionVersion: definition('hisai-01').version, answers: body, draftToken: token },
  });
}

async function photo(token: string, colour = '#3a6ea5', name = 'photo.jpg') {
  const res = await upload(server.url, 'hisai-01', await photoWithGps(1200, 900, colour), { field: PHOTOS, token, name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; sha256: string; size: number; name: string; mediaType: string };
}

async function download(session: StaffSession | null, id: string) {
  const res = await fetch(`${server.url}/api/staff/attachments/${id}`, {
    headers: session ? { Cookie: session.cookie } : {},
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  clamd = await startClamd();
  server = await startTestServer({ CLAMD_URL: clamd.url, ATTACHMENT_SCAN: 'on', STATUS_LOOKUPS_PER_WINDOW: '1000' });
  await addStaff(server, 'anzen@koganei.example', 'clerk', 'chiiki-anzen');
  await addStaff(server, 'kosodate@koganei.example', 'clerk', 'kosodate-shien');
  clerk = await login(server, 'anzen@koganei.example');
  otherDepartment = await login(server, 'kosodate@koganei.example');
});
afterAll(async () => {
  await server?.close();
  await clamd?.stop();
});

describe('what is kept of a file', () => {
  it('a phone photo loses its EXIF and GPS position, is stored with its SHA-256, and is marked scanned', async () => {
    const original = await photoWithGps(4800, 3600);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const token = draftToken();
    const res = await upload(server.url, 'hisai-01', original, { field: PHOTOS, token, name: 'IMG_0001.JPG' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ mediaType: 'image/jpeg', scan: 'clean', name: 'IMG_0001.jpg' });
    expect(res.body.id).toMatch(/^att_[A-Za-z0-9_-]{22}$/u);
    expect(res.body.thumbnail).toMatch(/^data:image\/jpeg;base64,/u);

    const body = answers();
    body.damage.photos = [res.body.id];
    expect((await file(body, token)).status).toBe(201);
    const stored = await download(clerk, res.body.id);
    expect(stored.status).toBe(200);
    expect(createHash('sha256').update(stored.bytes).digest('hex')).toBe(res.body.sha256);
    expect(stored.bytes.length).toBe(res.body.size);
    const meta = await sharp(stored.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    // Downscaled to a size staff can read.
    expect(Math.max(meta.width, meta.height)).toBe(2560);
    expect(stored.bytes.includes(Buffer.from('TestPhone'))).toBe(false);
  });

  it('a large PNG is stored in many chunks and comes back byte for byte as stored', async () => {
    const token = draftToken();
    const res = await upload(server.url, 'hisai-01', await noisyPng(900), { field: LETTER, token, name: 'scan.png', type: 'image/png' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.mediaType).toBe('image/png');
    const chunks = await server.testDb.db('attachment_chunks').where('attachment_id', res.body.id).count({ n: '*' }).first();
    expect(Number(chunks?.n)).toBeGreaterThan(2);
    const body = answers();
    body.applicant.relationship = 'proxy';
    body.applicant.authorisation = res.body.id;
    expect((await file(body, token)).status).toBe(201);
    const stored = await download(clerk, res.body.id);
    expect(stored.bytes.length).toBe(res.body.size);
    expect(createHash('sha256').update(stored.bytes).digest('hex')).toBe(res.body.sha256);
  });

  it('a HEIC photo is converted to JPEG', async () => {
    const res = await upload(server.url, 'hisai-01', await heicPhoto(), {
      field: PHOTOS,
      token: draftToken(),
      name: 'IMG_0002.HEIC',
      type: 'image/heic',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ mediaType: 'image/jpeg', name: 'IMG_0002.jpg' });
  });

  it('a PDF is kept byte for byte where the question accepts PDF', async () => {
    const pdf = pdfFile();
    const res = await upload(server.url, 'hisai-01', pdf, {
      field: LETTER,
      token: draftToken(),
      name: '委任状.pdf',
      type: 'application/pdf',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ mediaType: 'application/pdf', name: '委任状.pdf', size: pdf.length });
    expect(res.body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
  });
});

describe('refusals', () => {
  const count = async (token: string) => {
    const rows = await server.testDb.db('attachments').count({ n: '*' }).first();
    return { all: Number(rows?.n ?? 0), token };
  };

  it('a renamed executable is refused by its bytes, whatever its name and claimed type', async () => {
    const res = await upload(server.url, 'hisai-01', executable(), {
      field: PHOTOS,
      token: draftToken(),
      name: 'photo.jpg',
      type: 'image/jpeg',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(res.body.error.message.ja).toContain('JPEG');
    expect(res.body.error.message.en).toContain('JPEG');
  });

  it('a PDF where only photos are accepted is refused', async () => {
    const res = await upload(server.url, 'hisai-01', pdfFile(), {
      field: PHOTOS,
      token: draftToken(),
      name: 'a.pdf',
      type: 'application/pdf',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('a file over the question’s limit is refused with 413 and nothing is kept', async () => {
    const before = await count('');
    const big = await noisyPng(1900); // ~10.8 MB uncompressed PNG, over the 10 MB limit
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const res = await upload(server.url, 'hisai-01', big, { field: PHOTOS, token: draftToken(), name: 'big.png', type: 'image/png' });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(res.body.error.message.ja).toContain('10 MB');
    expect((await count('')).all).toBe(before.all);
  });

  it('the EICAR test file is refused as a virus and nothing of it is kept', async () => {
    const before = await count('');
    const token = draftToken();
    const res = await upload(server.url, 'hisai-01', Buffer.from(`%PDF-1.4\n${EICAR}\n%%EOF\n`), {
      field: LETTER,
      token,
      name: 'letter.pdf',
      type: 'application/pdf',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ATTACHMENT_INFECTED');
    expect(res.body.error.message.ja).toContain('ウイルス');
    expect((await count('')).all).toBe(before.all);
  });

  it('more files than the question allows are refused', async () => {
    const token = draftToken();
    for (let i = 0; i < 10; i += 1) await photo(token, `#${(i + 1).toString(16).padStart(2, '0')}3366`);
    const res = await upload(server.url, 'hisai-01', await photoWithGps(200, 200), { field: PHOTOS, token });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ATTACHMENT_TOO_MANY');
    // The single-file question of the same draft still has room.
    expect((await upload(server.url, 'hisai-01', pdfFile(), { field: LETTER, token, type: 'application/pdf', name: 'l.pdf' })).status).toBe(
      201,
    );
  });

  it('bad requests: no draft token, not multipart, no such question, an empty file, a broken photo', async () => {
    const jpeg = await photoWithGps(100, 100);
    const noToken = await upload(server.url, 'hisai-01', jpeg, { field: PHOTOS, token: 'short' });
    expect([noToken.status, noToken.body.error.code]).toEqual([400, 'DRAFT_TOKEN_INVALID']);
    const json = await call(`${server.url}/api/procedures/hisai-01/attachments?field=${PHOTOS}`, {
      method: 'POST',
      headers: { 'X-Draft-Token': draftToken() },
      json: { file: 'x' },
    });
    expect(json.status).toBe(415);
    const field = await upload(server.url, 'hisai-01', jpeg, { field: '/damage/details', token: draftToken() });
    expect([field.status, field.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    const hostile = await upload(server.url, 'hisai-01', jpeg, { field: '/constructor/prototype', token: draftToken() });
    expect(hostile.status).toBe(422);
    const unknown = await upload(server.url, 'no-such', jpeg, { field: PHOTOS, token: draftToken() });
    expect(unknown.status).toBe(404);
    const empty = await upload(server.url, 'hisai-01', Buffer.alloc(0), { field: PHOTOS, token: draftToken() });
    expect([empty.status, empty.body.error.code]).toEqual([422, 'ATTACHMENT_EMPTY']);
    const broken = Buffer.concat([jpeg.subarray(0, 400), Buffer.alloc(2000, 0x41)]);
    const res = await upload(server.url, 'hisai-01', broken, { field: PHOTOS, token: draftToken() });
    expect([res.status, res.body.error.code]).toEqual([422, 'ATTACHMENT_UNREADABLE']);
  });
});

describe('ids: one’s own draft, once', () => {
  it('an id uploaded for another draft is refused at the field', async () => {
    const mine = await photo(draftToken());
    const body = answers();
    body.damage.photos = [mine.id];
    const res = await file(body, draftToken());
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ pointer: '/damage/photos/0', keyword: 'attachment' })]);
    // Nor without any token.
    const bare = await call(`${server.url}/api/procedures/hisai-01/submissions`, {
      method: 'POST',
      json: { definitionVersion: definition('hisai-01').version, answers: body },
    });
    expect(bare.status).toBe(422);
  });

  it('an id used once cannot be used again, not even by parallel submissions', async () => {
    const token = draftToken();
    const shot = await photo(token);
    const body = answers();
    body.damage.photos = [shot.id];
    const results = await Promise.all(Array.from({ length: 6 }, () => file(body, token)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422, 422, 422, 422]);
    expect((await file(body, token)).status).toBe(422);
    const rows = await server.testDb.db('submissions').where('procedure_id', 'hisai-01').select('answers');
    expect(
      rows.filter((r: any) => String(typeof r.answers === 'string' ? r.answers : JSON.stringify(r.answers)).includes(shot.id)),
    ).toHaveLength(1);
  });

  it('the same id twice in one submission is refused', async () => {
    const token = draftToken();
    const shot = await photo(token);
    const body = answers();
    body.damage.photos = [shot.id, shot.id];
    const res = await file(body, token);
    expect(res.status).toBe(422);
  });

  it('a retry with the same Idempotency-Key returns the first result', async () => {
    const token = draftToken();
    const shot = await photo(token);
    const body = answers();
    body.damage.photos = [shot.id];
    const key = randomUUID();
    const first = await file(body, token, key);
    const again = await file(body, token, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.referenceNumber).toBe(first.body.referenceNumber);
  });

  it('a 代理人 must attach the 委任状', async () => {
    const token = draftToken();
    const body = answers();
    body.applicant.relationship = 'proxy';
    const missing = await file(body, token);
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields.map((f: any) => f.pointer)).toContain('/applicant/authorisation');
    const letter = await upload(server.url, 'hisai-01', pdfFile(), { field: LETTER, token, type: 'application/pdf', name: 'inin.pdf' });
    body.applicant.authorisation = letter.body.id;
    expect((await file(body, token)).status).toBe(201);
  });

  it('a file can be deleted before it is submitted, by its own draft only', async () => {
    const token = draftToken();
    const shot = await photo(token);
    const del = (t: string) => call(`${server.url}/api/attachments/${shot.id}`, { method: 'DELETE', headers: { 'X-Draft-Token': t } });
    expect((await del(draftToken())).status).toBe(404);
    expect((await del(token)).status).toBe(204);
    expect((await del(token)).status).toBe(404);
    expect(await server.testDb.db('attachment_chunks').where('attachment_id', shot.id)).toEqual([]);
  });
});

describe('staff', () => {
  it('another department gets 404 for the file; a resident without a session 401; each view is audited', async () => {
    const token = draftToken();
    const shot = await photo(token);
    const body = answers();
    body.damage.photos = [shot.id];
    const { referenceNumber } = (await file(body, token)).body;
    expect((await download(otherDepartment, shot.id)).status).toBe(404);
    expect((await download(null, shot.id)).status).toBe(401);
    const inline = await fetch(`${server.url}/api/staff/attachments/${shot.id}?disposition=inline`, { headers: { Cookie: clerk.cookie } });
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline;/u);
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff');
    const thumb = await fetch(`${server.url}/api/staff/attachments/${shot.id}/thumbnail`, { headers: { Cookie: clerk.cookie } });
    expect([thumb.status, thumb.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    const detail = await asStaff(server, clerk, `/staff/submissions/${referenceNumber}`);
    expect(detail.body.attachments).toEqual([
      expect.objectContaining({
        id: shot.id,
        name: 'photo.jpg',
        sha256: shot.sha256,
        scan: 'clean',
        label: expect.objectContaining({ ja: expect.stringContaining('写真') }),
      }),
    ]);
    const answerRow = detail.body.answers.find((s: any) => s.key === 'damage').rows.find((r: any) => r.pointer === PHOTOS);
    expect(answerRow.value.ja).toContain('photo.jpg');
    const audited = await server.testDb.db('audit_log').where({ target: referenceNumber }).select('action');
    expect(audited.map((a: any) => a.action)).toEqual(expect.arrayContaining(['attachment.open']));
  });

  it('a correction replaces a photo: staff see the new file added and the old one replaced', async () => {
    const token = draftToken();
    const first = await photo(token, '#112233', 'IMG_0101.JPG');
    const body = answers();
    body.damage.photos = [first.id];
    const { referenceNumber, accessCode } = (await file(body, token)).body;
    const ask = (json: unknown) => asStaff(server, clerk, `/staff/submissions/${referenceNumber}/transitions`, { method: 'POST', json });
    expect((await ask({ to: 'in_review', documents: [PHOTOS] })).status).toBe(422);
    expect((await ask({ to: 'returned', reason: '写真', documents: ['/damage/details'] })).status).toBe(422);
    const moved = await ask({ to: 'returned', reason: '屋根の写真を追加してください。', documents: [PHOTOS] });
    expect(moved.status).toBe(200);
    // The resident is told which document is asked for.
    const status = await call(`${server.url}/api/submissions/status`, { method: 'POST', json: { referenceNumber, accessCode } });
    expect(status.body.requestedDocuments).toEqual([expect.objectContaining({ ja: '被害の状況がわかる写真（任意）' })]);
    const form = await call(`${server.url}/api/submissions/correction-form`, { method: 'POST', json: { referenceNumber, accessCode } });
    expect(form.body.attachments).toEqual([expect.objectContaining({ id: first.id, name: 'IMG_0101.jpg' })]);
    const correctionToken = draftToken();
    const second = await photo(correctionToken, '#445566', 'IMG_0102.JPG');
    // Another draft's file is still refused in a correction.
    const stranger = await photo(draftToken(), '#778899');
    const bad = await call(`${server.url}/api/submissions/correction`, {
      method: 'POST',
      json: {
        referenceNumber,
        accessCode,
        answers: { ...body, damage: { ...body.damage, photos: [stranger.id] } },
        draftToken: correctionToken,
      },
    });
    expect(bad.status).toBe(422);
    const corrected = await call(`${server.url}/api/submissions/correction`, {
      method: 'POST',
      json: {
        referenceNumber,
        accessCode,
        answers: { ...body, damage: { ...body.damage, photos: [second.id] } },
        draftToken: correctionToken,
      },
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    const detail = (await asStaff(server, clerk, `/staff/submissions/${referenceNumber}`)).body;
    const byId = new Map(detail.attachments.map((a: any) => [a.id, a]));
    expect(byId.get(first.id)).toMatchObject({ replaced: true });
    expect(byId.get(second.id)).toMatchObject({ replaced: false });
    const change = detail.history.find((h: any) => h.kind === 'correction').changes.find((c: any) => c.label.ja.includes('写真'));
    expect(change).toBeDefined();
    // Kept file ids of the submission itself stay valid in a later correction.
    await asStaff(server, clerk, `/staff/submissions/${referenceNumber}/transitions`, {
      method: 'POST',
      json: { to: 'returned', reason: '確認' },
    });
    const again = await call(`${server.url}/api/submissions/correction`, {
      method: 'POST',
      json: { referenceNumber, accessCode, answers: { ...body, damage: { ...body.damage, photos: [second.id] } } },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });
});

describe('receipts and CSV', () => {
  it('the department’s PDF lists each file with name, type, size and SHA-256; the resident’s copy names them; the CSV lists the names', async () => {
    const token = draftToken();
    const shot = await photo(token, '#224466', 'IMG_2001.JPG');
    const body = answers();
    body.damage.photos = [shot.id];
    const { referenceNumber, accessCode } = (await file(body, token)).body;
    const department = await fetch(`${server.url}/api/staff/receipts.pdf?refs=${referenceNumber}`, { headers: { Cookie: clerk.cookie } });
    expect(department.status).toBe(200);
    const text = pdfText(Buffer.from(await department.arrayBuffer()));
    expect(text).toContain('添付ファイル（1件）');
    expect(text).toContain('IMG_2001.jpg');
    expect(text).toContain('JPEG');
    expect(text.replace(/\s+/gu, '')).toContain(shot.sha256);
    const resident = await fetch(`${server.url}/api/submissions/receipt.pdf`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ referenceNumber, accessCode }),
    });
    const mine = pdfText(Buffer.from(await resident.arrayBuffer()));
    expect(mine).toContain('IMG_2001.jpg');
    expect(mine.replace(/\s+/gu, '')).not.toContain(shot.sha256);
    const csv = await fetch(`${server.url}/api/staff/export.csv?procedureId=hisai-01`, { headers: { Cookie: clerk.cookie } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).split('\r\n');
    expect(lines.find((l) => l.includes(referenceNumber))).toContain('IMG_2001.jpg');
    expect(lines[0]).toContain('被害の状況がわかる写真');
  });
});

describe('clean-up', () => {
  it('uploads never attached are deleted after 24 hours, with their bytes; attached ones stay', async () => {
    const token = draftToken();
    const stale = await photo(token);
    const kept = await photo(token, '#010203');
    const body = answers();
    body.damage.photos = [kept.id];
    expect((await file(body, token)).status).toBe(201);
    const removed = await housekeeping(server.testDb.db, new Date(Date.now() + 25 * 3_600_000));
    expect(removed.uploads).toBeGreaterThanOrEqual(1);
    expect(await server.testDb.db('attachments').where('id', stale.id)).toEqual([]);
    expect(await server.testDb.db('attachment_chunks').where('attachment_id', stale.id)).toEqual([]);
    expect(await server.testDb.db('attachments').where('id', kept.id)).toHaveLength(1);
  });
});
