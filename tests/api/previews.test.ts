/**
 * Previews of definitions before publishing (createDefinitionPreview, getDefinitionPreview,
 * listPreviewableDefinitions, getPreviewValidatorModule), over HTTP against a real database: only
 * the owning department and the DX office, a broken copy's problems with their pointers, nothing
 * stored but the definition for an hour, and no filing through a preview.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housekeeping } from '../../server/housekeeping.ts';
import { call, clone, DEFINITIONS_DIR } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let shimin: StaffSession;
let kaigo: StaffSession;
let dx: StaffSession;
const raw = (file: string) => JSON.parse(readFileSync(path.join(DEFINITIONS_DIR, file), 'utf8')) as Record<string, any>;
const count = async (table: string) => Number(((await server.testDb.db(table).count({ n: '*' }).first()) as { n: number | string }).n);

beforeAll(async () => {
  server = await startTestServer();
  await addStaff(server, 'shimin@koganei.example', 'clerk', 'shimin');
  await addStaff(server, 'kaigo@koganei.example', 'supervisor', 'kaigo-fukushi');
  await addStaff(server, 'dx@koganei.example', 'dx');
  shimin = await login(server, 'shimin@koganei.example');
  kaigo = await login(server, 'kaigo@koganei.example');
  dx = await login(server, 'dx@koganei.example');
});
afterAll(async () => {
  await server.close();
});

const preview = (session: StaffSession | null, json: unknown) => asStaff(server, session, '/staff/previews', { method: 'POST', json });

describe('definition previews', () => {
  it('a clerk lists only their department’s definitions, unpublished first; the DX office lists every department’s', async () => {
    const mine = await asStaff(server, shimin, '/staff/previews');
    expect(mine.status).toBe(200);
    const ids = mine.body.definitions.map((d: { id: string }) => d.id);
    expect(ids[0]).toBe('koseki-shomei');
    expect(mine.body.definitions[0]).toMatchObject({ published: false, department: { id: 'shimin' } });
    expect(mine.body.definitions.every((d: { department: { id: string } }) => d.department.id === 'shimin')).toBe(true);
    expect(ids).toContain('juminhyo-copy');
    const all = await asStaff(server, dx, '/staff/previews');
    expect(new Set(all.body.definitions.map((d: { department: { id: string } }) => d.department.id)).size).toBeGreaterThan(5);
  });

  it('when a clerk previews the unpublished 戸籍証明書, the procedure comes in getProcedure’s shape with its own validator, and residents still cannot see it', async () => {
    const created = await preview(shimin, { procedureId: 'koseki-shomei' });
    expect(created.status).toBe(201);
    const { previewId, procedure } = created.body;
    expect(procedure).toMatchObject({ id: 'koseki-shomei', published: false, preview: true });
    expect(JSON.stringify(procedure.schema)).not.toContain('common/');
    expect(procedure.validatorUrl).toMatch(new RegExp(`^/api/staff/previews/${previewId}/validator/[0-9a-f]{16}\\.js$`, 'u'));
    const again = await asStaff(server, shimin, `/staff/previews/${previewId}`);
    expect(again.status).toBe(200);
    expect(again.body.sha256).toBe(procedure.sha256);
    const module = await fetch(`${server.url}${procedure.validatorUrl}`, { headers: { Cookie: shimin.cookie } });
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toContain('javascript');
    expect((await call(`${server.url}/api/procedures/koseki-shomei`)).status).toBe(404);
    // Not without a staff session; not for another department; never through the validator either.
    expect((await asStaff(server, null, `/staff/previews/${previewId}`)).status).toBe(401);
    expect((await asStaff(server, kaigo, `/staff/previews/${previewId}`)).body.error.code).toBe('PREVIEW_NOT_FOUND');
    expect((await fetch(`${server.url}${procedure.validatorUrl}`, { headers: { Cookie: kaigo.cookie } })).status).toBe(404);
    // The DX office may open any department's preview.
    expect((await asStaff(server, dx, `/staff/previews/${previewId}`)).status).toBe(200);
  });

  it('another department’s definition is not found, and a copy of one is refused with 403', async () => {
    const other = await preview(kaigo, { procedureId: 'koseki-shomei' });
    expect(other.status).toBe(404);
    const copy = await preview(kaigo, { definition: raw('koseki-shomei-family-register.json') });
    expect(copy.status).toBe(403);
    expect(copy.body.error.code).toBe('PREVIEW_OTHER_DEPARTMENT');
    expect(copy.body.error.message.ja).toContain('他の課');
    expect(copy.body.error.message.en).toContain('another department');
  });

  it('an uploaded copy that uses shared parts is resolved, checked and previewed, changed as it is (a new question)', async () => {
    const changed = raw('kazei-shomei-tax-certificate.json');
    changed.version += 1;
    changed.published = false;
    const step = Object.keys(changed.schema.properties)[0]!;
    changed.schema.properties[step].properties = {
      ...changed.schema.properties[step].properties,
      deliveryNote: {
        type: 'string',
        title: '送付についての連絡（任意）',
        'x-en': { title: 'Note about posting (optional)' },
        maxLength: 100,
      },
    };
    const res = await preview(await login(server, 'dx@koganei.example'), { definition: changed });
    expect(res.status).toBe(201);
    expect(res.body.procedure.version).toBe(changed.version);
    expect(Object.keys(res.body.procedure.schema.properties[step].properties)).toContain('deliveryNote');
  });

  it('when a broken copy is checked, every problem is listed with its JSON pointer, as forms:check lists them, and nothing is kept', async () => {
    const before = await count('definition_previews');
    const broken = clone(raw('juminhyo-copy.json'));
    const step = Object.keys(broken.schema.properties)[0]!;
    const fields = broken.schema.properties[step].properties;
    const first = Object.keys(fields)[0]!;
    delete fields[first]['x-en'];
    fields.postalCode = { ...fields.postalCode, format: 'zip-code' };
    broken.uiSchema.nowhere = { 'ui:widget': 'radio' };
    broken.examples[0][step].surprise = 'x';
    const res = await preview(shimin, { definition: broken });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('DEFINITION_PROBLEMS');
    expect(res.body.error.message.ja).toMatch(/定義ファイルに\d+件の問題があります/u);
    const pointers = res.body.error.fields.map((f: { pointer: string }) => f.pointer);
    expect(pointers).toContain(`/schema/properties/${step}/properties/${first}`);
    expect(pointers).toContain(`/schema/properties/${step}/properties/postalCode/format`);
    expect(pointers).toContain('/uiSchema/nowhere');
    const at = (end: string) => res.body.error.fields.find((f: { pointer: string }) => f.pointer.endsWith(end)).message;
    expect(at('/format').en).toContain('zip-code');
    // In Japanese first, for the city's staff.
    expect(at('/format').ja).toContain('「zip-code」という形式（format）はありません');
    expect(at('/uiSchema/nowhere').ja).toBe('uiSchema の「nowhere」に当たる項目が、様式（schema）のこの場所にありません。');
    expect(at(`/properties/${first}`).ja).toContain('英語の見出し（x-en.title）がありません');
    expect(res.body.error.fields.map((f: { message: { ja: string } }) => f.message.ja).join('\n')).not.toContain('英語のみ');
    expect(await count('definition_previews')).toBe(before);
  });

  it('a copy whose shared part does not exist, or that is not an object, is refused at the place that names it', async () => {
    const bad = raw('tenshutsu-moving-out.json');
    const step = Object.keys(bad.schema.properties)[0]!;
    bad.schema.properties[step] = { $ref: 'common/nobody.json' };
    const res = await preview(shimin, { definition: bad });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toContainEqual(
      expect.objectContaining({
        pointer: `/schema/properties/${step}/$ref`,
        message: expect.objectContaining({ en: 'common/nobody.json does not exist' }),
      }),
    );
    const escape = await preview(shimin, {
      definition: { ...bad, schema: { ...bad.schema, properties: { x: { $ref: '../catalog.json' } } } },
    });
    expect(escape.status).toBe(422);
    expect(JSON.stringify(escape.body.error.fields)).toContain('is not a shared part');
    expect((await preview(shimin, { definition: 'nothing' })).status).toBe(422);
    expect((await preview(shimin, {})).status).toBe(422);
    expect((await preview(shimin, { procedureId: 'koseki-shomei', definition: {} })).status).toBe(422);
  });

  it('needs the CSRF token, and a resident, an admin or nobody cannot preview', async () => {
    const noCsrf = await call(`${server.url}/api/staff/previews`, {
      method: 'POST',
      headers: { Cookie: shimin.cookie },
      json: { procedureId: 'koseki-shomei' },
    });
    expect(noCsrf.status).toBe(403);
    expect((await preview(null, { procedureId: 'koseki-shomei' })).status).toBe(401);
    await addStaff(server, 'admin@koganei.example', 'admin');
    const admin = await login(server, 'admin@koganei.example');
    expect((await asStaff(server, admin, '/staff/previews')).status).toBe(403);
  });

  it('a preview lasts an hour: then it is not found, and housekeeping removes it', async () => {
    const created = await preview(shimin, { procedureId: 'koseki-shomei' });
    const { previewId } = created.body;
    await server.testDb.db('definition_previews').update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    const gone = await asStaff(server, shimin, `/staff/previews/${previewId}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message.ja).toContain('有効期限');
    const removed = await housekeeping(server.testDb.db, new Date());
    expect(removed.previews).toBeGreaterThan(0);
    expect(await count('definition_previews')).toBe(0);
    expect(await count('submissions')).toBe(0);
  });
});
