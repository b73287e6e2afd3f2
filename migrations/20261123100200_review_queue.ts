import type { Knex } from 'knex';

/**
 * The review queue: each submission's department (for isolation and the queue index), its
 * assignee, its history (status changes, assignments, notes, messages, corrections) and
 * per-status counts kept by triggers so the queue's counts stay O(1) at a million rows.
 */
export async function up(knex: Knex): Promise<void> {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.alterTable('submissions', (t) => {
    t.string('department_id', 64).notNullable().defaultTo('');
    t.integer('assignee_id').nullable().references('id').inTable('staff_users').onDelete('SET NULL');
  });
  const versions = (await knex('definition_versions').select('procedure_id', 'version', 'definition')) as {
    procedure_id: string;
    version: number;
    definition: string;
  }[];
  for (const v of versions) {
    const departmentId = (JSON.parse(v.definition) as { department: { id: string } }).department.id;
    await knex('submissions')
      .where({ procedure_id: v.procedure_id, definition_version: v.version })
      .update({ department_id: departmentId });
  }
  await knex.schema.alterTable('submissions', (t) => {
    t.index(['department_id', 'submitted_at', 'id'], 'submissions_queue');
    t.index(['department_id', 'status', 'submitted_at', 'id'], 'submissions_queue_status');
  });
  await knex.schema.createTable('submission_events', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('submission_id').notNullable().references('id').inTable('submissions').onDelete('CASCADE');
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('actor_type', 20).notNullable(); // staff | resident
    t.integer('actor_id').nullable();
    t.string('kind', 20).notNullable(); // status | assignment | note | message | correction
    t.string('from_status', 20).nullable();
    t.string('to_status', 20).nullable();
    t.text('text').nullable();
    t.text('details').nullable();
    t.index(['submission_id', 'id']);
  });
  await knex.schema.createTable('submission_counts', (t) => {
    t.string('department_id', 64).notNullable();
    t.string('procedure_id', 64).notNullable();
    t.string('status', 20).notNullable();
    t.bigInteger('n').notNullable();
    t.primary(['department_id', 'procedure_id', 'status']);
  });
  await knex.raw(`insert into submission_counts (department_id, procedure_id, status, n)
    select department_id, procedure_id, status, count(*) from submissions group by department_id, procedure_id, status`);
  const bump = (row: 'NEW' | 'OLD', delta: string) =>
    `insert into submission_counts (department_id, procedure_id, status, n) values (${row}.department_id, ${row}.procedure_id, ${row}.status, ${delta})
     on conflict (department_id, procedure_id, status) do update set n = submission_counts.n + (${delta})`;
  if (pg) {
    await knex.raw(`create function submission_counts_trigger() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then ${bump('NEW', '1')};
        elsif tg_op = 'UPDATE' and (old.status <> new.status or old.department_id <> new.department_id or old.procedure_id <> new.procedure_id) then
          ${bump('OLD', '-1')}; ${bump('NEW', '1')};
        elsif tg_op = 'DELETE' then ${bump('OLD', '-1')};
        end if;
        return null;
      end $$`);
    await knex.raw(
      'create trigger submission_counts after insert or update or delete on submissions for each row execute function submission_counts_trigger()',
    );
  } else {
    await knex.raw(`create trigger submission_counts_insert after insert on submissions begin ${bump('NEW', '1')}; end`);
    await knex.raw(`create trigger submission_counts_update after update of status, department_id, procedure_id on submissions
      when old.status <> new.status or old.department_id <> new.department_id or old.procedure_id <> new.procedure_id
      begin ${bump('OLD', '-1')}; ${bump('NEW', '1')}; end`);
    await knex.raw(`create trigger submission_counts_delete after delete on submissions begin ${bump('OLD', '-1')}; end`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    await knex.raw('drop trigger submission_counts on submissions');
    await knex.raw('drop function submission_counts_trigger');
  } else {
    for (const t of ['insert', 'update', 'delete']) await knex.raw(`drop trigger submission_counts_${t}`);
  }
  await knex.schema.dropTable('submission_counts');
  await knex.schema.dropTable('submission_events');
  await knex.schema.alterTable('submissions', (t) => {
    t.dropIndex([], 'submissions_queue_status');
    t.dropIndex([], 'submissions_queue');
    t.dropForeign(['assignee_id']);
    t.dropColumn('assignee_id');
    t.dropColumn('department_id');
  });
}
