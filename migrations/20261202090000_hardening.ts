import type { Knex } from 'knex';

/**
 * Hardening (issue 9): rate limits in shared storage (every server process counts against the
 * same budget), failed sign-ins the owner is told about, idle staff sessions, and an audit log
 * that TRUNCATE cannot empty on PostgreSQL (UPDATE and DELETE were already refused).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rate_limits', (t) => {
    t.string('key', 200).primary(); // e.g. login-address:203.0.113.7
    t.integer('hits').notNullable();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });
  await knex.schema.alterTable('staff_users', (t) => {
    t.integer('failed_since_login').notNullable().defaultTo(0);
    t.timestamp('last_login_at', { useTz: true }).nullable();
  });
  await knex.schema.alterTable('staff_sessions', (t) => {
    t.timestamp('last_seen_at', { useTz: true }).nullable();
    t.index(['expires_at']);
  });
  await knex('staff_sessions').update({ last_seen_at: knex.ref('created_at') });
  // Entries from now on are keyed (HMAC with a secret outside the database); earlier ones stay as they were.
  await knex.schema.alterTable('audit_log', (t) => {
    t.boolean('keyed').notNullable().defaultTo(false);
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()',
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') await knex.raw('drop trigger audit_log_no_truncate on audit_log');
  // Plain SQL on both databases: SQLite drops the column in place (knex would rebuild the table and lose its triggers).
  await knex.raw('alter table audit_log drop column keyed');
  await knex.schema.alterTable('staff_sessions', (t) => {
    t.dropIndex(['expires_at']);
    t.dropColumn('last_seen_at');
  });
  await knex.schema.alterTable('staff_users', (t) => {
    t.dropColumn('last_login_at');
    t.dropColumn('failed_since_login');
  });
  await knex.schema.dropTable('rate_limits');
}
