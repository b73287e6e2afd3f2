/** Display formatting used by several pages. */
import type { FeeDefinition, Lang } from '../shared/forms/types.ts';

export function feeText(fee: FeeDefinition | null, lang: Lang): string | null {
  if (!fee) return null;
  const yen = fee.yen.toLocaleString('ja-JP');
  if (lang === 'ja') return `${fee.per ? `${fee.per.label.ja}につき` : ''}${yen}円`;
  return `¥${yen}${fee.per ? ` per ${fee.per.label.en}` : ''}`;
}

export { formatDateTime } from '../shared/format-datetime.ts';
