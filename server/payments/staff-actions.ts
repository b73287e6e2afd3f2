/**
 * What department staff do with money, each inside their own department and on the audit trail:
 * set a 事後決済 amount, record a counter payment, refund (full or partial, with a reason).
 */
import type { Knex } from 'knex';
import { formatYen } from '../../shared/fees.ts';
import { paymentMethodLabel } from '../../shared/payments.ts';
import { FINAL_STATUSES } from '../../shared/workflow.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { StaffUser } from '../auth/roles.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import { COUNTED_REFUNDS, loadLedger, totals } from './ledger.ts';
import type { Logger } from 'pino';
import type { Notifier } from '../notifications/notifier.ts';
import type { Catalog } from '../procedures/catalog.ts';
import type { PaymentEvents } from './events.ts';
import { gatewayReason, type PaymentGateway } from './gateway.ts';
import type { PaymentService, PaymentSubmission } from './service.ts';

export const MAX_FEE_YEN = 1_000_000;

export interface StaffContext {
  actor: StaffUser;
  address: string | null;
}

/** The message for an amount outside 1..max yen (the route's schema and the refund's remaining amount). */
export const yenMessage = (max: number) =>
  [
    `金額は1円以上${max.toLocaleString('ja-JP')}円以下の整数（円）で入力してください。`,
    `Enter whole yen from 1 to ${max.toLocaleString('en-US')}.`,
  ] as const;

function yenInput(value: number, pointer: string, max: number): number {
  if (value > max) throw Errors.amount(pointer, ...yenMessage(max));
  return value;
}

export interface PaymentStaffDeps {
  db: Knex;
  catalog: Catalog;
  notifier: Notifier;
  gateway: PaymentGateway | null;
  payments: Pick<PaymentService, 'findSubmission' | 'refresh'>;
  events: Pick<PaymentEvents, 'moveRefund'>;
  logger: Logger;
}

export class PaymentStaffActions {
  private readonly db: Knex;

  constructor(private readonly deps: PaymentStaffDeps) {
    this.db = deps.db;
  }

  private async inDepartment(trx: Knex.Transaction, ctx: StaffContext, ref: string): Promise<PaymentSubmission> {
    const row = await this.deps.payments.findSubmission(trx, { reference_number: ref }, true);
    if (!row || row.department_id !== (ctx.actor.departmentId ?? '')) throw Errors.submissionNotFound();
    return row;
  }

  private async record(
    trx: Knex.Transaction,
    ctx: StaffContext,
    s: PaymentSubmission,
    action: string,
    text: string,
    details: Record<string, unknown>,
  ) {
    await trx('submission_events').insert({
      submission_id: s.id,
      at: isoTimestamp(new Date()),
      actor_type: 'staff',
      actor_id: ctx.actor.id,
      kind: 'payment',
      text,
      details: JSON.stringify(details),
    });
    await appendAudit(trx, {
      actorType: 'staff',
      actorId: String(ctx.actor.id),
      action,
      target: s.reference_number,
      address: ctx.address,
      details,
    });
  }

