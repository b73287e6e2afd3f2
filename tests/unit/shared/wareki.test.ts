import { describe, expect, it } from 'vitest';
import { formatDateBoth, formatWareki, fromWareki, parseEraYear, toWareki } from '../../../shared/japanese/wareki.ts';

/** Era name and year as Node's Intl Japanese calendar gives them (元 for year 1). */
function intlEra(iso: string): string {
  const parts = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'UTC' }).formatToParts(
    new Date(`${iso}T00:00:00Z`),
  );
  return `${parts.find((p) => p.type === 'era')?.value}${parts.find((p) => p.type === 'year')?.value}`;
}

describe('和暦 conversion', () => {
  it.each([
    '2019-04-30',
    '2019-05-01',
    '1989-01-07',
    '1989-01-08',
    '1926-12-24',
    '1926-12-25',
    '1912-07-29',
    '1912-07-30',
    '2026-11-23',
    '1995-06-15',
  ])('agrees with Intl at %s', (iso) => {
    const w = toWareki(iso)!;
    expect(`${w.era.ja}${w.year === 1 ? '元' : w.year}`).toBe(intlEra(iso));
  });

  it('formats the first year of an era as 元年', () => {
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
  });

  it('shows both calendars', () => {
    expect(formatDateBoth('2025-04-01', 'ja')).toBe('令和7年4月1日（2025年4月1日）');
    expect(formatDateBoth('2025-04-01', 'en')).toBe('1 April 2025 (Reiwa 7)');
  });

  it('converts era dates to ISO and rejects dates outside the era or that do not exist', () => {
    expect(fromWareki('reiwa', 1, 5, 1)).toBe('2019-05-01');
    expect(fromWareki('heisei', 31, 4, 30)).toBe('2019-04-30');
    expect(fromWareki('heisei', 31, 5, 1)).toBeNull(); // already 令和
    expect(fromWareki('reiwa', 1, 4, 30)).toBeNull(); // still 平成
    expect(fromWareki('showa', 64, 1, 7)).toBe('1989-01-07');
    expect(fromWareki('showa', 64, 1, 8)).toBeNull();
    expect(fromWareki('reiwa', 7, 2, 29)).toBeNull(); // 2025 is not a leap year
    expect(fromWareki('reiwa', 6, 2, 29)).toBe('2024-02-29');
  });

  it('accepts 元, full-width digits and 年 in the era year', () => {
    expect(parseEraYear('元')).toBe(1);
    expect(parseEraYear('元年')).toBe(1);
    expect(parseEraYear('７')).toBe(7);
    expect(parseEraYear('12年')).toBe(12);
    expect(parseEraYear('0')).toBeNull();
    expect(parseEraYear('abc')).toBeNull();
  });
});
