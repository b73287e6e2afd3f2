import type { Lang } from './forms/types.ts';
import { formatDateBoth } from './japanese/wareki.ts';

/** Japan Standard Time is UTC+9 all year (no daylight saving since 1951), so no time-zone database is needed. */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant in Japan time, with the date in both calendars: 令和8年11月23日（2026年11月23日） 14:05 */
export function formatDateTime(iso: string, lang: Lang): string {
  const jst = new Date(new Date(iso).getTime() + JST_OFFSET_MS);
  const date = `${jst.getUTCFullYear()}-${pad(jst.getUTCMonth() + 1)}-${pad(jst.getUTCDate())}`;
  return `${formatDateBoth(date, lang)} ${pad(jst.getUTCHours())}:${pad(jst.getUTCMinutes())}`;
}
