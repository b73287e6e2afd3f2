import type { Knex } from 'knex';

/**
 * Mail to residents goes through an outbox written in the same transaction as the change it
 * reports, and is sent (and retried) from there, so a mail-server outage loses nothing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.string('notify_email', 254).nullable();
  });
  await knex.schema.createTable('mail_outbox', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('submission_id').nullable().references('id').inTable('submissions').onDelete('SET NULL');
    t.string('to_address', 254).notNullable();
    t.string('subject', 200).notNullable();
    t.text('body_text').notNullable();
    t.string('status', 10).notNullable().defaultTo('pending'); // pending | sent | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    t.text('last_error').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('sent_at', { useTz: true }).nullable();
    t.index(['status', 'next_attempt_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('mail_outbox');
  await knex.schema.alterTable('submissions', (t) => {
    t.dropColumn('notify_email');
  });
}
