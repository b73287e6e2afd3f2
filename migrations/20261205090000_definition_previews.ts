import type { Knex } from 'knex';

/**
 * Previews of unpublished or changed definitions (docs/form-definitions.md, "Preview"): staff of the
 * owning department or the DX office open a definition as a resident would, before it is
 * published. Only the definition is kept (for an hour, so any server behind the balancer can
 * serve it); nothing a previewer types is sent or stored.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('definition_previews', (t) => {
    t.string('id', 64).primary(); // SHA-256 of the preview's public id
    t.integer('staff_user_id').notNullable().references('id').inTable('staff_users').onDelete('cascade');
    t.string('department_id', 64).notNullable(); // the definition's department
    t.text('definition').notNullable(); // JSON, resolved with its shared parts
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('definition_previews');
}
