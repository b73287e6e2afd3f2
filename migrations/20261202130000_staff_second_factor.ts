import type { Knex } from 'knex';

/**
 * Staff second factor and account administration (issue 10): a TOTP secret (encrypted at rest)
 * with the last accepted time step (no replay), one-time recovery codes (SHA-256 only), disabled
 * accounts, a password that must be changed at next sign-in; and on each session how far sign-in
 * has gone (mfa_state), its idle limit, and the device and address its owner is shown.
 * Sessions from before cannot say whether a second factor was given: they are ended.
 */
export async function up(knex: Knex): Promise<void> {
  await knex('staff_sessions').delete();
  await knex.schema.alterTable('staff_users', (t) => {
    t.text('totp_secret').nullable(); // AES-256-GCM, key derived from APP_SECRET (auth/secret-box.ts)
    t.text('totp_pending_secret').nullable(); // enrolment started, not yet confirmed with a code
    t.bigInteger('totp_last_step').nullable(); // the last accepted 30 s step: a code of that step or earlier is refused
    t.timestamp('mfa_enabled_at', { useTz: true }).nullable();
    t.timestamp('disabled_at', { useTz: true }).nullable();
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.timestamp('password_changed_at', { useTz: true }).nullable();
  });
  await knex.schema.alterTable('staff_sessions', (t) => {
    // pending: password given, second code owed; enrol: must set up a second factor first; done.
    t.string('mfa_state', 10).notNullable().defaultTo('pending');
    t.integer('idle_minutes').notNullable().defaultTo(30);
    t.string('handle', 36).nullable().unique(); // what the owner's session list names the session by (never the token's hash)
    t.string('user_agent', 200).nullable();
    t.string('address', 64).nullable();
  });
  await knex.schema.createTable('staff_recovery_codes', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('staff_users').onDelete('CASCADE');
    t.string('code_hash', 64).notNullable().unique(); // SHA-256 of a random 80-bit code
    t.timestamp('used_at', { useTz: true }).nullable();
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_recovery_codes');
  await knex.schema.alterTable('staff_sessions', (t) => {
    t.dropUnique(['handle']);
    t.dropColumn('address');
    t.dropColumn('user_agent');
    t.dropColumn('handle');
    t.dropColumn('idle_minutes');
    t.dropColumn('mfa_state');
  });
  await knex.schema.alterTable('staff_users', (t) => {
    t.dropColumn('password_changed_at');
    t.dropColumn('must_change_password');
    t.dropColumn('disabled_at');
    t.dropColumn('mfa_enabled_at');
    t.dropColumn('totp_last_step');
    t.dropColumn('totp_pending_secret');
    t.dropColumn('totp_secret');
  });
}
