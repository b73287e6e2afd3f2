import type { Knex } from 'knex';

/** Every version of every procedure definition ever published: submissions point at one. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('definition_versions', (t) => {
    t.string('procedure_id', 64).notNullable();
    t.integer('version').notNullable();
    t.string('sha256', 64).notNullable();
    t.text('definition').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.primary(['procedure_id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('definition_versions');
}
