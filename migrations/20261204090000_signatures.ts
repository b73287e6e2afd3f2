import type { Knex } from 'knex';

/**
 * Electronic signatures (issue 13, docs/signatures.md): a signing request holds what the resident
 * is asked to sign (the digest of the canonical submission, with the reference number and filing
 * time it reserves) until the signing app answers; the verified evidence is then kept on it until
 * the submission is filed with it (once), and moves to submission_signatures in the filing's
 * transaction. No answers are kept here: the browser sends them again when it files, and they
 * must give the same digest.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('signing_requests', (t) => {
    t.string('id', 64).primary(); // SHA-256 of the request's public id (the browser's handle)
    t.string('state_hash', 64).notNullable().unique(); // SHA-256 of the state sent to the signing app
    t.string('subject_hash', 64).notNullable(); // the signed-in resident who asked
    t.string('procedure_id', 64).notNullable();
    t.integer('definition_version').notNullable();
    t.string('filer', 8).notNullable(); // self | proxy
    t.string('reference_number', 32).notNullable().unique(); // reserved: the digest covers it
    t.timestamp('submitted_at', { useTz: true }).notNullable(); // reserved filing time (in the digest)
    t.string('digest', 64).notNullable(); // hex SHA-256 of the canonical submission
    t.string('expected_signer', 64).notNullable(); // HMAC of the name and date of birth the certificate must carry
    t.string('status', 16).notNullable(); // pending | signed | failed | used
    t.string('error_code', 64).nullable();
    t.text('evidence').nullable(); // JSON: signature, certificate, chain, verification result
    t.integer('submission_id').nullable().references('id').inTable('submissions').onDelete('cascade');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });
  await knex.schema.createTable('submission_signatures', (t) => {
    t.integer('submission_id').primary().references('id').inTable('submissions').onDelete('cascade');
    t.string('algorithm', 32).notNullable();
    t.string('digest', 64).notNullable();
    t.text('signature').notNullable(); // base64
    t.text('certificate').notNullable(); // base64 DER
    t.text('chain').notNullable(); // JSON: base64 DER of the intermediates the signing app sent
    t.text('verification').notNullable(); // JSON: signer's 基本4情報, certificate serial/validity/issuer, anchor, CRL issue time
    t.timestamp('verified_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('submission_signatures');
  await knex.schema.dropTable('signing_requests');
}
