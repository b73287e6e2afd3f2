/** Display formatting used by several pages. */
import { feeDue, feeDueText, feeRuleText, offlineFeeText } from '../shared/fees.ts';
import type { FeeDefinition, Lang, ProcedureView } from '../shared/forms/types.ts';
import type { MessageKey } from './messages.ts';

export function feeText(fee: FeeDefinition | null, lang: Lang): string | null {
  return feeRuleText(fee, lang);
}

/** How the fee is paid, for the procedure and check pages: online, or the definition's way without it (定額小為替 by post, the counter). */
export function feeHow(p: Pick<ProcedureView, 'fee' | 'onlinePayment'>, lang: Lang, t: (key: MessageKey) => string): string {
  const offline = p.onlinePayment ? null : offlineFeeText(p.fee)[lang];
  if (p.fee?.payment === 'after_review')
    return offline ? `${t('feeAfterReview')}${lang === 'ja' ? '' : ' '}${offline}` : t('feeAfterReview');
  return offline ?? t('feeOnline');
}

/** The amount these answers owe ("300円 × 2通 = 600円"), or the rule when it is not known yet. */
export function feeForAnswers(fee: FeeDefinition | null, answers: unknown, lang: Lang): string | null {
  if (!fee) return null;
  const due = feeDue(fee, answers);
  return due ? feeDueText(fee, due, lang) : feeRuleText(fee, lang);
}

export { formatDateTime } from '../shared/format-datetime.ts';
export { formatDateBoth } from '../shared/japanese/wareki.ts';
