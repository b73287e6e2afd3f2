/**
 * A submission is validated against the definition version the resident filled in, and the
 * catalog refuses a definition changed without a new version number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.ts';
import { startStandInProvider } from '../../server/demo/identity-provider.ts';
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

/** The app on this test's database with `dir` as its definitions, and the sign-in stand-in (the 届出 needs 本人確認). */
async function serve(dir: string) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idp = await startStandInProvider({ redirectUris: [`${url}/api/resident/callback`], postLogoutRedirectUris: [`${url}/`] });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    APP_SECRET: 'v'.repeat(40),
    PUBLIC_BASE_URL: url,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ALLOW_HTTP: 'true',
    ...testDb.env,
    FORM_DEFINITIONS_DIR: dir,
  });
  const catalog = await buildCatalog(testDb.db, dir);
  server.on('request', createApp({ config, db: testDb.db, catalog }));
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await idp.close();
    },
  };
}

describe('definition versions', () => {
  it('keeps accepting drafts of the published version after a new one is published, each validated by its own schema', async () => {
    const published = definition('kosodate-15').version;
    const v1 = await serve(definitionsDir());
    await v1.close();

    // The next version drops the optional occupation field and makes e-mail required.
    const v2 = clone(definition('kosodate-15'));
    v2.version = published + 1;
    delete (v2.schema.properties.mother!.properties as any).occupation;
    delete (v2.uiSchema.mother as any).occupation;
    v2.schema.properties.mother!.required!.push('email');
    const server = await serve(definitionsDir({ 'kosodate-15-pregnancy.json': v2 }));

    const current = await call(`${server.url}/api/procedures/kosodate-15`);
    expect(current.body.version).toBe(published + 1);
    const older = await call(`${server.url}/api/procedures/kosodate-15/versions/${published}`);
    expect(older.body.version).toBe(published);
    expect(older.body.schema.properties.mother.properties.occupation).toBeDefined();

    const oldAnswers = clone(definition('kosodate-15').examples[0]) as any;
    oldAnswers.mother.occupation = '会社員';
    delete oldAnswers.mother.email;
    const ok = await submit(server.url, 'kosodate-15', oldAnswers, { version: published });
    expect(ok.status).toBe(201);
    expect(ok.body.definitionVersion).toBe(published);

    const rejected = await submit(server.url, 'kosodate-15', oldAnswers, { version: published + 1 });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.fields.map((f: any) => f.pointer).sort()).toEqual(['/mother/email', '/mother/occupation']);

    const rows = await testDb.db('definition_versions').where({ procedure_id: 'kosodate-15' }).orderBy('version');
    expect(rows.map((r: any) => r.version)).toEqual([published, published + 1]);
    const stored = await testDb.db('submissions').where({ reference_number: ok.body.referenceNumber }).first();
    expect(stored.definition_sha256).toBe(rows[0].sha256);
    await server.close();
  });

  it('stores each version resolved with its shared parts, so a changed part changes nothing already filed, and refuses the change until each user has a new version', async () => {
    const published = definition('kosodate-01').version;
    const first = await serve(definitionsDir());
    const answers = clone(definition('kosodate-01').examples[0]) as any;
    answers.account.branchName = '小金井駅前通り支店'.repeat(3); // 27 characters: within the part's 40
    const filed = await submit(first.url, 'kosodate-01', answers);
    expect(filed.status).toBe(201);
    await first.close();
    const row = await testDb.db('definition_versions').where({ procedure_id: 'kosodate-01', version: published }).first();
    const stored = typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition;
    const snapshot = JSON.stringify(stored);
    expect(snapshot).not.toContain('$ref');
    expect(snapshot).not.toContain('common/');
    expect(stored.schema.properties.account.properties.branchName.maxLength).toBe(40);

    // The part changes: every definition using it must get a new version before start-up accepts it.
    const dir = definitionsDir();
    const partFile = path.join(dir, 'common', 'bank-account.json');
    const part = JSON.parse(readFileSync(partFile, 'utf8'));
    part.schema.properties.branchName.maxLength = 20;
    writeFileSync(partFile, JSON.stringify(part));
    const refused = await buildCatalog(testDb.db, dir).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DefinitionProblems);
    expect((refused as DefinitionProblems).problems.map((p) => p.file)).toContain('kosodate-01');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && f !== 'catalog.json')) {
      const def = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      if (JSON.stringify(def).includes('common/bank-account.json'))
        writeFileSync(path.join(dir, file), JSON.stringify({ ...def, version: def.version + 1 }));
    }
    const second = await serve(dir);
    // The earlier version keeps the form it had: a draft of it still files with the long branch name.
    const old = await call(`${second.url}/api/procedures/kosodate-01/versions/${published}`);
    expect(old.body.schema.properties.account.properties.branchName.maxLength).toBe(40);
    expect((await submit(second.url, 'kosodate-01', answers, { version: published })).status).toBe(201);
    const now = await submit(second.url, 'kosodate-01', answers, { version: published + 1 });
    expect(now.status).toBe(422);
    expect(now.body.error.fields.map((f: { pointer: string }) => f.pointer)).toEqual(['/account/branchName']);
    await second.close();
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
