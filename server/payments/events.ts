/**
 * Stripe webhooks and the periodic check. Each event id is stored in the same transaction as its
 * effect (the effect's own transactions nest as savepoints), so an event is applied exactly once;
 * the effects only move forward (ledger.ts), so duplicates and out-of-order events converge. The periodic check asks Stripe about sessions and refunds
 * still open, so a lost webhook cannot leave a payment stuck.
 */
import type { Knex } from 'knex';
import type Stripe from 'stripe';
import { dialectOf, isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import { checkoutState, type PaymentGateway } from './gateway.ts';
import { refundAdvances, type RefundStatus } from './ledger.ts';
import type { PaymentService } from './service.ts';

/** What the events need of the payment service: move an attempt forward, recompute a submission. */
export type PaymentLedger = Pick<PaymentService, 'applyCheckout' | 'moveAttempt' | 'refresh'>;

export class PaymentEvents {
  constructor(
    private readonly db: Knex,
    private readonly gateway: PaymentGateway | null,
    private readonly payments: PaymentLedger,
  ) {}

  /** Verifies and applies one webhook delivery; returns whether it was new. */
  async webhook(payload: unknown, signature: string | undefined): Promise<{ received: true; duplicate: boolean }> {
    const gateway = this.gateway;
    if (!gateway) throw Errors.onlinePaymentUnavailable();
    let event: Stripe.Event;
    try {
      if (!Buffer.isBuffer(payload)) throw new Error('no raw body');
      event = gateway.parseWebhook(payload, signature);
    } catch {
      // A forged, altered, stale or unsigned delivery: the sender learns only that it was refused.
      throw Errors.webhookSignature();
    }
    // The event's id and its effect commit together: applied exactly once, or not at all (Stripe retries).
    return this.db.transaction(async (trx) => {
      const inserted = (await trx('stripe_events')
        .insert({ id: event.id, type: event.type, received_at: isoTimestamp(new Date()) })
        .onConflict('id')
        .ignore()
        .returning('id')) as unknown[];
      if (inserted.length === 0) return { received: true as const, duplicate: true };
      await this.apply(event, trx);
      return { received: true as const, duplicate: false };
    });
  }

  private async apply(event: Stripe.Event, trx: Knex.Transaction): Promise<void> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
      case 'checkout.session.expired': {
        const session = event.data.object;
        const state = checkoutState(session);
        // Only konbini is asynchronous among the methods offered.
        const asyncMethod = event.type.startsWith('checkout.session.async_payment_') ? 'konbini' : undefined;
        if (event.type === 'checkout.session.async_payment_succeeded') state.paymentStatus = 'paid';
        if (event.type === 'checkout.session.async_payment_failed') {
          await this.payments.moveAttempt(session.id, 'failed', state.paymentIntentId, asyncMethod, trx);
          return;
        }
        await this.payments.applyCheckout(state, asyncMethod, trx);
        return;
      }
      case 'refund.created':
      case 'refund.updated':
      case 'refund.failed': {
        const refund = event.data.object;
        await this.moveRefund(
          refund.id,
          refund.metadata?.refundId ? Number(refund.metadata.refundId) : null,
          (event.type === 'refund.failed' ? 'failed' : refund.status) as string,
          trx,
        );
        return;
      }
      default:
        // Other events are acknowledged and ignored.
        return;
    }
  }

  async moveRefund(stripeRefundId: string, refundRowId: number | null, stripeStatus: string, outer?: Knex.Transaction): Promise<void> {
    const next = (
      ['pending', 'succeeded', 'failed', 'canceled'].includes(stripeStatus)
        ? stripeStatus
        : stripeStatus === 'requires_action'
          ? 'pending'
          : null
    ) as RefundStatus | null;
    if (!next) return;
    await (outer ?? this.db).transaction(async (trx) => {
      const q = trx('refunds').where((w) => {
        w.where('stripe_refund_id', stripeRefundId);
        if (refundRowId !== null && Number.isInteger(refundRowId)) w.orWhere('id', refundRowId);
      });
      if (dialectOf(trx) === 'postgres') q.forUpdate();
      const row = (await q.first()) as { id: number; submission_id: number; status: RefundStatus } | undefined;
      if (!row || !refundAdvances(row.status, next)) return;
      await trx('refunds')
        .where('id', row.id)
        .update({ status: next, stripe_refund_id: stripeRefundId, updated_at: isoTimestamp(new Date()) });
      await this.payments.refresh(trx, Number(row.submission_id));
    });
  }

  /** Asks Stripe about sessions and refunds still open for at least `minAgeMs`. */
  async reconcile(minAgeMs = 60_000): Promise<{ sessions: number; refunds: number }> {
    const gateway = this.gateway;
    if (!gateway) return { sessions: 0, refunds: 0 };
    const before = isoTimestamp(new Date(Date.now() - minAgeMs));
    const sessions = (await this.db('payments')
      .select('stripe_session_id')
      .where('provider', 'stripe')
      .whereIn('status', ['open', 'pending'])
      .whereNotNull('stripe_session_id')
      .andWhere('created_at', '<=', before)
      .orderBy('id')
      .limit(500)) as { stripe_session_id: string }[];
    for (const s of sessions) await this.payments.applyCheckout(await gateway.retrieveCheckout(s.stripe_session_id));
    const refunds = (await this.db('refunds as r')
      .join('payments as p', 'p.id', 'r.payment_id')
      .join('submissions as s', 's.id', 'r.submission_id')
      .select('r.id', 'r.status', 'r.stripe_refund_id', 'r.amount_yen', 'p.stripe_payment_intent_id', 's.reference_number')
      .where('p.provider', 'stripe')
      .whereIn('r.status', ['requested', 'pending'])
      .andWhere('r.created_at', '<=', before)
      .orderBy('r.id')
      .limit(500)) as {
      id: number;
      status: RefundStatus;
      stripe_refund_id: string | null;
      amount_yen: number;
      stripe_payment_intent_id: string;
      reference_number: string;
    }[];
    for (const r of refunds) {
      // A refund whose request never got an answer is asked again with the same idempotency key.
      const state = r.stripe_refund_id
        ? await gateway.retrieveRefund(r.stripe_refund_id)
        : await gateway.createRefund({
            refundId: Number(r.id),
            paymentIntentId: r.stripe_payment_intent_id,
            amountYen: Number(r.amount_yen),
            referenceNumber: r.reference_number,
          });
      await this.moveRefund(state.id, Number(r.id), state.status);
    }
    return { sessions: sessions.length, refunds: refunds.length };
  }
}
