import type { Knex } from 'knex';

/**
 * Fees and payments: the amount a submission owes and its derived payment status, every payment
 * attempt (a Stripe Checkout Session or a counter payment), every refund, and the Stripe events
 * already handled (so each webhook event is applied once).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.integer('fee_yen').nullable();
    t.string('payment_status', 20).nullable();
  });
  // Submissions filed before this migration under a definition with a fixed fee ({ yen, per? }) owe
  // it, unpaid (it was to be paid at the counter).
  const versions = (await knex('definition_versions').select('procedure_id', 'version', 'definition')) as {
    procedure_id: string;
    version: number;
    definition: string;
  }[];
  for (const v of versions) {
    const fee = (JSON.parse(v.definition) as { fee: { yen?: number; payment?: string; per?: { quantityPointer: string } } | null }).fee;
    if (!fee?.yen || (fee.payment && fee.payment !== 'on_submission')) continue;
    const rows = (await knex('submissions')
      .select('id', 'answers')
      .where({ procedure_id: v.procedure_id, definition_version: v.version })) as { id: number; answers: unknown }[];
    for (const r of rows) {
      const answers = (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as Record<string, unknown>;
      const count = fee.per
        ? fee.per.quantityPointer
            .split('/')
            .slice(1)
            .reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], answers)
        : 1;
      const quantity = Number.isInteger(count) && (count as number) > 0 ? (count as number) : 1;
      await knex('submissions')
        .where('id', r.id)
        .update({ fee_yen: fee.yen * quantity, payment_status: 'unpaid' });
    }
  }
  await knex.schema.createTable('payments', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('submission_id').notNullable().references('id').inTable('submissions').onDelete('CASCADE');
    t.string('provider', 20).notNullable(); // stripe | counter
    t.string('method', 20).nullable(); // card | konbini | counter (known once paid or pending)
    t.string('status', 20).notNullable(); // open | pending | paid | failed | expired
    t.integer('amount_yen').notNullable();
    t.string('stripe_session_id', 255).nullable().unique();
    t.string('stripe_payment_intent_id', 255).nullable();
    t.text('checkout_url').nullable();
    t.integer('recorded_by').nullable().references('id').inTable('staff_users').onDelete('SET NULL');
    t.text('note').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.timestamp('paid_at', { useTz: true }).nullable();
    t.index(['submission_id', 'id']);
    t.index(['status', 'created_at'], 'payments_status');
    t.index(['paid_at'], 'payments_paid_at');
  });
  // At most one unfinished Stripe checkout per submission: two "pay" clicks in two tabs cannot
  // open two sessions (the second insert fails and is answered 409 PAYMENT_PENDING).
  await knex.raw(
    `create unique index payments_one_unfinished on payments (submission_id) where provider = 'stripe' and status in ('open', 'pending')`,
  );
  await knex.schema.createTable('refunds', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('submission_id').notNullable().references('id').inTable('submissions').onDelete('CASCADE');
    t.bigInteger('payment_id').notNullable().references('id').inTable('payments').onDelete('CASCADE');
    t.integer('amount_yen').notNullable();
    t.text('reason').notNullable();
    t.string('status', 20).notNullable(); // requested | pending | succeeded | failed
    t.string('stripe_refund_id', 255).nullable().unique();
    t.integer('staff_id').nullable().references('id').inTable('staff_users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['submission_id', 'id']);
    t.index(['status', 'created_at'], 'refunds_status');
  });
  await knex.schema.createTable('stripe_events', (t) => {
    t.string('id', 255).primary();
    t.string('type', 100).notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('stripe_events');
  await knex.schema.dropTable('refunds');
  await knex.raw('drop index payments_one_unfinished');
  await knex.schema.dropTable('payments');
  await knex.schema.alterTable('submissions', (t) => {
    t.dropColumn('payment_status');
    t.dropColumn('fee_yen');
  });
}
