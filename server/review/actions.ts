/**
 * Changes staff make to a submission: status transitions (one or many at once, all or none),
 * assignment, internal notes and messages to the resident. Each runs in one transaction with
 * its history event and its audit entry, and only inside the actor's department.
 */
import type { Knex } from 'knex';
import type { SubmissionStatus } from '../../shared/status.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { StaffUser } from '../auth/roles.ts';
import { dialectOf, isoTimestamp } from '../db/connection.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { Errors } from '../errors.ts';
import {
  CHANGING_COLUMNS,
  changeStatus,
  type ChangingSubmission,
  type StatusChangeResult,
  type StatusDeps,
} from '../workflow/status-change.ts';

export interface ActionContext {
  /** The attachment questions of a procedure version, to check the documents asked for with a 差戻し. */
  attachmentQuestions?: (procedureId: string, version: number) => string[];
  db: Knex;
  actor: StaffUser;
  address: string | null;
  notifier: Notifier;
  /** Each procedure version's workflow rules (one-step approval, 標準処理期間). */
  rules: StatusDeps['rules'];
}

type Locked = ChangingSubmission & { assignee_id: number | null };

async function lockInDepartment(trx: Knex.Transaction, actor: StaffUser, refs: string[]): Promise<Locked[]> {
  const query = trx('submissions')
    .select(...CHANGING_COLUMNS, 'assignee_id')
    .whereIn('reference_number', refs)
    .andWhere('department_id', actor.departmentId ?? '');
  if (dialectOf(trx) === 'postgres') query.forUpdate();
  const rows = (await query) as Locked[];
  if (rows.length !== new Set(refs).size) throw Errors.submissionNotFound();
  return rows;
}

async function addEvent(
  trx: Knex.Transaction,
  submissionId: number,
  actor: StaffUser,
  kind: string,
  fields: { text?: string | null; details?: unknown },
) {
  await trx('submission_events').insert({
    submission_id: submissionId,
    at: isoTimestamp(new Date()),
    actor_type: 'staff',
    actor_id: actor.id,
    kind,
    from_status: null,
    to_status: null,
    text: fields.text ?? null,
    details: fields.details === undefined ? null : JSON.stringify(fields.details),
  });
}

/** A trimmed text, or null when blank. */
function cleanText(text: string | undefined): string | null {
  return text !== undefined && text.trim() !== '' ? text.trim() : null;
}

export async function transition(
  ctx: ActionContext,
  refs: string[],
  to: SubmissionStatus,
  reason: string | undefined,
  documents: string[] = [],
): Promise<StatusChangeResult[]> {
  return ctx.db.transaction(async (trx) => {
    const rows = await lockInDepartment(trx, ctx.actor, refs);
    if (documents.length > 0) {
      if (to !== 'returned') throw Errors.documentsOnlyWithReturn();
      for (const r of rows) {
        const known = new Set(ctx.attachmentQuestions?.(r.procedure_id, Number(r.definition_version)) ?? []);
        if (documents.some((d) => !known.has(d))) throw Errors.documentsUnknown();
      }
    }
    return changeStatus(trx, { notifier: ctx.notifier, rules: ctx.rules }, rows, {
      to,
      reason: cleanText(reason),
      actor: { type: 'staff', id: ctx.actor.id, address: ctx.address },
      ...(documents.length > 0 ? { details: { requestedDocuments: [...new Set(documents)] } } : {}),
    });
  });
}

export async function assign(ctx: ActionContext, ref: string, assigneeId: number | null): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    const [row] = await lockInDepartment(trx, ctx.actor, [ref]);
    // A clerk assigns what nobody has yet (or gives up their own); only a supervisor reassigns.
    if (row!.assignee_id !== null && row!.assignee_id !== ctx.actor.id && ctx.actor.role !== 'supervisor')
      throw Errors.reassignNeedsSupervisor();
    if (assigneeId !== null) {
      const colleague = await trx('staff_users')
        .where({ id: assigneeId, department_id: ctx.actor.departmentId })
        .whereIn('role', ['clerk', 'supervisor'])
        .first();
      if (!colleague) throw Errors.badAssignee();
    }
    await trx('submissions')
      .where('id', row!.id)
      .update({ assignee_id: assigneeId, updated_at: isoTimestamp(new Date()) });
    await addEvent(trx, row!.id, ctx.actor, 'assignment', { details: { from: row!.assignee_id, to: assigneeId } });
    await appendAudit(trx, {
      actorType: 'staff',
      actorId: String(ctx.actor.id),
      action: 'submission.assign',
      target: ref,
      address: ctx.address,
      details: { from: row!.assignee_id, to: assigneeId },
    });
  });
}

/** kind 'note' is internal; kind 'message' is shown to the resident on the status page. */
export async function addText(ctx: ActionContext, ref: string, kind: 'note' | 'message', input: string | undefined): Promise<void> {
  const text = cleanText(input);
  if (!text) throw Errors.textRequired();
  await ctx.db.transaction(async (trx) => {
    const [row] = await lockInDepartment(trx, ctx.actor, [ref]);
    await addEvent(trx, row!.id, ctx.actor, kind, { text });
    await appendAudit(trx, {
      actorType: 'staff',
      actorId: String(ctx.actor.id),
      action: `submission.${kind}`,
      target: ref,
      address: ctx.address,
    });
  });
}
