import type { Knex } from 'knex';

/**
 * Attachments (issue 11): files a resident uploads for a draft, scanned and cleaned, kept in the
 * database (one backup holds everything; several servers on one PostgreSQL see the same files).
 * The bytes live in fixed-size chunks so that no file is ever read into memory whole; a file not
 * attached to a submission within 24 hours is deleted with its chunks.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attachments', (t) => {
    t.string('id', 40).primary(); // att_ + 22 base64url characters (128 random bits)
    t.string('procedure_id', 64).notNullable();
    t.string('field_pointer', 300).notNullable(); // the attachment question, without list indexes
    t.string('draft_token_hash', 64).notNullable(); // HMAC of the browser's draft token
    t.integer('submission_id').nullable().references('id').inTable('submissions').onDelete('CASCADE');
    t.string('name', 200).notNullable(); // the file name as the resident saw it (cleaned), extension of the stored type
    t.string('media_type', 60).notNullable(); // of the stored bytes: image/jpeg, image/png, application/pdf
    t.string('original_media_type', 60).notNullable(); // as detected from the uploaded bytes (image/heic before conversion)
    t.bigInteger('size').notNullable();
    t.string('sha256', 64).notNullable(); // of the stored bytes
    t.string('scan_status', 20).notNullable(); // clean | not_scanned
    t.binary('thumbnail').nullable(); // small JPEG for images
    t.integer('width').nullable();
    t.integer('height').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('attached_at', { useTz: true }).nullable();
    // Set when a correction removed the file from the answers; kept so staff see what changed.
    t.timestamp('replaced_at', { useTz: true }).nullable();
    t.index(['draft_token_hash']);
    t.index(['submission_id']);
    t.index(['created_at']);
  });
  await knex.schema.createTable('attachment_chunks', (t) => {
    t.string('attachment_id', 40).notNullable().references('id').inTable('attachments').onDelete('CASCADE');
    t.integer('seq').notNullable();
    t.binary('data').notNullable();
    t.primary(['attachment_id', 'seq']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('attachment_chunks');
  await knex.schema.dropTable('attachments');
}
