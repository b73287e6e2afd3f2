/**
 * Open data (no personal data): the catalog of procedures and the monthly online / counter-assisted / counter / mail
 * figures, as CSV (UTF-8 with BOM) or JSON. Columns are documented in docs/open-data.md.
 */
import { excelCsv } from '../csv/excel.ts';
import type { CityCatalog } from '../procedures/city-catalog.ts';
import type { dashboardFigures } from './figures.ts';

type Figures = Awaited<ReturnType<typeof dashboardFigures>>;

export function catalogRows(city: CityCatalog) {
  return city.procedures.map((p) => ({
    procedure_id: p.id,
    name_ja: p.name.ja,
    name_en: p.name.en,
    department_id: p.department.id,
    department_ja: p.department.name.ja,
    national_priority_id: p.nationalPriorityId ?? '',
    high_need: p.highNeed,
    state: p.state,
    target_fiscal_year: p.targetFiscalYear ?? '',
  }));
}

export function monthlyRows(figures: Figures) {
  return figures.use.flatMap((u) =>
    u.months.map((m) => ({
      fiscal_year: figures.fiscalYear,
      month: m.month,
      procedure_id: u.id,
      name_ja: u.name.ja,
      department_id: u.department.id,
      online: m.online,
      counter_assisted: m.counterAssisted,
      counter: m.counter,
      mail: m.mail,
      online_rate: m.onlineRate ?? '',
    })),
  );
}

export function toCsv(rows: Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  return excelCsv([columns, ...rows.map((r) => columns.map((c) => String(r[c])))]);
}
