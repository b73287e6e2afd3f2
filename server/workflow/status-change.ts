/**
 * The one path for changing a submission's status, whoever changes it (staff, the resident, the
 * system when a fee is paid). Inside the caller's transaction, for each submission: the workflow
 * allows it (shared/workflow.ts), nothing is completed while its fee is owed, the row is updated,
 * the history event, the audit entry and the resident's mail are written. Either all of it
 * commits or none of it.
 */
import type { Knex } from 'knex';
import { SETTLED_PAYMENT_STATUSES, type PaymentStatus } from '../../shared/payments.ts';
import { statusLabel } from '../../shared/status.ts';
import { findTransition, type Actor } from '../../shared/workflow.ts';
import { japanToday } from '../../shared/forms/date-bounds.ts';
import type { LocalizedText } from '../../shared/forms/types.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors, type AppError } from '../errors.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { ProcedureRules } from '../procedures/catalog.ts';
import { DECIDED_STATUSES, dueOn } from './processing-period.ts';

export interface StatusActor {
  type: Actor;
  /** Staff member's id; null for residents and the system. */
  id: number | null;
  address: string | null;
}

/** The columns of a submission a status change needs (read, and locked, by the caller). */
export interface ChangingSubmission {
  id: number;
  reference_number: string;
  procedure_id: string;
  status: string;
  notify_email: string | null;
  fee_yen: number | null;
  payment_status: string | null;
  definition_version: number;
  submitted_at: unknown;
}

export const CHANGING_COLUMNS = [
  'id',
  'reference_number',
  'procedure_id',
  'status',
  'notify_email',
  'fee_yen',
  'payment_status',
  'definition_version',
  'submitted_at',
] as const;

/** What a status change depends on besides the transaction: the mail, and each procedure version's rules. */
export interface StatusDeps {
  notifier: Notifier;
  rules: (procedureId: string, version: number) => ProcedureRules;
}

export interface StatusChange {
  to: string;
  actor: StatusActor;
  /** Shown to the resident (差戻し, 却下); required where the workflow says so. */
  reason?: string | null;
  /** Audit action; default submission.transition. */
  auditAction?: string;
  /** The refusal when the workflow does not allow the change (default: INVALID_TRANSITION). */
  refuse?: (blocked: ChangingSubmission[]) => AppError;
  /** Other columns written with the status (a correction's answers). */
  update?: Record<string, unknown>;
  /** Where the mail goes when it differs from the stored address (a correction may change it). */
  email?: string | null;
  /** False when another mail already tells the resident (a payment confirmation). */
  notify?: boolean;
  /** Kept with the history event (the documents staff ask for with a 差戻し). */
  details?: Record<string, unknown>;
}

export interface StatusChangeResult {
  referenceNumber: string;
  status: string;
  statusLabel: LocalizedText;
}

const defaultRefusal = (to: string) => (blocked: ChangingSubmission[]) =>
  Errors.invalidTransition(
    blocked.map((r) => r.reference_number),
    [...new Set(blocked.map((r) => statusLabel(r.status).ja))],
    to,
  );

/** Changes every given submission, or none (throws before writing anything). */
export async function changeStatus(
  trx: Knex.Transaction,
  deps: StatusDeps,
  rows: ChangingSubmission[],
  change: StatusChange,
): Promise<StatusChangeResult[]> {
  const { to, actor } = change;
  const { notifier } = deps;
  const rulesOf = (r: ChangingSubmission) => deps.rules(r.procedure_id, Number(r.definition_version));
  const allowed = (r: ChangingSubmission) => findTransition(r.status, to, actor.type, rulesOf(r));
  const blocked = rows.filter((r) => !allowed(r));
  if (blocked.length > 0) throw (change.refuse ?? defaultRefusal(to))(blocked);
  const reason = change.reason ?? null;
  if (rows.some((r) => allowed(r)!.reason) && !reason) throw Errors.reasonRequired();
  // Money and status agree: nothing is completed while its fee is owed.
  const owing =
    to === 'approved'
      ? rows.filter((r) => r.fee_yen !== null && !SETTLED_PAYMENT_STATUSES.includes(r.payment_status as PaymentStatus))
      : [];
  if (owing.length > 0) throw Errors.paymentOutstanding(owing.map((r) => r.reference_number));

  const now = isoTimestamp(new Date());
  for (const r of rows) {
    await trx('submissions')
      .where('id', r.id)
      .update({ ...change.update, status: to, updated_at: now, ...(await periodColumns(trx, r, rulesOf(r), to, now)) });
    await trx('submission_events').insert({
      submission_id: r.id,
      at: now,
      actor_type: actor.type,
      actor_id: actor.id,
      kind: 'status',
      from_status: r.status,
      to_status: to,
      text: reason,
      details: change.details ? JSON.stringify(change.details) : null,
    });
    await appendAudit(trx, {
      actorType: actor.type,
      actorId: actor.id === null ? null : String(actor.id),
      action: change.auditAction ?? 'submission.transition',
      target: r.reference_number,
      address: actor.address,
      details: { from: r.status, to },
    });
    if (change.notify !== false) {
      await notifier.statusChanged(trx, {
        id: r.id,
        referenceNumber: r.reference_number,
        procedureId: r.procedure_id,
        email: change.email === undefined ? r.notify_email : change.email,
        status: to,
        reason,
      });
    }
  }
  return rows.map((r) => ({ referenceNumber: r.reference_number, status: to, statusLabel: statusLabel(to) }));
}

/**
 * The 標準処理期間 columns after this change: the due date from the submission's whole status
 * history (null while its clock is stopped), and the day it was decided.
 */
async function periodColumns(
  trx: Knex.Transaction,
  r: ChangingSubmission,
  rules: ProcedureRules,
  to: string,
  now: string,
): Promise<{ due_on?: string | null; decided_on?: string | null }> {
  if (!rules.processingPeriod) return {};
  const events = (await trx('submission_events')
    .select('at', 'from_status', 'to_status')
    .where({ submission_id: r.id, kind: 'status' })
    .orderBy('id')) as { at: unknown; from_status: string | null; to_status: string }[];
  const initial = events[0]?.from_status ?? r.status;
  const changes = [...events.map((e) => ({ at: isoTimestamp(e.at), to: e.to_status })), { at: now, to }];
  return {
    due_on: dueOn(rules.processingPeriod, isoTimestamp(r.submitted_at), initial, changes),
    decided_on: DECIDED_STATUSES.includes(to as never) ? japanToday(new Date(now)) : null,
  };
}
