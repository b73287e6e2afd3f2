import type { Knex } from 'knex';

/** Staff accounts and their sessions (stored in the database so several server processes share them). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_users', (t) => {
    t.increments('id').primary();
    t.string('email', 254).notNullable().unique();
    t.string('display_name', 100).notNullable();
    t.string('password_hash', 200).notNullable();
    t.string('role', 20).notNullable();
    t.string('department_id', 64).nullable();
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true }).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('staff_sessions', (t) => {
    t.string('id', 64).primary(); // SHA-256 of the cookie token
    t.integer('user_id').notNullable().references('id').inTable('staff_users').onDelete('CASCADE');
    t.string('csrf_token', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_sessions');
  await knex.schema.dropTable('staff_users');
}
