/** The payment panel of the staff detail view: amounts, every attempt and refund, what staff may do now. */
import type { Knex } from 'knex';
import type { StaffPaymentPanel } from '../../shared/api-types.ts';
import { paymentMethodLabel, paymentStatusLabel, type PaymentStatus } from '../../shared/payments.ts';
import { FINAL_STATUSES } from '../../shared/workflow.ts';
import { isoTimestamp } from '../db/connection.ts';
import { totals, type AttemptStatus, type Ledger, type RefundStatus } from './ledger.ts';
import type { Catalog } from '../procedures/catalog.ts';

export async function staffPaymentPanel(
  db: Knex | Knex.Transaction,
  catalog: Catalog,
  s: {
    id: number;
    procedure_id: string;
    definition_version: number;
    status: string;
    fee_yen: number | null;
    payment_status: string | null;
  },
): Promise<StaffPaymentPanel | null> {
  const fee = catalog.version(s.procedure_id, s.definition_version)?.definition.fee ?? null;
  if (!fee) return null;
  const feeYen = s.fee_yen === null ? null : Number(s.fee_yen);
  const attempts = (await db('payments').where('submission_id', s.id).orderBy('id')) as Record<string, unknown>[];
  const refunds = (await db('refunds').where('submission_id', s.id).orderBy('id')) as Record<string, unknown>[];
  const ledger: Ledger = {
    feeYen,
    attempts: attempts.map((a) => ({ status: a.status as AttemptStatus, amountYen: Number(a.amount_yen) })),
    refunds: refunds.map((r) => ({ status: r.status as RefundStatus, amountYen: Number(r.amount_yen) })),
  };
  const { paidYen, refundedYen } = totals(ledger);
  const open = !FINAL_STATUSES.includes(s.status as never);
  const busy = ledger.attempts.some((a) => a.status === 'paid' || a.status === 'pending' || a.status === 'open');
  return {
    timing: fee.payment,
    amountYen: feeYen,
    status: (s.payment_status as PaymentStatus | null) ?? null,
    statusLabel: s.payment_status ? paymentStatusLabel(s.payment_status) : null,
    paidYen,
    refundedYen,
    refundableYen: Math.max(0, paidYen - refundedYen),
    canSetFee: fee.payment === 'after_review' && open && !busy,
    canRecordCounter: feeYen !== null && open && paidYen === 0 && !ledger.attempts.some((a) => a.status === 'pending'),
    attempts: attempts.map((a) => ({
      at: isoTimestamp(a.created_at),
      method: a.method ? paymentMethodLabel(String(a.method)) : null,
      provider: String(a.provider),
      status: String(a.status),
      amountYen: Number(a.amount_yen),
      stripeSessionId: (a.stripe_session_id as string | null) ?? null,
      stripePaymentIntentId: (a.stripe_payment_intent_id as string | null) ?? null,
      paidAt: a.paid_at ? isoTimestamp(a.paid_at) : null,
    })),
    refunds: refunds.map((r) => ({
      at: isoTimestamp(r.created_at),
      amountYen: Number(r.amount_yen),
      reason: String(r.reason),
      status: String(r.status),
      stripeRefundId: (r.stripe_refund_id as string | null) ?? null,
    })),
  };
}
