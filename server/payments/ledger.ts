/**
 * The money rules. A payment attempt only moves forward (open -> pending -> failed/expired ->
 * paid), so duplicate and out-of-order events converge; a submission's payment status is always
 * recomputed from its attempts and refunds, never set by hand.
 */
import type { Knex } from 'knex';
import type { PaymentStatus } from '../../shared/payments.ts';

/** mismatch: Stripe reports a paid amount other than the one owed; staff must look (never counted as paid). */
export const ATTEMPT_RANK = { open: 0, pending: 1, expired: 2, failed: 2, paid: 3, mismatch: 3 } as const;
export type AttemptStatus = keyof typeof ATTEMPT_RANK;

export const REFUND_RANK = { requested: 0, pending: 1, succeeded: 2, failed: 3, canceled: 3 } as const;
export type RefundStatus = keyof typeof REFUND_RANK;

export function advances(current: AttemptStatus, next: AttemptStatus): boolean {
  return ATTEMPT_RANK[next] > ATTEMPT_RANK[current];
}

export function refundAdvances(current: RefundStatus, next: RefundStatus): boolean {
  return REFUND_RANK[next] > REFUND_RANK[current];
}

/** Refunds that count against what was paid (asked for, in progress or done). */
export const COUNTED_REFUNDS: readonly RefundStatus[] = ['requested', 'pending', 'succeeded'];

export interface Ledger {
  feeYen: number | null;
  attempts: { status: AttemptStatus; amountYen: number }[];
  refunds: { status: RefundStatus; amountYen: number }[];
}

export function totals(l: Ledger): { paidYen: number; refundedYen: number } {
  const paidYen = l.attempts.filter((a) => a.status === 'paid').reduce((n, a) => n + a.amountYen, 0);
  const refundedYen = l.refunds.filter((r) => COUNTED_REFUNDS.includes(r.status)).reduce((n, r) => n + r.amountYen, 0);
  return { paidYen, refundedYen };
}

/** null when nothing is owed (no fee, or a 事後決済 amount not set yet). */
export function derivePaymentStatus(l: Ledger): PaymentStatus | null {
  if (l.feeYen === null) return null;
  const { paidYen, refundedYen } = totals(l);
  if (paidYen > 0) {
    if (refundedYen === 0) return 'paid';
    return refundedYen >= paidYen ? 'refunded' : 'partially_refunded';
  }
  if (l.attempts.some((a) => a.status === 'open' || a.status === 'pending' || a.status === 'mismatch')) return 'pending';
  if (l.attempts.at(-1)?.status === 'failed') return 'failed';
  return 'unpaid';
}

export async function loadLedger(trx: Knex | Knex.Transaction, submissionId: number, feeYen: number | null): Promise<Ledger> {
  const attempts = (await trx('payments').select('status', 'amount_yen').where('submission_id', submissionId).orderBy('id')) as {
    status: AttemptStatus;
    amount_yen: number;
  }[];
  const refunds = (await trx('refunds').select('status', 'amount_yen').where('submission_id', submissionId).orderBy('id')) as {
    status: RefundStatus;
    amount_yen: number;
  }[];
  return {
    feeYen,
    attempts: attempts.map((a) => ({ status: a.status, amountYen: Number(a.amount_yen) })),
    refunds: refunds.map((r) => ({ status: r.status, amountYen: Number(r.amount_yen) })),
  };
}
