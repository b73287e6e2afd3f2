/**
 * The DX office's figures for one fiscal year, computed from the platform's own data: catalog
 * coverage, online vs counter-assisted vs counter/mail use per procedure and month, review work, and
 * the form funnel. Counter-assisted filings (書かない窓口: a clerk filed on the platform with the
 * resident at the counter) are counted from the platform's own data, as their own channel: they are
 * digital but not online (the resident came to City Hall), so the online rate counts them among all
 * filings and not among the online ones.
 */
import type { Knex } from 'knex';
import type { DashboardFigures, DashboardWork } from '../../shared/api-types.ts';
import { japanToday } from '../../shared/forms/date-bounds.ts';
import type { SubmissionStatus } from '../../shared/status.ts';
import { DECIDED_STATUSES, isOverdue } from '../workflow/processing-period.ts';
import { fiscalYearOfMonth, fiscalYearRange, japanMonth, monthsOfFiscalYear } from '../../shared/fiscal-year.ts';
import type { LocalizedText } from '../../shared/forms/types.ts';
import { dialectOf, isoTimestamp } from '../db/connection.ts';
import type { CityCatalog, CityProcedure } from '../procedures/city-catalog.ts';

export interface DashboardQuery {
  fiscalYear: number;
  departmentId?: string;
}

