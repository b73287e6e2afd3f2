/**
 * The department's queue: filters, reference-number search, newest/oldest first, keyset
 * pagination on (submitted_at, id) so page 1000 costs what page 1 costs, and per-status counts
 * read from the trigger-maintained submission_counts table.
 */
import type { Knex } from 'knex';
import { STATUSES, statusLabel, type SubmissionStatus } from '../../shared/status.ts';
import { paymentStatusLabel } from '../../shared/payments.ts';
import { japanDayRange } from '../../shared/fiscal-year.ts';
import { prefillPointers } from '../../shared/identity.ts';
import { getByPointer, propertySchemas, toPointer } from '../../shared/forms/schema-walk.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';
import { isoTimestamp, jsonColumn } from '../db/connection.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { japanToday } from '../../shared/forms/date-bounds.ts';
import { FINAL_STATUSES } from '../../shared/workflow.ts';
import { isOverdue, PAUSED_STATUSES } from '../workflow/processing-period.ts';

export const PAGE_SIZE = 50;

export interface QueueFilters {
  procedureId?: string;
  status?: SubmissionStatus;
  assignee?: 'me' | 'none' | number;
  from?: string;
  to?: string;
  q?: string;
  channel?: 'online' | 'counter-assisted';
  /** Past the 標準処理期間 due date and still undecided. */
  overdue?: boolean;
  sort: 'newest' | 'oldest';
  cursor?: { at: string; id: number };
}

export interface QueueItem {
  referenceNumber: string;
  procedureId: string;
  status: string;
  statusLabel: { ja: string; en: string };
  submittedAt: string;
  updatedAt: string;
  assignee: { id: number; displayName: string } | null;
  /** Payment status when the submission owes a fee (null: no fee or not set yet). */
  paymentStatus: string | null;
  paymentStatusLabel: { ja: string; en: string } | null;
  /** online, or counter-assisted (filed by a clerk at the counter: 窓口代行). */
  channel: string;
  /** The applicant's name as filed (the queue is shown to the department's clerks and supervisors only). */
  applicantName: string | null;
  /** Sent again by the resident after a 差戻し. */
  resubmitted: boolean;
  /** 標準処理期間: the day a decision is due (null: no period, or the clock waits for the resident or the fee). */
  dueOn: string | null;
  overdue: boolean;
}

const namePointers = new WeakMap<SchemaNode, string | null>();

/** Where a form keeps the applicant's name: the answer filled from a verified name, else a step's 氏名 question ("name"). */
export function applicantNamePointer(schema: SchemaNode): string | null {
  const known = namePointers.get(schema);
  if (known !== undefined) return known;
  const verified = prefillPointers(schema).find((p) => p.attribute === 'name')?.pointer;
  const typed = propertySchemas(schema)
    .map(([step, node]) => (propertySchemas(node).some(([key]) => key === 'name') ? toPointer([step, 'name']) : null))
    .find((p) => p !== null);
  const pointer = verified ?? typed ?? null;
  namePointers.set(schema, pointer);
  return pointer;
}

/** The reference number typed in the search box, as stored (XXX-XXX-XXX) or as a prefix. */
function referencePattern(q: string): string {
  return q.match(/.{1,3}/gu)!.join('-');
}

