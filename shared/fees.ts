/**
 * Fees declared by a definition: a fixed amount or one computed from the answers (yen x quantity),
 * always integer yen, paid at submission or after review (事後決済: staff set the amount).
 */
import { getByPointer } from './forms/schema-walk.ts';
import type { FeeDefinition, Lang, LocalizedText } from './forms/types.ts';

export interface FeeDue {
  /** Total in integer yen. */
  yen: number;
  unitYen: number;
  quantity: number;
}

/** The amount owed for these answers when it is known at submission, else null. */
export function feeDue(fee: FeeDefinition | null, answers: unknown): FeeDue | null {
  if (!fee || fee.payment !== 'on_submission' || fee.yen === undefined) return null;
  const raw = fee.per ? getByPointer(answers, fee.per.quantityPointer) : 1;
  const quantity = Number.isInteger(raw) && (raw as number) > 0 ? (raw as number) : 1;
  return { yen: fee.yen * quantity, unitYen: fee.yen, quantity };
}

const yen = (n: number, lang: Lang) => (lang === 'ja' ? `${n.toLocaleString('ja-JP')}円` : `¥${n.toLocaleString('en-US')}`);

/** "300円 × 2通 = 600円" / "¥300 per copy × 2 = ¥600". */
export function feeDueText(fee: FeeDefinition, due: FeeDue, lang: Lang): string {
  if (!fee.per) return yen(due.yen, lang);
  if (lang === 'ja') return `${yen(due.unitYen, 'ja')} × ${due.quantity}${fee.per.label.ja.replace(/^1/u, '')} = ${yen(due.yen, 'ja')}`;
  return `${yen(due.unitYen, 'en')} per ${fee.per.label.en} × ${due.quantity} = ${yen(due.yen, 'en')}`;
}

/** The fee as a procedure page states it, before any answers. */
export function feeRuleText(fee: FeeDefinition | null, lang: Lang): string | null {
  if (!fee) return null;
  if (fee.yen === undefined)
    return fee.note?.[lang] ?? (lang === 'ja' ? '審査の後にお知らせします' : 'We tell you the amount after review');
  const amount = yen(fee.yen, lang);
  if (lang === 'ja') return `${fee.per ? `${fee.per.label.ja}につき` : ''}${amount}`;
  return `${amount}${fee.per ? ` per ${fee.per.label.en}` : ''}`;
}

export function formatYen(n: number, lang: Lang): string {
  return yen(n, lang);
}

/**
 * A fee paid by post with a 定額小為替 when online payment is off (never at the counter). A filing
 * a clerk made with the resident at the counter (channel counter-assisted) is paid there.
 */
export function paysByPost(fee: FeeDefinition | null | undefined, channel?: string): boolean {
  return fee?.offline?.method === 'postal_order' && channel !== 'counter-assisted';
}

/**
 * How to pay a fee without online payment, as every page, receipt and mail says it: the
 * definition's way (定額小為替 by post, with what to send and where) or at the counter, and what
 * waits for the payment.
 */
export function offlineFeeText(fee: FeeDefinition | null | undefined, channel?: string): LocalizedText {
  if (paysByPost(fee, channel)) {
    const instructions = fee!.offline!.instructions;
    return {
      ja: `オンラインでのお支払いは現在受け付けていません。手数料は定額小為替で郵送してください。${instructions.ja}書類は、定額小為替が届いてから発送します。`,
      en: `Online payment is not available. Please send the fee by post as a postal money order (定額小為替). ${instructions.en} We send the documents once your postal order arrives.`,
    };
  }
  const instructions = channel === 'counter-assisted' ? undefined : fee?.offline?.instructions;
  return {
    ja: `手数料は、窓口でお支払いください。${instructions?.ja ?? ''}`,
    en: `Please pay the fee at the counter.${instructions ? ` ${instructions.en}` : ''}`,
  };
}

/** A fee owed and not paid, without online payment: what the receipt says. */
export function offlineUnpaidLabel(fee: FeeDefinition | null | undefined, channel?: string): LocalizedText {
  return paysByPost(fee, channel)
    ? { ja: '未払い・定額小為替の到着待ち', en: 'Not paid: waiting for your postal order' }
    : { ja: '未払い・窓口でお支払いください', en: 'Not paid: please pay at the counter' };
}
