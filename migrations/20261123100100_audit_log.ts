import type { Knex } from 'knex';

/**
 * Append-only audit log. Each row carries the SHA-256 of the row before, so an edited or deleted
 * row breaks the chain (npm run audit:verify); triggers also refuse UPDATE and DELETE.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('actor_type', 20).notNullable();
    t.string('actor_id', 64).nullable();
    t.string('action', 64).notNullable();
    t.string('target', 64).nullable();
    t.string('address', 64).nullable();
    t.text('details').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`);
    await knex.raw(
      'create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only()',
    );
  } else {
    await knex.raw(
      "create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end",
    );
    await knex.raw(
      "create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end",
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    await knex.raw('drop trigger audit_log_no_change on audit_log');
    await knex.raw('drop function audit_log_append_only');
  }
  await knex.schema.dropTable('audit_log');
}