export async function listQueue(db: Knex, catalog: Catalog, departmentId: string, userId: number, f: QueueFilters) {
  const query = db('submissions as s')
    .leftJoin('staff_users as u', 'u.id', 's.assignee_id')
    .select(
      's.id',
      's.reference_number',
      's.procedure_id',
      's.status',
      's.submitted_at',
      's.updated_at',
      's.assignee_id',
      'u.display_name as assignee_name',
      's.payment_status',
      's.channel',
      's.definition_version',
      's.answers',
      's.due_on',
      db.raw("exists (select 1 from submission_events e where e.submission_id = s.id and e.kind = 'correction') as resubmitted"),
    )
    .where('s.department_id', departmentId);
  if (f.channel) query.where('s.channel', f.channel);
  if (f.procedureId) query.where('s.procedure_id', f.procedureId);
  if (f.status) query.where('s.status', f.status);
  if (f.assignee === 'me') query.where('s.assignee_id', userId);
  else if (f.assignee === 'none') query.whereNull('s.assignee_id');
  else if (typeof f.assignee === 'number') query.where('s.assignee_id', f.assignee);
  // Dates are Japan days: from 00:00 JST of `from` to 24:00 JST of `to`.
  if (f.from) query.where('s.submitted_at', '>=', japanDayRange(f.from).from);
  if (f.to) query.where('s.submitted_at', '<', japanDayRange(f.to).to);
  const today = japanToday(new Date());
  if (f.overdue) query.where('s.due_on', '<', today).whereNotIn('s.status', [...FINAL_STATUSES, ...PAUSED_STATUSES]);
  if (f.q) query.where('s.reference_number', 'like', `${referencePattern(f.q)}%`);
  const dir = f.sort === 'oldest' ? 'asc' : 'desc';
  if (f.cursor) {
    const op = dir === 'desc' ? '<' : '>';
    const at = isoTimestamp(f.cursor.at);
    // A row-value comparison is an index range on (department_id, submitted_at, id) in both databases.
    query.whereRaw(`(s.submitted_at, s.id) ${op} (?, ?)`, [at, f.cursor.id]);
  }
  const rows = (await query
    .orderBy([
      { column: 's.submitted_at', order: dir },
      { column: 's.id', order: dir },
    ])
    .limit(PAGE_SIZE + 1)) as {
    id: number | string;
    reference_number: string;
    procedure_id: string;
    status: string;
    submitted_at: unknown;
    updated_at: unknown;
    assignee_id: number | null;
    assignee_name: string | null;
    payment_status: string | null;
    channel: string;
    definition_version: number;
    answers: unknown;
    resubmitted: boolean | number;
    due_on: string | null;
  }[];
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  const items: QueueItem[] = page.map((r) => ({
    referenceNumber: r.reference_number,
    procedureId: r.procedure_id,
    status: r.status,
    statusLabel: statusLabel(r.status),
    submittedAt: isoTimestamp(r.submitted_at),
    updatedAt: isoTimestamp(r.updated_at),
    assignee: r.assignee_id ? { id: r.assignee_id, displayName: r.assignee_name ?? '' } : null,
    paymentStatus: r.payment_status ?? null,
    paymentStatusLabel: r.payment_status ? paymentStatusLabel(r.payment_status) : null,
    channel: r.channel,
    applicantName: applicantName(catalog, r.procedure_id, Number(r.definition_version), r.answers),
    resubmitted: Boolean(r.resubmitted),
    dueOn: r.due_on ?? null,
    overdue: isOverdue(r.due_on ?? null, r.status, today),
  }));
  const nextCursor =
    rows.length > PAGE_SIZE && last
      ? Buffer.from(JSON.stringify([isoTimestamp(last.submitted_at), Number(last.id)])).toString('base64url')
      : null;
  return { items, nextCursor };
}

/** Submissions per status in the department (optionally one procedure). */
export async function statusCounts(db: Knex, departmentId: string, procedureId?: string): Promise<Record<string, number>> {
  const query = db('submission_counts').select('status').sum({ n: 'n' }).where('department_id', departmentId).groupBy('status');
  if (procedureId) query.where('procedure_id', procedureId);
  const rows = (await query) as { status: string; n: number | string }[];
  const counts: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

function applicantName(catalog: Catalog, procedureId: string, version: number, answers: unknown): string | null {
  const schema = catalog.version(procedureId, version)?.definition.schema;
  const pointer = schema ? applicantNamePointer(schema) : null;
  const name = pointer ? getByPointer(jsonColumn(answers), pointer) : undefined;
  return typeof name === 'string' ? name : null;
}
