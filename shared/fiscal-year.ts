/**
 * Japanese fiscal years (年度): 令和n年度 runs from April of 2018+n to March of 2019+n.
 * Months are YYYY-MM in Japan time.
 */
const REIWA_OFFSET = 2018;

export function fiscalYearOfMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return (m >= 4 ? y : y - 1) - REIWA_OFFSET;
}

export function monthsOfFiscalYear(fy: number): string[] {
  const start = fy + REIWA_OFFSET;
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${i < 9 ? start : start + 1}-${String(m).padStart(2, '0')}`;
  });
}

/** The instants (UTC ISO) where the fiscal year starts and the next one starts, in Japan time. */
export function fiscalYearRange(fy: number): { from: string; to: string } {
  const y = fy + REIWA_OFFSET;
  return { from: new Date(`${y}-04-01T00:00:00+09:00`).toISOString(), to: new Date(`${y + 1}-04-01T00:00:00+09:00`).toISOString() };
}

export function japanMonth(iso: string | Date): string {
  const d = new Date(new Date(iso).getTime() + 9 * 3_600_000);
  return d.toISOString().slice(0, 7);
}

export function japanDay(iso: string | Date): string {
  return new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant (UTC ISO) a Japan day (YYYY-MM-DD) starts, and the instant the next day starts. */
export function japanDayRange(day: string): { from: string; to: string } {
  const from = new Date(`${day}T00:00:00+09:00`);
  return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() };
}

export function fiscalYearLabel(fy: number): { ja: string; en: string } {
  return { ja: `令和${fy === 1 ? '元' : fy}年度`, en: `FY${fy + REIWA_OFFSET} (Reiwa ${fy})` };
}
