/** Display formatting used by several pages. */
import type { FeeDefinition, Lang } from '../shared/forms/types.ts';
import { formatDateBoth } from '../shared/japanese/wareki.ts';

export function feeText(fee: FeeDefinition | null, lang: Lang): string | null {
  if (!fee) return null;
  const yen = fee.yen.toLocaleString('ja-JP');
  if (lang === 'ja') return `${fee.per ? `${fee.per.label.ja}につき` : ''}${yen}円`;
  return `¥${yen}${fee.per ? ` per ${fee.per.label.en}` : ''}`;
}

/** An instant in Japan time, with the date in both calendars: 令和8年11月23日（2026年11月23日） 14:05 */
export function formatDateTime(iso: string, lang: Lang): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${formatDateBoth(`${get('year')}-${get('month')}-${get('day')}`, lang)} ${get('hour')}:${get('minute')}`;
}