/** SQL for the Japan-time month (YYYY-MM) of a timestamp column. */
function japanMonthSql(db: Knex, column: string): string {
  return dialectOf(db) === 'postgres'
    ? `to_char(${column} at time zone 'Asia/Tokyo', 'YYYY-MM')`
    : `strftime('%Y-%m', ${column}, '+9 hours')`;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function missing(p: CityProcedure) {
  return { id: p.id, name: p.name, department: p.department, state: p.state, targetFiscalYear: p.targetFiscalYear ?? null };
}

export async function dashboardFigures(db: Knex, city: CityCatalog, q: DashboardQuery): Promise<DashboardFigures> {
  const procedures = city.procedures.filter((p) => !q.departmentId || p.department.id === q.departmentId);
  const online = procedures.filter((p) => p.state === 'online');
  const priority = procedures.filter((p) => p.nationalPriorityId !== null);
  const highNeed = procedures.filter((p) => p.nationalPriorityId === null && p.highNeed);
  const { from, to } = fiscalYearRange(q.fiscalYear);
  const months = monthsOfFiscalYear(q.fiscalYear);
  const byDefinition = new Map(online.map((p) => [p.definitionId!, p]));
  const definitionIds = [...byDefinition.keys()];

  const onlineRows = (await db('submissions')
    .select('procedure_id', 'channel', db.raw(`${japanMonthSql(db, 'submitted_at')} as month`))
    .count({ n: '*' })
    .whereIn('procedure_id', definitionIds)
    // Waiting for an at-submission fee: not filed until paid.
    .whereNot('status', 'awaiting_payment')
    .andWhere('submitted_at', '>=', from)
    .andWhere('submitted_at', '<', to)
    .groupBy('procedure_id', 'channel', 'month')) as { procedure_id: string; channel: string; month: string; n: number | string }[];
  const filedIn = (definitionId: string | null | undefined, month: string, channel: string) =>
    Number(onlineRows.find((r) => r.procedure_id === definitionId && r.month === month && r.channel === channel)?.n ?? 0);
  const counterRows = (await db('counter_counts')
    .select('procedure_id', 'month', 'counter', 'mail')
    .whereIn('month', months)
    .whereIn(
      'procedure_id',
      procedures.map((p) => p.id),
    )) as {
    procedure_id: string;
    month: string;
    counter: number;
    mail: number;
  }[];

  const use = procedures
    .map((p) => {
      const perMonth = months.map((month) => {
        const n = filedIn(p.definitionId, month, 'online');
        const assisted = filedIn(p.definitionId, month, 'counter-assisted');
        const c = counterRows.find((r) => r.procedure_id === p.id && r.month === month);
        const counter = c?.counter ?? 0;
        const mail = c?.mail ?? 0;
        return {
          month,
          online: n,
          counterAssisted: assisted,
          counter,
          mail,
          entered: c !== undefined,
          // Without the month's counter and mail counts, the share filed online is not known.
          onlineRate: c === undefined ? null : rate(n, n + assisted + counter + mail),
        };
      });
      const total = perMonth.reduce(
        (a, m) => ({
          online: a.online + m.online,
          counterAssisted: a.counterAssisted + m.counterAssisted,
          counter: a.counter + m.counter,
          mail: a.mail + m.mail,
        }),
        { online: 0, counterAssisted: 0, counter: 0, mail: 0 },
      );
      // The year's rate counts the months whose counter and mail counts were entered, and says how many.
      const counted = perMonth.filter((m) => m.entered);
      const countedOnline = counted.reduce((n, m) => n + m.online, 0);
      const countedAll = counted.reduce((n, m) => n + m.online + m.counterAssisted + m.counter + m.mail, 0);
      return {
        id: p.id,
        name: p.name,
        department: p.department,
        state: p.state,
        months: perMonth,
        total: { ...total, onlineRate: rate(countedOnline, countedAll), monthsCounted: counted.length },
      };
    })
    .filter((u) => u.state === 'online' || u.months.some((m) => m.entered));

  // Review work on submissions filed in the year.
  const submissions = (await db('submissions')
    .select('id', 'procedure_id', 'submitted_at', 'channel', 'status', 'due_on', 'decided_on')
    .whereIn('procedure_id', definitionIds)
    .whereNot('status', 'awaiting_payment')
    .andWhere('submitted_at', '>=', from)
    .andWhere('submitted_at', '<', to)) as {
    id: number;
    procedure_id: string;
    submitted_at: unknown;
    channel: string;
    status: string;
    due_on: string | null;
    decided_on: string | null;
  }[];
  const today = japanToday(new Date());
  const events = (await db('submission_events as e')
    .join('submissions as s', 's.id', 'e.submission_id')
    .select('e.submission_id', 'e.to_status', 'e.at')
    .where('e.kind', 'status')
    .whereIn('e.to_status', ['approved', 'rejected', 'returned'])
    .whereIn('s.procedure_id', definitionIds)
    .andWhere('s.submitted_at', '>=', from)
    .andWhere('s.submitted_at', '<', to)) as { submission_id: number; to_status: string; at: unknown }[];
  // Fees received in the year, by how they were paid (Stripe = cashless, counter = cash at City Hall).
  const paidBy = (await db('payments as p')
    .join('submissions as s', 's.id', 'p.submission_id')
    .select('s.procedure_id', 'p.provider')
    .count({ n: '*' })
    .where('p.status', 'paid')
    .whereIn('s.procedure_id', definitionIds)
    .andWhere('p.paid_at', '>=', from)
    .andWhere('p.paid_at', '<', to)
    .groupBy('s.procedure_id', 'p.provider')) as { procedure_id: string; provider: string; n: number | string }[];
  const starts = (await db('form_starts')
    .select('procedure_id')
    .sum({ n: 'n' })
    .whereIn('procedure_id', definitionIds)
    .andWhere('day', '>=', `${months[0]}-01`)
    .andWhere('day', '<=', `${months[11]}-31`)
    .groupBy('procedure_id')) as {
    procedure_id: string;
    n: number | string;
  }[];

  const byProcedure = new Map<string, typeof submissions>();
  for (const s of submissions) {
    const list = byProcedure.get(s.procedure_id) ?? [];
    list.push(s);
    byProcedure.set(s.procedure_id, list);
  }
  const cashless = (definitionId: string): number | null => {
    const rows = paidBy.filter((r) => r.procedure_id === definitionId);
    const all = rows.reduce((n, r) => n + Number(r.n), 0);
    return all === 0
      ? null
      : rate(
          rows.filter((r) => r.provider === 'stripe').reduce((n, r) => n + Number(r.n), 0),
          all,
        );
  };
  const work = online.map((p) => {
    const mine = byProcedure.get(p.definitionId!) ?? [];
    const ids = new Set(mine.map((s) => Number(s.id)));
    const submittedAt = new Map(mine.map((s) => [Number(s.id), new Date(isoTimestamp(s.submitted_at)).getTime()]));
    const decisions = new Map<number, number>();
    const returned = new Set<number>();
    for (const e of events) {
      const id = Number(e.submission_id);
      if (!ids.has(id)) continue;
      if (e.to_status === 'returned') returned.add(id);
      else if (!decisions.has(id)) decisions.set(id, new Date(isoTimestamp(e.at)).getTime() - submittedAt.get(id)!);
    }
    const days = [...decisions.values()].map((ms) => Math.round((ms / 86_400_000) * 10) / 10);
    return {
      id: p.id,
      name: p.name,
      submissions: mine.length,
      decided: decisions.size,
      medianDaysToDecision: median(days),
      returnedShare: rate(returned.size, mine.length),
      // Of the fees paid in the year, the share paid online; null when no fee was paid (or none is charged).
      cashlessShare: cashless(p.definitionId!),
      ...withinPeriod(mine, today),
    };
  });

  const funnel = online.map((p) => {
    const started = Number(starts.find((s) => s.procedure_id === p.definitionId)?.n ?? 0);
    // Forms started by residents against what residents filed online (a clerk's filing starts no form).
    const submitted = (byProcedure.get(p.definitionId!) ?? []).filter((s) => s.channel === 'online').length;
    // Starts are counted once per browser and day, so a resident who started on another device or
    // before the year files without a start here: the rate is capped at 100 %, never read as 150 %.
    return { id: p.id, name: p.name, started, submitted, completionRate: rate(Math.min(submitted, started), started) };
  });

  const departments = [
    ...new Map(city.procedures.map((p) => [p.department.id, p.department.name] as [string, LocalizedText])).entries(),
  ].map(([id, name]) => ({ id, name }));
  const priorityOnline = priority.filter((p) => p.state === 'online').length;
  const highNeedOnline = highNeed.filter((p) => p.state === 'online').length;
  return {
    fiscalYear: q.fiscalYear,
    departmentId: q.departmentId ?? null,
    departments,
    months,
    coverage: {
      priority: {
        total: priority.length,
        online: priorityOnline,
        share: rate(priorityOnline, priority.length),
        gap: priority.length - priorityOnline,
        goalFiscalYear: city.goals.allPriorityOnlineByFiscalYear,
        // The plan's year has passed with procedures still missing.
        overdue: priorityOnline < priority.length && fiscalYearOfMonth(japanMonth(new Date())) > city.goals.allPriorityOnlineByFiscalYear,
        missing: priority.filter((p) => p.state !== 'online').map(missing),
      },
      highNeed: {
        total: highNeed.length,
        online: highNeedOnline,
        share: rate(highNeedOnline, highNeed.length),
        goalShare: city.goals.highNeedOnlineShare,
        // How many more procedures reach the goal share.
        gap: Math.max(0, Math.ceil(city.goals.highNeedOnlineShare * highNeed.length - 1e-9) - highNeedOnline),
        missing: highNeed.filter((p) => p.state !== 'online').map(missing),
      },
    },
    use,
    work,
    funnel,
  };
}

/**
 * 標準処理期間: of the submissions decided with a due date, the share decided by it (null when
 * none was: no period declared, or nothing decided yet), and how many are past due undecided.
 */
function withinPeriod(
  rows: { status: string; due_on: string | null; decided_on: string | null }[],
  today: string,
): Pick<DashboardWork, 'withinPeriodShare' | 'overdue'> {
  const decided = rows.filter((r) => r.due_on !== null && r.decided_on !== null && DECIDED_STATUSES.includes(r.status as SubmissionStatus));
  return {
    withinPeriodShare: rate(decided.filter((r) => r.decided_on! <= r.due_on!).length, decided.length),
    overdue: rows.filter((r) => isOverdue(r.due_on, r.status, today)).length,
  };
}
