/**
 * Counter and mail filings per procedure and month, entered by departments (a form, or a CSV of
 * procedure_id,month,counter,mail). A dx officer may enter any procedure; a clerk or supervisor
 * only their department's. A CSV is applied whole or not at all.
 */
import { parse } from 'csv-parse/sync';
import type { Knex } from 'knex';
import type { FieldError } from '../../shared/forms/messages.ts';
import { japanMonth } from '../../shared/fiscal-year.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { StaffUser } from '../auth/roles.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import type { CityCatalog } from '../procedures/city-catalog.ts';

export interface CountEntry {
  procedureId: string;
  month: string;
  counter: number;
  mail: number;
}

const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 1_000_000;

/** Problems with one entry, with pointers under `prefix` (e.g. /rows/3). */
export function entryProblems(
  city: CityCatalog,
  user: StaffUser,
  e: Partial<Record<keyof CountEntry, unknown>>,
  prefix = '',
): FieldError[] {
  const problems: FieldError[] = [];
  const f = (field: string, ja: string, en: string) =>
    problems.push({ pointer: `${prefix}/${field}`, keyword: 'format', message: { ja, en } });
  const procedure = city.procedures.find((p) => p.id === e.procedureId);
  if (!procedure) f('procedureId', '手続を選んでください。', 'Choose a procedure.');
  else if (user.role !== 'dx' && procedure.department.id !== user.departmentId)
    f('procedureId', '自分の課の手続だけ入力できます。', 'You can enter figures for your own department only.');
  if (typeof e.month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/u.test(e.month))
    f('month', '年月は YYYY-MM の形式で入力してください。', 'Enter the month as YYYY-MM.');
  else if (e.month > japanMonth(new Date())) f('month', 'まだ来ていない月は入力できません。', 'The month has not come yet.');
  if (!isCount(e.counter))
    f('counter', '窓口の件数は0以上の整数で入力してください。', 'Counter filings must be a whole number, 0 or more.');
  if (!isCount(e.mail)) f('mail', '郵送の件数は0以上の整数で入力してください。', 'Mail filings must be a whole number, 0 or more.');
  return problems;
}

export async function saveCounts(db: Knex, user: StaffUser, entries: CountEntry[], address: string | null): Promise<void> {
  const now = isoTimestamp(new Date());
  await db.transaction(async (trx) => {
    await trx('counter_counts')
      .insert(
        entries.map((e) => ({
          procedure_id: e.procedureId,
          month: e.month,
          counter: e.counter,
          mail: e.mail,
          entered_by: user.id,
          entered_at: now,
        })),
      )
      .onConflict(['procedure_id', 'month'])
      .merge(['counter', 'mail', 'entered_by', 'entered_at']);
    await appendAudit(trx, {
      actorType: 'staff',
      actorId: String(user.id),
      action: 'dashboard.counter_counts',
      address,
      details: { rows: entries.length },
    });
  });
}

/** Parses an uploaded CSV (header procedure_id,month,counter,mail; UTF-8, BOM allowed). */
export function parseCountsCsv(city: CityCatalog, user: StaffUser, text: string): CountEntry[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (error) {
    throw Errors.validation([
      {
        pointer: '',
        keyword: 'csv',
        message: {
          ja: `CSVを読み取れませんでした：${(error as Error).message}`,
          en: `The CSV could not be read: ${(error as Error).message}`,
        },
      },
    ]);
  }
  const entries = records.map((r) => ({
    procedureId: r.procedure_id ?? '',
    month: r.month ?? '',
    counter: Number(r.counter),
    mail: Number(r.mail),
  }));
  // Line 1 is the header, so data row i is on line i + 2.
  const problems = entries.flatMap((e, i) => entryProblems(city, user, e, `/line/${i + 2}`));
  if (entries.length === 0)
    problems.push({ pointer: '', keyword: 'csv', message: { ja: 'CSVにデータの行がありません。', en: 'The CSV has no data rows.' } });
  if (problems.length > 0) throw Errors.validation(problems);
  return entries;
}
