import type { Lang } from './forms/types.ts';
import { formatDateBoth } from './japanese/wareki.ts';

// Building an Intl.DateTimeFormat is expensive (tens of microseconds): build it once.
const JAPAN_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant in Japan time, with the date in both calendars: 令和8年11月23日（2026年11月23日） 14:05 */
export function formatDateTime(iso: string, lang: Lang): string {
  const parts = JAPAN_TIME.formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${formatDateBoth(`${get('year')}-${get('month')}-${get('day')}`, lang)} ${get('hour')}:${get('minute')}`;
}
