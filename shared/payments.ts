/**
 * Payment statuses of a submission with a fee, and the words residents and staff see for them.
 * A submission's payment status is always derived from its payment attempts and refunds
 * (server/payments/ledger.ts), so duplicate or late events cannot make it disagree with the money.
 */
import type { LocalizedText } from './forms/types.ts';

export const PAYMENT_STATUSES = ['unpaid', 'pending', 'paid', 'refunded', 'partially_refunded', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, LocalizedText> = {
  unpaid: { ja: '未払い', en: 'Not paid' },
  pending: { ja: '支払い手続中', en: 'Payment in progress' },
  paid: { ja: '支払済み', en: 'Paid' },
  refunded: { ja: '返金済み', en: 'Refunded' },
  partially_refunded: { ja: '一部返金済み', en: 'Partly refunded' },
  failed: { ja: '支払い失敗', en: 'Payment failed' },
};

/** The fee has been paid (some or all of it may have been refunded since): nothing more is owed. */
export const SETTLED_PAYMENT_STATUSES: readonly PaymentStatus[] = ['paid', 'partially_refunded', 'refunded'];

export function paymentStatusLabel(status: string): LocalizedText {
  return PAYMENT_STATUS_LABELS[status as PaymentStatus] ?? { ja: status, en: status };
}

export const PAYMENT_METHODS = ['card', 'konbini', 'counter'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, LocalizedText> = {
  card: { ja: 'クレジットカード', en: 'Card' },
  konbini: { ja: 'コンビニ', en: 'Convenience store' },
  counter: { ja: '窓口', en: 'At the counter' },
};

export function paymentMethodLabel(method: string | null): LocalizedText {
  return method ? (PAYMENT_METHOD_LABELS[method as PaymentMethod] ?? { ja: method, en: method }) : { ja: '', en: '' };
}

const ATTEMPT_LABELS: Record<string, LocalizedText> = {
  open: { ja: '決済画面を表示中', en: 'Checkout open' },
  pending: { ja: '入金待ち（コンビニ）', en: 'Awaiting store payment' },
  paid: { ja: '支払済み', en: 'Paid' },
  failed: { ja: '失敗', en: 'Failed' },
  expired: { ja: '期限切れ', en: 'Expired' },
};
const REFUND_LABELS: Record<string, LocalizedText> = {
  requested: { ja: '依頼中', en: 'Requested' },
  pending: { ja: '処理中', en: 'Processing' },
  succeeded: { ja: '返金済み', en: 'Refunded' },
  failed: { ja: '失敗', en: 'Failed' },
  canceled: { ja: '取消', en: 'Canceled' },
};

/** One payment attempt's state, as staff see it. */
export const attemptLabel = (s: string): LocalizedText => ATTEMPT_LABELS[s] ?? { ja: s, en: s };
/** One refund's state, as staff (and the settlement CSV) see it. */
export const refundLabel = (s: string): LocalizedText => REFUND_LABELS[s] ?? { ja: s, en: s };

/** What a resident sees about the fee of one submission. */
export interface PaymentView {
  status: PaymentStatus | null;
  statusLabel: LocalizedText | null;
  /** Amount owed in integer yen; null while staff have not set it (事後決済). */
  amountYen: number | null;
  paidYen: number;
  refundedYen: number;
  timing: 'on_submission' | 'after_review';
  /** The resident can pay online now (Stripe configured, amount set, not paid, nothing pending). */
  canPayOnline: boolean;
  /** No online payment: the fee is paid the definition's way (at the counter, or a 定額小為替 by post). */
  payAtCounter: boolean;
  /** How to pay it then, while it is owed (null otherwise). */
  payOffline: LocalizedText | null;
}
