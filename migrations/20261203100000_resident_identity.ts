import type { Knex } from 'knex';

/**
 * Resident sign-in (issue 12, decision 0015): sign-in requests waiting for the provider's answer
 * (single use, by the SHA-256 of their state), resident sessions (the cookie's SHA-256; the
 * verified attributes sealed with AES-256-GCM), drafts kept on the server for signed-in residents
 * (answers sealed), and on each submission its channel, who filed it and how they were verified.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('resident_sign_in_requests', (t) => {
    t.string('id', 64).primary(); // SHA-256 of the state sent to the provider
    t.string('browser_hash', 64).notNullable(); // SHA-256 of the random value in the sign-in cookie of the browser that started it
    t.text('secrets').notNullable(); // sealed: PKCE verifier and nonce
    t.string('return_to', 300).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['created_at']);
  });
  await knex.schema.createTable('resident_sessions', (t) => {
    t.string('id', 64).primary(); // SHA-256 of the cookie's token
    t.string('subject_hash', 64).notNullable(); // HMAC of issuer + sub: who, without the provider's identifier
    t.string('provider', 300).notNullable(); // the issuer
    t.string('assurance', 100).nullable(); // acr
    t.text('attributes').notNullable(); // sealed: 基本4情報 as the provider returned them
    t.text('id_token').nullable(); // sealed: for sign-out at the provider (id_token_hint)
    t.string('csrf_token', 64).notNullable();
    t.timestamp('verified_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['subject_hash']);
    t.index(['expires_at']);
  });
  await knex.schema.createTable('resident_drafts', (t) => {
    t.increments('id').primary();
    t.string('subject_hash', 64).notNullable();
    t.string('procedure_id', 64).notNullable();
    t.integer('definition_version').notNullable();
    t.text('content').notNullable(); // sealed: answers, idempotency key, upload token
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['subject_hash', 'procedure_id']);
    t.index(['updated_at']);
  });
  await knex.schema.alterTable('submissions', (t) => {
    t.string('channel', 20).notNullable().defaultTo('online'); // online | counter-assisted
    t.string('identity_subject_hash', 64).nullable(); // the signed-in filer (マイページ)
    t.jsonb('identity').nullable(); // JSON: method, provider, assurance, verified at, filed for whom, clerk
    t.index(['identity_subject_hash']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.dropIndex(['identity_subject_hash']);
    t.dropColumn('identity');
    t.dropColumn('identity_subject_hash');
    t.dropColumn('channel');
  });
  await knex.schema.dropTable('resident_drafts');
  await knex.schema.dropTable('resident_sessions');
  await knex.schema.dropTable('resident_sign_in_requests');
}
