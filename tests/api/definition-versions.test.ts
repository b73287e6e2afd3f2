/**
 * A submission is validated against the definition version the resident filled in, and the
 * catalog refuses a definition changed without a new version number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { buildCatalog, DefinitionProblems } from '../../server/procedures/catalog.ts';
import { createTestDb, type TestDb } from '../helpers/database.ts';
import { definitionsDir } from '../helpers/definitions-dir.ts';
import { call, clone, definition, submit } from '../helpers/http.ts';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.destroy();
});

async function serve(dir: string) {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    APP_SECRET: 'v'.repeat(40),
    ...testDb.env,
    FORM_DEFINITIONS_DIR: dir,
  });
  const catalog = await buildCatalog(testDb.db, dir);
  const server = createApp({ config, db: testDb.db, catalog }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

describe('definition versions', () => {
  it('keeps accepting drafts of version 1 after version 2 is published, each validated by its own schema', async () => {
    const v1 = await serve(definitionsDir());
    await v1.close();

    // Version 2 drops the optional occupation field and makes e-mail required.
    const v2 = clone(definition('kosodate-15'));
    v2.version = 2;
    delete (v2.schema.properties.mother!.properties as any).occupation;
    delete (v2.uiSchema.mother as any).occupation;
    v2.schema.properties.mother!.required!.push('email');
    const server = await serve(definitionsDir({ 'kosodate-15-pregnancy.json': v2 }));

    const current = await call(`${server.url}/api/procedures/kosodate-15`);
    expect(current.body.version).toBe(2);
    const older = await call(`${server.url}/api/procedures/kosodate-15/versions/1`);
    expect(older.body.version).toBe(1);
    expect(older.body.schema.properties.mother.properties.occupation).toBeDefined();

    const oldAnswers = clone(definition('kosodate-15').examples[0]) as any;
    oldAnswers.mother.occupation = '会社員';
    delete oldAnswers.mother.email;
    const ok = await submit(server.url, 'kosodate-15', oldAnswers, { version: 1 });
    expect(ok.status).toBe(201);
    expect(ok.body.definitionVersion).toBe(1);

    const rejected = await submit(server.url, 'kosodate-15', oldAnswers, { version: 2 });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.fields.map((f: any) => f.pointer).sort()).toEqual(['/mother/email', '/mother/occupation']);

    const rows = await testDb.db('definition_versions').where({ procedure_id: 'kosodate-15' }).orderBy('version');
    expect(rows.map((r: any) => r.version)).toEqual([1, 2]);
    const stored = await testDb.db('submissions').where({ reference_number: ok.body.referenceNumber }).first();
    expect(stored.definition_sha256).toBe(rows[0].sha256);
    await server.close();
  });

  it('stops start-up when a definition changes without a new version number', async () => {
    const changed = clone(definition('sodai-gomi'));
    changed.title.ja = '粗大ごみの収集申込（改）';
    await buildCatalog(testDb.db, definitionsDir());
    const error = await buildCatalog(testDb.db, definitionsDir({ 'sodai-gomi.json': changed })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionProblems);
    expect((error as DefinitionProblems).problems).toEqual([
      { file: 'sodai-gomi', pointer: '/version', message: expect.stringContaining('increase "version"') },
    ]);
  });

  it('stops start-up with every problem listed when a definition is invalid (no half-loaded catalog)', async () => {
    const broken = clone(definition('hisai-01'));
    (broken as any).fee = 'free';
    (broken.examples[0] as any).applicant.phone = '12345';
    const error = await buildCatalog(testDb.db, definitionsDir({ 'hisai-01-disaster-certificate.json': broken })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionProblems);
    expect((error as Error).message).toContain('hisai-01-disaster-certificate.json /fee');
  });
});
