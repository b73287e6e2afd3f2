import type { Knex } from 'knex';

/**
 * 標準処理期間 (docs/form-definitions.md, "Processing period"): the day a submission is due to be decided
 * (null while its clock is stopped: 差戻し or 支払待ち, or when its procedure declares no period),
 * and the day it was decided. Both are Japan dates (YYYY-MM-DD), so they sort and compare as text
 * in both databases. The queue filters overdue submissions by department and due date.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.string('due_on', 10).nullable();
    t.string('decided_on', 10).nullable();
    t.index(['department_id', 'due_on'], 'submissions_department_due_on');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.dropIndex(['department_id', 'due_on'], 'submissions_department_due_on');
  });
  // Native DROP COLUMN (SQLite 3.35+, PostgreSQL) keeps the table and its count triggers as they are.
  for (const column of ['decided_on', 'due_on']) await knex.raw(`alter table submissions drop column ${column}`);
}
