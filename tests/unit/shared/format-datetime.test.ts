import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../shared/format-datetime.ts';
import { formatDateBoth } from '../../../shared/japanese/wareki.ts';

const intl = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

describe('formatDateTime', () => {
  it('shows the instant in Japan time, across the new year in UTC', () => {
    expect(formatDateTime('2026-12-31T15:30:00.000Z', 'ja')).toBe('令和9年1月1日（2027年1月1日） 00:30');
    expect(formatDateTime('2026-12-31T14:59:00Z', 'ja')).toBe('令和8年12月31日（2026年12月31日） 23:59');
  });

  it('starts 令和 on 1 May 2019 in Japan time', () => {
    expect(formatDateTime('2019-04-30T15:00:00Z', 'ja')).toMatch(/^令和元年5月1日/u);
    expect(formatDateTime('2019-04-30T14:59:00Z', 'ja')).toMatch(/^平成31年4月30日/u);
  });

  it('agrees with the time-zone database for instants over a decade', () => {
    let t = Date.UTC(2019, 0, 1);
    for (let i = 0; i < 2000; i += 1) {
      t += 1_000_003_117; // about 11.6 days and an odd number of minutes
      const parts = intl.formatToParts(new Date(t));
      const get = (type: string) => parts.find((p) => p.type === type)!.value;
      const expected = `${formatDateBoth(`${get('year')}-${get('month')}-${get('day')}`, 'en')} ${get('hour')}:${get('minute')}`;
      expect(formatDateTime(new Date(t).toISOString(), 'en')).toBe(expected);
    }
  });
});
