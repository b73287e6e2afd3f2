/**
 * Server drafts of signed-in residents against a real database, across a change of definition
 * version (a draft of the old version opens with the answers that still fit and names the new
 * questions) and over time (housekeeping deletes a draft left untouched past RESIDENT_DRAFT_DAYS,
 * the date residents are told; a touched one stays).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housekeeping } from '../../server/housekeeping.ts';
import { buildCatalog } from '../../server/procedures/catalog.ts';
import { ResidentDrafts } from '../../server/residents/drafts.ts';
import { isoTimestamp } from '../../server/db/connection.ts';
import { createTestDb, type TestDb } from '../helpers/database.ts';
import { definitionsDir } from '../helpers/definitions-dir.ts';
import { clone, definition } from '../helpers/http.ts';

const KEY = Buffer.alloc(32, 9);
const DAYS = 30;
let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.destroy();
});

describe('a server draft', () => {
  it('of a version that has changed opens with the answers that still fit, and names the new question', async () => {
    const published = definition('kosodate-15');
    const before = await buildCatalog(testDb.db, definitionsDir());
    const answers = clone(published.examples[0]!) as Record<string, Record<string, unknown>>;
    await new ResidentDrafts(testDb.db, KEY, before, DAYS).save('subject-a', 'kosodate-15', published.version, { answers });

    // The next version asks a new question (and keeps the rest).
    const next = clone(published);
    next.version = published.version + 1;
    (next.schema.properties.mother!.properties as Record<string, unknown>).workplace = {
      type: 'string',
      title: '勤務先',
      'x-en': { title: 'Workplace' },
      maxLength: 80,
    };
    const after = await buildCatalog(testDb.db, definitionsDir({ 'kosodate-15-pregnancy.json': next }));
    const opened = await new ResidentDrafts(testDb.db, KEY, after, DAYS).get('subject-a', 'kosodate-15');
    expect(opened).toMatchObject({ definitionVersion: published.version, currentVersion: next.version });
    expect(opened.newQuestions).toEqual([expect.objectContaining({ ja: expect.stringContaining('勤務先') })]);
    expect((opened.answers.mother as Record<string, unknown>).name).toBe(answers.mother!.name);
  });

  it('left untouched past RESIDENT_DRAFT_DAYS is deleted by housekeeping on the day residents were told; a touched one stays', async () => {
    const catalog = await buildCatalog(testDb.db, definitionsDir());
    const drafts = new ResidentDrafts(testDb.db, KEY, catalog, DAYS);
    const version = definition('sodai-gomi').version;
    const old = await drafts.save('subject-old', 'sodai-gomi', version, { answers: {} });
    await drafts.save('subject-new', 'sodai-gomi', version, { answers: {} });
    // The old one was last touched DAYS + 1 days ago.
    const longAgo = new Date(Date.now() - (DAYS + 1) * 86_400_000);
    await testDb
      .db('resident_drafts')
      .where('subject_hash', 'subject-old')
      .update({ updated_at: isoTimestamp(longAgo) });
    expect(new Date(old.deleteAfter).getTime() - new Date(old.updatedAt).getTime()).toBe(DAYS * 86_400_000);

    const removed = await housekeeping(testDb.db, new Date(), undefined, { idleMinutes: 30, draftDays: DAYS });
    expect(removed.drafts).toBe(1);
    expect(await drafts.list('subject-old')).toEqual([]);
    expect(await drafts.list('subject-new')).toHaveLength(1);
  });
});
