/**
 * CSV export of the filtered queue for Excel: UTF-8 with BOM, CRLF, one column per answer with its
 * Japanese label, prefixed with the step or list item it belongs to (「請求者（受給者）について／氏名」,
 * 「お子さん（1件目）／氏名」), a date as 和暦 text with a column beside it in ISO form (which
 * Excel sorts and filters as a date), the last status change and the reason of the last return,
 * 個人番号 masked, and cells that Excel would run as formulas neutralised.
 */
import type { Knex } from 'knex';
import { summarize } from '../../shared/forms/answers-summary.ts';
import { getByPointer, schemaAt } from '../../shared/forms/schema-walk.ts';
import { attachmentMetaOf } from '../attachments/service.ts';
import type { FieldError } from '../../shared/forms/messages.ts';
import { statusLabel } from '../../shared/status.ts';
import { japanDayRange } from '../../shared/fiscal-year.ts';
import { isoTimestamp, jsonColumn } from '../db/connection.ts';
import { excelCsv, japanTime } from '../csv/excel.ts';
import { Errors } from '../errors.ts';
import type { Catalog } from '../procedures/catalog.ts';
import type { QueueFilters } from './queue.ts';

export const MAX_EXPORT_ROWS = 10_000;

export async function exportCsv(
  db: Knex,
  catalog: Catalog,
  departmentId: string,
  f: QueueFilters,
): Promise<{ csv: string; rows: number; procedureId: string }> {
  const procedures = catalog
    .published()
    .filter((c) => c.definition.department.id === departmentId)
    .map((c) => c.definition.id);
  const procedureId = f.procedureId ?? (procedures.length === 1 ? procedures[0] : undefined);
  if (!procedureId) {
    const error: FieldError = {
      pointer: '/procedure',
      keyword: 'required',
      message: {
        ja: '書き出す手続を選んでください（手続ごとに項目が異なるため）。',
        en: 'Choose the procedure to export (each has its own columns).',
      },
    };
    throw Errors.validation([error]);
  }
  const query = db('submissions as s')
    .leftJoin('staff_users as u', 'u.id', 's.assignee_id')
    .select(
      's.id',
      's.reference_number',
      's.procedure_id',
      's.definition_version',
      's.status',
      's.submitted_at',
      's.answers',
      'u.display_name as assignee_name',
    )
    .where({ 's.department_id': departmentId, 's.procedure_id': procedureId });
  if (f.status) query.where('s.status', f.status);
  if (f.from) query.where('s.submitted_at', '>=', japanDayRange(f.from).from);
  if (f.to) query.where('s.submitted_at', '<', japanDayRange(f.to).to);
  const rows = (await query
    .orderBy([
      { column: 's.submitted_at', order: 'asc' },
      { column: 's.id', order: 'asc' },
    ])
    .limit(MAX_EXPORT_ROWS)) as Record<string, unknown>[];

  // Attachment answers hold ids: the CSV shows each file's name and size instead.
  const files = await attachmentMetaOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  const history = await statusHistory(db, departmentId, procedureId);

  // pointer -> headers, in order of first appearance: short (the field, inside its list item if
  // any) unless two columns would read the same, then the full path from the step.
  const columns = new Map<string, { short: string; full: string; date: boolean }>();
  const records = rows.map((r) => {
    const version = catalog.version(String(r.procedure_id), Number(r.definition_version))!;
    const cells = new Map<string, string>();
    const isoDates = new Map<string, string>();
    const groups: string[] = [];
    const answers = jsonColumn(r.answers);
    for (const row of summarize(version.definition.schema, answers, [], { attachments: files })) {
      groups.length = row.depth;
      if (row.kind === 'group') {
        groups[row.depth] = row.label.ja;
        continue;
      }
      if (!columns.has(row.pointer)) {
        // Prefixed with what it belongs to: the step, or the list item inside it.
        const inner = row.depth >= 1 ? groups[row.depth - 1] : undefined;
        columns.set(row.pointer, {
          short: [inner, row.label.ja].filter(Boolean).join('／'),
          full: [...groups.filter(Boolean), row.label.ja].join('／'),
          date: schemaAt(version.definition.schema, row.pointer)?.format === 'date',
        });
      }
      cells.set(row.pointer, row.value.ja === '（未入力）' ? '' : row.value.ja);
      const value = getByPointer(answers, row.pointer);
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(value)) isoDates.set(row.pointer, value);
    }
    return { r, cells, isoDates };
  });
  const shorts = [...columns.values()].map((c) => c.short);
  const header = [
    '受付番号',
    '手続',
    '状態',
    '申請日時',
    '担当者',
    '最終状態変更日時',
    '差戻し理由',
    ...[...columns.values()].flatMap((c) => {
      const name = shorts.filter((x) => x === c.short).length > 1 ? c.full : c.short;
      return c.date ? [name, `${name}（日付）`] : [name];
    }),
  ];
  const title = catalog.current(procedureId)?.definition.title.ja ?? procedureId;
  const body = records.map(({ r, cells, isoDates }) => {
    const events = history.get(Number(r.id));
    return [
      String(r.reference_number),
      title,
      statusLabel(String(r.status)).ja,
      japanTime(isoTimestamp(r.submitted_at)),
      String(r.assignee_name ?? ''),
      events?.lastChange ? japanTime(events.lastChange) : '',
      events?.returnReason ?? '',
      ...[...columns.entries()].flatMap(([p, c]) => (c.date ? [cells.get(p) ?? '', isoDates.get(p) ?? ''] : [cells.get(p) ?? ''])),
    ];
  });
  const csv = excelCsv([header, ...body]);
  return { csv, rows: rows.length, procedureId };
}

/** Per submission of the procedure: when its status last changed, and the reason of its last return. */
async function statusHistory(
  db: Knex,
  departmentId: string,
  procedureId: string,
): Promise<Map<number, { lastChange: string | null; returnReason: string | null }>> {
  const events = (await db('submission_events as e')
    .join('submissions as s', 's.id', 'e.submission_id')
    .select('e.submission_id', 'e.to_status', 'e.at', 'e.text')
    .where({ 's.department_id': departmentId, 's.procedure_id': procedureId, 'e.kind': 'status' })
    .orderBy([
      { column: 'e.at', order: 'asc' },
      { column: 'e.id', order: 'asc' },
    ])) as { submission_id: number; to_status: string; at: unknown; text: string | null }[];
  const history = new Map<number, { lastChange: string | null; returnReason: string | null }>();
  for (const e of events) {
    const id = Number(e.submission_id);
    const h = history.get(id) ?? { lastChange: null, returnReason: null };
    h.lastChange = isoTimestamp(e.at);
    if (e.to_status === 'returned') h.returnReason = e.text;
    history.set(id, h);
  }
  return history;
}
