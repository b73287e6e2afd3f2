import type { Knex } from 'knex';

/** Residents' submissions: answers as filed, against one definition version. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('submissions', (t) => {
    t.bigIncrements('id').primary();
    t.string('reference_number', 11).notNullable().unique();
    t.string('procedure_id', 64).notNullable();
    t.integer('definition_version').notNullable();
    t.string('definition_sha256', 64).notNullable();
    t.jsonb('answers').notNullable();
    t.string('answers_sha256', 64).notNullable();
    t.string('status', 20).notNullable().defaultTo('submitted');
    t.string('access_code_hash', 64).notNullable();
    t.string('idempotency_key_hash', 64).nullable().unique();
    t.timestamp('submitted_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.foreign(['procedure_id', 'definition_version']).references(['procedure_id', 'version']).inTable('definition_versions');
    t.index(['procedure_id', 'submitted_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('submissions');
}
