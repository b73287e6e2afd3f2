import type { Knex } from 'knex';

/**
 * Figures for the DX office that the platform cannot see by itself: counter and mail filings per
 * procedure and month (entered by departments), and how many residents started each form per day
 * (a count only, nothing personal).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('counter_counts', (t) => {
    t.string('procedure_id', 64).notNullable(); // an id from form-definitions/catalog.json
    t.string('month', 7).notNullable(); // YYYY-MM
    t.integer('counter').notNullable();
    t.integer('mail').notNullable();
    t.integer('entered_by').nullable().references('id').inTable('staff_users').onDelete('SET NULL');
    t.timestamp('entered_at', { useTz: true }).notNullable();
    t.primary(['procedure_id', 'month']);
  });
  await knex.schema.createTable('form_starts', (t) => {
    t.string('procedure_id', 64).notNullable(); // a definition id
    t.string('day', 10).notNullable(); // YYYY-MM-DD, Japan time
    t.integer('n').notNullable();
    t.primary(['procedure_id', 'day']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('form_starts');
  await knex.schema.dropTable('counter_counts');
}
