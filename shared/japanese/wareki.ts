/**
 * 和暦 (Japanese era) dates. Residents enter an era and an era year (元 = 1); we store ISO dates
 * (YYYY-MM-DD). Boundaries follow Intl's ja-JP-u-ca-japanese calendar: 2019-05-01 = 令和元年,
 * 1989-01-08 = 平成元年, 1926-12-25 = 昭和元年, 1912-07-30 = 大正元年. 明治 is offered from
 * 1873-01-01, when Japan adopted the Gregorian calendar.
 */
import { nfkc } from './normalize.ts';

export type EraKey = 'reiwa' | 'heisei' | 'showa' | 'taisho' | 'meiji';

export interface Era {
  key: EraKey;
  ja: string;
  en: string;
  /** First day of the era (ISO). */
  start: string;
  /** Gregorian year of era year 1. */
  firstYear: number;
}

/** Newest first. */
export const ERAS: readonly Era[] = [
  { key: 'reiwa', ja: '令和', en: 'Reiwa', start: '2019-05-01', firstYear: 2019 },
  { key: 'heisei', ja: '平成', en: 'Heisei', start: '1989-01-08', firstYear: 1989 },
  { key: 'showa', ja: '昭和', en: 'Showa', start: '1926-12-25', firstYear: 1926 },
  { key: 'taisho', ja: '大正', en: 'Taisho', start: '1912-07-30', firstYear: 1912 },
  { key: 'meiji', ja: '明治', en: 'Meiji', start: '1873-01-01', firstYear: 1868 },
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

export function isValidIsoDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export interface WarekiDate {
  era: Era;
  year: number;
  month: number;
  day: number;
}

export function toWareki(iso: string): WarekiDate | null {
  if (!isValidIsoDate(iso)) return null;
  const era = ERAS.find((e) => iso >= e.start);
  if (!era) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { era, year: y - era.firstYear + 1, month: m, day: d };
}

/** Parses an era year as residents type it: "元", "1", "１", "元年", "7年". */
export function parseEraYear(text: string): number | null {
  const t = nfkc(text).trim().replace(/年$/u, '');
  if (t === '元') return 1;
  if (!/^\d{1,2}$/u.test(t)) return null;
  const n = Number(t);
  return n >= 1 ? n : null;
}

/** Converts an era date to ISO, or null when the date does not exist or lies outside the era. */
export function fromWareki(eraKey: EraKey, year: number, month: number, day: number): string | null {
  const index = ERAS.findIndex((e) => e.key === eraKey);
  const era = ERAS[index];
  if (!era || !Number.isInteger(year) || year < 1) return null;
  const iso = `${String(era.firstYear + year - 1).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isValidIsoDate(iso) || iso < era.start) return null;
  const next = ERAS[index - 1];
  if (next && iso >= next.start) return null;
  return iso;
}

/** "令和7年4月1日" (元年 for the first year). */
export function formatWareki(iso: string): string {
  const w = toWareki(iso);
  if (!w) return iso;
  return `${w.era.ja}${w.year === 1 ? '元' : w.year}年${w.month}月${w.day}日`;
}

/** "2025年4月1日" */
export function formatSeirekiJa(iso: string): string {
  if (!isValidIsoDate(iso)) return iso;
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Both calendars, as the check-your-answers page and receipts show a date. */
export function formatDateBoth(iso: string, lang: 'ja' | 'en'): string {
  const w = toWareki(iso);
  if (!w) return iso;
  if (lang === 'ja') return `${formatWareki(iso)}（${formatSeirekiJa(iso)}）`;
  const [y] = iso.split('-').map(Number);
  return `${w.day} ${EN_MONTHS[w.month - 1]} ${y} (${w.era.en} ${w.year})`;
}
