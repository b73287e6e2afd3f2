import { describe, expect, it } from 'vitest';
import { deadlineView, dueOn, isClosedDay, isOverdue } from '../../../server/workflow/processing-period.ts';

/** An instant at a Japan wall-clock time. */
const jst = (local: string) => new Date(`${local}+09:00`).toISOString();

describe('the city office is closed', () => {
  it.each([
    ['2026-12-26', true, 'Saturday'],
    ['2026-12-27', true, 'Sunday'],
    ['2026-11-23', true, '勤労感謝の日'],
    ['2027-01-11', true, '成人の日 (second Monday of January)'],
    ['2026-12-29', true, '年末年始'],
    ['2027-01-03', true, '年末年始'],
    ['2026-12-28', false, 'the last open day of the year'],
    ['2027-01-04', false, 'the first open day of the year'],
    ['2026-11-24', false, 'an ordinary Tuesday'],
  ])('%s closed: %s (%s)', (day, closed) => {
    expect(isClosedDay(day)).toBe(closed);
  });
});

describe('the due date of a submission', () => {
  it('counts calendar days from the day after filing (初日不算入)', () => {
    expect(dueOn({ days: 30, count: 'calendar' }, jst('2026-12-01T10:00:00'), 'submitted', [])).toBe('2026-12-31');
    expect(dueOn({ days: 1, count: 'calendar' }, jst('2026-12-01T23:59:00'), 'submitted', [])).toBe('2026-12-02');
  });

  it('takes the filing day in Japan, whatever the server time zone', () => {
    // 00:30 on 1 December in Japan is still 30 November in UTC.
    expect(dueOn({ days: 1, count: 'calendar' }, '2026-11-30T15:30:00.000Z', 'submitted', [])).toBe('2026-12-02');
  });

  it('skips weekends and national holidays in working days', () => {
    // Friday 20 Nov: Sat, Sun and Monday 23 Nov (勤労感謝の日) are closed.
    expect(dueOn({ days: 3, count: 'working' }, jst('2026-11-20T09:00:00'), 'submitted', [])).toBe('2026-11-26');
  });

  it('skips the 年末年始 closure in working days', () => {
    // Friday 25 Dec: Monday 28 Dec is open, 29 Dec to 3 Jan closed, then 4 and 5 Jan.
    expect(dueOn({ days: 3, count: 'working' }, jst('2026-12-25T16:00:00'), 'submitted', [])).toBe('2027-01-05');
  });

  it('stops the clock while the submission waits for the resident (差戻し)', () => {
    const period = { days: 3, count: 'working' as const };
    const filed = jst('2026-12-01T10:00:00');
    expect(dueOn(period, filed, 'submitted', [])).toBe('2026-12-04');
    const returned = { at: jst('2026-12-02T09:00:00'), to: 'returned' };
    // While it waits there is no due date.
    expect(dueOn(period, filed, 'submitted', [returned])).toBeNull();
    // Sent again on Monday 7 Dec: 2-4 Dec are the resident's, 5-6 Dec closed; 7, 8, 9 Dec count.
    const resent = { at: jst('2026-12-07T10:00:00'), to: 'submitted' };
    expect(dueOn(period, filed, 'submitted', [returned, resent])).toBe('2026-12-09');
    // Deciding does not move the date.
    expect(dueOn(period, filed, 'submitted', [returned, resent, { at: jst('2026-12-08T11:00:00'), to: 'approved' }])).toBe('2026-12-09');
  });

  it('starts the clock when the fee is paid (支払待ち)', () => {
    const period = { days: 2, count: 'calendar' as const };
    const filed = jst('2026-12-01T10:00:00');
    expect(dueOn(period, filed, 'awaiting_payment', [])).toBeNull();
    // Paid on 3 Dec: 2 Dec is not counted, 3 and 4 Dec are.
    expect(dueOn(period, filed, 'awaiting_payment', [{ at: jst('2026-12-03T08:00:00'), to: 'submitted' }])).toBe('2026-12-04');
  });
});

describe('overdue', () => {
  it('is past the due date and undecided, never while the clock is stopped', () => {
    expect(isOverdue('2026-12-03', 'submitted', '2026-12-04')).toBe(true);
    expect(isOverdue('2026-12-03', 'in_review', '2026-12-04')).toBe(true);
    expect(isOverdue('2026-12-04', 'in_review', '2026-12-04')).toBe(false);
    expect(isOverdue('2026-12-03', 'approved', '2026-12-04')).toBe(false);
    expect(isOverdue('2026-12-03', 'returned', '2026-12-04')).toBe(false);
    expect(isOverdue(null, 'submitted', '2026-12-04')).toBe(false);
  });

  it('tells staff whether a decision met the period', () => {
    const period = { days: 3, count: 'working' as const };
    expect(deadlineView(undefined, { status: 'submitted', due_on: null, decided_on: null }, '2026-12-04')).toBeNull();
    expect(deadlineView(period, { status: 'approved', due_on: '2026-12-04', decided_on: '2026-12-04' }, '2026-12-10')).toMatchObject({
      metPeriod: true,
      overdue: false,
    });
    expect(deadlineView(period, { status: 'rejected', due_on: '2026-12-04', decided_on: '2026-12-07' }, '2026-12-10')).toMatchObject({
      metPeriod: false,
    });
    expect(deadlineView(period, { status: 'returned', due_on: null, decided_on: null }, '2026-12-10')).toMatchObject({
      paused: true,
      overdue: false,
      metPeriod: null,
    });
  });
});
