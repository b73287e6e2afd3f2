/**
 * Upgrading a database filed before fees said when they are paid: the payments migration goes down
 * and up again, and a 住民票の写し filed under the old definition ({ yen, per }) owes 600 yen, unpaid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../server/procedures/catalog.ts';
import { clone, currentVersion, definition, DEFINITIONS_DIR } from '../helpers/http.ts';
import { createTestDb, type TestDb } from '../helpers/database.ts';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.destroy();
});

describe('the payments migration', () => {
  it('goes down and up, and gives submissions filed under an older fee definition what they owe', async () => {
    const { db } = testDb;
    // Back to just before the payments migration (later migrations go down first).
    while ((await db.migrate.currentVersion()) >= '20261124090000') await db.migrate.down();
    expect(await db.schema.hasColumn('submissions', 'fee_yen')).toBe(false);
    expect(await db.schema.hasTable('payments')).toBe(false);

    await buildCatalog(db, DEFINITIONS_DIR); // records the current versions (e.g. juminhyo-copy v2)
    const legacy = clone(definition('juminhyo-copy')) as any;
    legacy.version = 1;
    legacy.fee = { yen: 300, per: { label: { ja: '1通', en: 'copy' }, quantityPointer: '/certificate/copies' } };
    const now = new Date().toISOString();
    await db('definition_versions').insert({
      procedure_id: 'juminhyo-copy',
      version: 1,
      sha256: 'f'.repeat(64),
      definition: JSON.stringify(legacy),
      created_at: now,
    });
    const answers = clone(legacy.examples[0]);
    answers.certificate.copies = 2;
    const row = {
      procedure_id: 'juminhyo-copy',
      department_id: 'shimin',
      definition_version: 1,
      definition_sha256: 'f'.repeat(64),
      answers: JSON.stringify(answers),
      answers_sha256: 'a'.repeat(64),
      status: 'submitted',
      access_code_hash: 'h',
      submitted_at: now,
      updated_at: now,
    };
    await db('submissions').insert([
      { ...row, reference_number: 'ACD-EFG-HJK' },
      {
        ...row,
        procedure_id: 'kosodate-01',
        department_id: 'kosodate-shien',
        definition_version: currentVersion('kosodate-01'),
        reference_number: 'ACD-EFG-HJM',
      },
    ]);

    await db.migrate.latest();
    const rows = await db('submissions').select('reference_number', 'fee_yen', 'payment_status').orderBy('reference_number');
    expect(rows).toEqual([
      { reference_number: 'ACD-EFG-HJK', fee_yen: 600, payment_status: 'unpaid' },
      { reference_number: 'ACD-EFG-HJM', fee_yen: null, payment_status: null },
    ]);
    const catalog = await buildCatalog(db, DEFINITIONS_DIR);
    expect(catalog.version('juminhyo-copy', 1)!.definition.fee).toMatchObject({ payment: 'on_submission', yen: 300 });
  });
});
