/** Display formatting used by several pages. */
import { feeDue, feeDueText, feeRuleText } from '../shared/fees.ts';
import type { FeeDefinition, Lang, ProcedureView } from '../shared/forms/types.ts';
import type { MessageKey } from './messages.ts';

export function feeText(fee: FeeDefinition | null, lang: Lang): string | null {
  return feeRuleText(fee, lang);
}

/** How the fee is paid, for the procedure and check pages. */
export function feeHowKey(p: Pick<ProcedureView, 'fee' | 'onlinePayment'>): MessageKey {
  if (p.fee?.payment === 'after_review') return 'feeAfterReview';
  return p.onlinePayment ? 'feeOnline' : 'feeAtCounter';
}

/** The amount these answers owe ("300円 × 2通 = 600円"), or the rule when it is not known yet. */
export function feeForAnswers(fee: FeeDefinition | null, answers: unknown, lang: Lang): string | null {
  if (!fee) return null;
  const due = feeDue(fee, answers);
  return due ? feeDueText(fee, due, lang) : feeRuleText(fee, lang);
}

export { formatDateTime } from '../shared/format-datetime.ts';
