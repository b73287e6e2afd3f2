/**
 * 標準処理期間 (行政手続法 art. 6): the day a submission is due to be decided, from the period its
 * procedure declares. Counting starts the day after filing (初日不算入, 民法 art. 140); a working-day
 * period skips Saturdays, Sundays, national holidays (@holiday-jp/holiday_jp, keyed by ISO date so
 * the process's time zone does not matter) and the city's 年末年始 closure (29 Dec to 3 Jan).
 * The clock stops while the submission waits for the resident (差戻し) or for its fee (支払待ち):
 * a day whose end finds it waiting is not counted (行政手続法 art. 7: time taken to correct is the
 * applicant's). While it waits there is no due date.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { japanToday, shiftDate } from '../../shared/forms/date-bounds.ts';
import type { ProcessingPeriod } from '../../shared/forms/types.ts';
import { FINAL_STATUSES } from '../../shared/workflow.ts';
import type { SubmissionStatus } from '../../shared/status.ts';
import type { StaffDeadline } from '../../shared/api-types.ts';

/** Statuses during which the period does not run. */
export const PAUSED_STATUSES: readonly string[] = ['returned', 'awaiting_payment'];

/** Statuses that decide a submission (the period is met when it is decided by its due date). */
export const DECIDED_STATUSES: readonly SubmissionStatus[] = ['approved', 'rejected'];

const holidays = holidayJp.holidays as Record<string, unknown>;

/** A day the city office is closed: weekend, national holiday or 年末年始. */
export function isClosedDay(iso: string): boolean {
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return true;
  if (Object.hasOwn(holidays, iso)) return true;
  const monthDay = iso.slice(5);
  return monthDay >= '12-29' || monthDay <= '01-03';
}

/** One change of status, as kept in the submission's history. */
export interface StatusStep {
  at: string;
  to: string;
}

/** At most this many days are walked (a period of 365 working days with long pauses still fits). */
const MAX_DAYS = 3_650;

/**
 * The due date (YYYY-MM-DD, Japan) of a submission filed at `filedAt` with `initial` status and
 * these later changes (oldest first), or null while its clock is stopped. Future days are taken as
 * running: the date moves only when the submission waits again.
 */
export function dueOn(period: ProcessingPeriod, filedAt: string, initial: string, changes: readonly StatusStep[]): string | null {
  const current = changes.at(-1)?.to ?? initial;
  if (PAUSED_STATUSES.includes(current)) return null;
  const dated = changes.map((c) => ({ day: japanToday(new Date(c.at)), to: c.to }));
  let status = initial;
  let next = 0;
  let counted = 0;
  let day = japanToday(new Date(filedAt));
  for (let i = 0; i < MAX_DAYS; i += 1) {
    day = shiftDate(day, { days: 1 });
    while (next < dated.length && dated[next]!.day <= day) status = dated[next++]!.to;
    if (PAUSED_STATUSES.includes(status)) continue;
    if (period.count === 'working' && isClosedDay(day)) continue;
    counted += 1;
    if (counted === period.days) return day;
  }
  return null;
}

/** Past its due date and still undecided (a stopped clock is never overdue). */
export function isOverdue(due: string | null, status: string, today: string): boolean {
  return due !== null && due < today && !FINAL_STATUSES.includes(status as SubmissionStatus) && !PAUSED_STATUSES.includes(status);
}

/** What staff see of a submission's period (null when its procedure declares none). */
export function deadlineView(
  period: ProcessingPeriod | undefined,
  row: { status: string; due_on: string | null; decided_on: string | null },
  today: string,
): StaffDeadline | null {
  if (!period) return null;
  const decided = row.decided_on !== null && DECIDED_STATUSES.includes(row.status as SubmissionStatus);
  return {
    period: { days: period.days, count: period.count },
    dueOn: row.due_on,
    paused: PAUSED_STATUSES.includes(row.status),
    overdue: isOverdue(row.due_on, row.status, today),
    decidedOn: row.decided_on,
    metPeriod: decided && row.due_on !== null ? row.decided_on! <= row.due_on : null,
  };
}