  /** 事後決済: staff set the amount after review; the resident is asked to pay. */
  async setFee(ctx: StaffContext, ref: string, yen: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const s = await this.inDepartment(trx, ctx, ref);
      const fee = this.deps.catalog.version(s.procedure_id, s.definition_version)!.definition.fee;
      if (!fee) throw Errors.noFee();
      if (fee.payment !== 'after_review') throw Errors.feeFixed();
      if (FINAL_STATUSES.includes(s.status as never)) throw Errors.submissionClosed();
      const ledger = await loadLedger(trx, s.id, s.fee_yen);
      if (ledger.attempts.some((a) => a.status === 'paid' || a.status === 'pending' || a.status === 'open')) throw Errors.feeLocked();
      await trx('submissions')
        .where('id', s.id)
        .update({ fee_yen: yen, updated_at: isoTimestamp(new Date()) });
      await this.record(trx, ctx, s, 'payment.fee_set', `手数料を ${formatYen(yen, 'ja')} に設定`, { amountYen: yen, previous: s.fee_yen });
      await this.deps.payments.refresh(trx, s.id);
      await this.deps.notifier.paymentRequested(trx, {
        id: s.id,
        referenceNumber: s.reference_number,
        procedureId: s.procedure_id,
        email: s.notify_email,
        amountYen: yen,
        online: this.deps.gateway !== null,
      });
    });
  }

  /** The resident paid the whole fee at the counter (cash or the counter's terminal). */
  async recordCounterPayment(ctx: StaffContext, ref: string, body: { amountYen: number; note?: string | undefined }): Promise<void> {
    const note = body.note?.trim() ?? '';
    await this.db.transaction(async (trx) => {
      const s = await this.inDepartment(trx, ctx, ref);
      if (s.fee_yen === null)
        throw this.deps.catalog.version(s.procedure_id, s.definition_version)!.definition.fee ? Errors.feeNotSet() : Errors.noFee();
      if (FINAL_STATUSES.includes(s.status as never)) throw Errors.submissionClosed();
      const ledger = await loadLedger(trx, s.id, s.fee_yen);
      if (totals(ledger).paidYen > 0) throw Errors.alreadyPaid();
      if (ledger.attempts.some((a) => a.status === 'pending')) throw Errors.paymentPending();
      const yen = body.amountYen;
      if (yen !== Number(s.fee_yen))
        throw Errors.amount(
          '/amountYen',
          `窓口で受け取った金額は、手数料の全額（${formatYen(Number(s.fee_yen), 'ja')}）を入力してください。`,
          `Record the whole fee (${formatYen(Number(s.fee_yen), 'en')}).`,
        );
      const now = isoTimestamp(new Date());
      await trx('payments').insert({
        submission_id: s.id,
        provider: 'counter',
        method: 'counter',
        status: 'paid',
        amount_yen: yen,
        recorded_by: ctx.actor.id,
        note: note || null,
        created_at: now,
        updated_at: now,
        paid_at: now,
      });
      await this.record(trx, ctx, s, 'payment.counter', `窓口で ${formatYen(yen, 'ja')} を受領${note ? `（${note}）` : ''}`, {
        amountYen: yen,
      });
      await this.deps.payments.refresh(trx, s.id);
    });
  }

  /**
   * Refunds part or all of what was paid and not yet refunded. A counter payment is refunded in
   * cash at once; a Stripe payment is recorded first, then asked of Stripe with the refund's id as
   * idempotency key (the periodic check asks again if the answer is lost).
   */
  async refund(ctx: StaffContext, ref: string, body: { amountYen: number; reason: string }): Promise<{ status: string }> {
    const reason = body.reason.trim() || null;
    const prepared = await this.db.transaction(async (trx) => {
      const s = await this.inDepartment(trx, ctx, ref);
      const paid = (await trx('payments').where({ submission_id: s.id, status: 'paid' }).orderBy('id', 'desc').first()) as
        { id: number; provider: string; method: string; amount_yen: number; stripe_payment_intent_id: string | null } | undefined;
      if (!paid) throw Errors.nothingToRefund();
      const refunded = (
        (await trx('refunds')
          .where('payment_id', paid.id)
          .whereIn('status', COUNTED_REFUNDS as string[])
          .sum({ n: 'amount_yen' })) as { n: number | string | null }[]
      )[0]?.n;
      const remaining = Number(paid.amount_yen) - Number(refunded ?? 0);
      if (remaining <= 0) throw Errors.nothingToRefund();
      const yen = yenInput(body.amountYen, '/amountYen', remaining);
      if (!reason) throw Errors.refundReason();
      const now = isoTimestamp(new Date());
      const counter = paid.provider === 'counter';
      const [row] = (await trx('refunds')
        .insert({
          submission_id: s.id,
          payment_id: paid.id,
          amount_yen: yen,
          reason,
          status: counter ? 'succeeded' : 'requested',
          staff_id: ctx.actor.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')) as ({ id: number } | number)[];
      const refundId = Number(typeof row === 'object' ? row.id : row);
      await this.record(
        trx,
        ctx,
        s,
        'payment.refund',
        `${formatYen(yen, 'ja')} を返金（${paymentMethodLabel(paid.method).ja}）：${reason}`,
        { amountYen: yen, refundId },
      );
      await this.deps.payments.refresh(trx, s.id);
      return { refundId, yen, counter, paymentIntentId: paid.stripe_payment_intent_id, ref: s.reference_number };
    });
    if (prepared.counter) return { status: 'succeeded' };
    const gateway = this.deps.gateway;
    if (!gateway || !prepared.paymentIntentId) return { status: 'requested' };
    try {
      const state = await gateway.createRefund({
        refundId: prepared.refundId,
        paymentIntentId: prepared.paymentIntentId,
        amountYen: prepared.yen,
        referenceNumber: prepared.ref,
      });
      await this.db('refunds')
        .where('id', prepared.refundId)
        .update({ stripe_refund_id: state.id, updated_at: isoTimestamp(new Date()) });
      await this.deps.events.moveRefund(state.id, prepared.refundId, state.status);
      return { status: ((await this.db('refunds').where('id', prepared.refundId).first('status')) as { status: string }).status };
    } catch (error) {
      this.deps.logger.warn(
        { err: gatewayReason(error), refundId: prepared.refundId },
        'Stripe refund request failed; the periodic check asks again',
      );
      // Stays 'requested' (and counted): the periodic check asks Stripe again with the same idempotency key.
      return { status: 'requested' };
    }
  }
}
