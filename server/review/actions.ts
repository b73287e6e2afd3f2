/**
 * Changes staff make to a submission: status transitions (one or many at once, all or none),
 * assignment, internal notes and messages to the resident. Each runs in one transaction with
 * its history event and its audit entry, and only inside the actor's department.
 */
import type { Knex } from 'knex';
import { findTransition } from '../../shared/workflow.ts';
import { statusLabel } from '../../shared/status.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { StaffUser } from '../auth/roles.ts';
import { dialectOf, isoTimestamp } from '../db/connection.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { ReviewErrors } from './errors.ts';
import { PaymentErrors } from '../payments/errors.ts';
import { SETTLED_PAYMENT_STATUSES, type PaymentStatus } from '../../shared/payments.ts';

export interface ActionContext {
  db: Knex;
  actor: StaffUser;
  address: string | null;
  notifier: Notifier;
}

interface Locked {
  id: number;
  reference_number: string;
  procedure_id: string;
  status: string;
  assignee_id: number | null;
  notify_email: string | null;
  fee_yen: number | null;
  payment_status: string | null;
}

async function lockInDepartment(trx: Knex.Transaction, actor: StaffUser, refs: string[]): Promise<Locked[]> {
  const query = trx('submissions').select('id', 'reference_number', 'procedure_id', 'status', 'assignee_id', 'notify_email', 'fee_yen', 'payment_status').whereIn('reference_number', refs).andWhere('department_id', actor.departmentId ?? '');
  if (dialectOf(trx) === 'postgres') query.forUpdate();
  const rows = (await query) as Locked[];
  if (rows.length !== new Set(refs).size) throw ReviewErrors.notFound();
  return rows;
}

async function addEvent(trx: Knex.Transaction, submissionId: number, actor: StaffUser, kind: string, fields: { from?: string; to?: string; text?: string | null; details?: unknown }) {
  await trx('submission_events').insert({
    submission_id: submissionId,
    at: isoTimestamp(new Date()),
    actor_type: 'staff',
    actor_id: actor.id,
    kind,
    from_status: fields.from ?? null,
    to_status: fields.to ?? null,
    text: fields.text ?? null,
    details: fields.details === undefined ? null : JSON.stringify(fields.details),
  });
}

function cleanText(text: unknown): string | null {
  return typeof text === 'string' && text.trim() !== '' && text.length <= 2000 ? text.trim() : null;
}

export async function transition(ctx: ActionContext, refs: string[], to: string, reasonInput: unknown): Promise<{ referenceNumber: string; status: string; statusLabel: { ja: string; en: string } }[]> {
  const reason = cleanText(reasonInput);
  return ctx.db.transaction(async (trx) => {
    const rows = await lockInDepartment(trx, ctx.actor, refs);
    const blocked = rows.filter((r) => !findTransition(r.status, to, 'staff'));
    if (blocked.length > 0) throw ReviewErrors.invalidTransition(blocked.map((r) => r.reference_number), [...new Set(blocked.map((r) => statusLabel(r.status).ja))], to);
    if (findTransition(rows[0]!.status, to, 'staff')!.reason && !reason) throw ReviewErrors.reasonRequired();
    // Money and status agree: nothing is completed while its fee is owed.
    const owing = to === 'approved' ? rows.filter((r) => r.fee_yen !== null && !SETTLED_PAYMENT_STATUSES.includes(r.payment_status as PaymentStatus)) : [];
    if (owing.length > 0) throw PaymentErrors.outstanding(owing.map((r) => r.reference_number));
    const now = isoTimestamp(new Date());
    for (const r of rows) {
      await trx('submissions').where('id', r.id).update({ status: to, updated_at: now });
      await addEvent(trx, r.id, ctx.actor, 'status', { from: r.status, to, text: reason });
      await appendAudit(trx, { actorType: 'staff', actorId: String(ctx.actor.id), action: 'submission.transition', target: r.reference_number, address: ctx.address, details: { from: r.status, to } });
      await ctx.notifier.statusChanged(trx, { id: r.id, referenceNumber: r.reference_number, procedureId: r.procedure_id, email: r.notify_email, status: to, reason });
    }
    return rows.map((r) => ({ referenceNumber: r.reference_number, status: to, statusLabel: statusLabel(to) }));
  });
}

export async function assign(ctx: ActionContext, ref: string, assigneeId: unknown): Promise<void> {
  if (assigneeId !== null && !Number.isInteger(assigneeId)) throw ReviewErrors.badAssignee();
  await ctx.db.transaction(async (trx) => {
    const [row] = await lockInDepartment(trx, ctx.actor, [ref]);
    // A clerk assigns what nobody has yet (or gives up their own); only a supervisor reassigns.
    if (row!.assignee_id !== null && row!.assignee_id !== ctx.actor.id && ctx.actor.role !== 'supervisor') throw ReviewErrors.reassignNeedsSupervisor();
    if (assigneeId !== null) {
      const colleague = await trx('staff_users').where({ id: assigneeId as number, department_id: ctx.actor.departmentId }).whereIn('role', ['clerk', 'supervisor']).first();
      if (!colleague) throw ReviewErrors.badAssignee();
    }
    await trx('submissions').where('id', row!.id).update({ assignee_id: assigneeId, updated_at: isoTimestamp(new Date()) });
    await addEvent(trx, row!.id, ctx.actor, 'assignment', { details: { from: row!.assignee_id, to: assigneeId } });
    await appendAudit(trx, { actorType: 'staff', actorId: String(ctx.actor.id), action: 'submission.assign', target: ref, address: ctx.address, details: { from: row!.assignee_id, to: assigneeId } });
  });
}

/** kind 'note' is internal; kind 'message' is shown to the resident on the status page. */
export async function addText(ctx: ActionContext, ref: string, kind: 'note' | 'message', input: unknown): Promise<void> {
  const text = cleanText(input);
  if (!text) throw ReviewErrors.textRequired();
  await ctx.db.transaction(async (trx) => {
    const [row] = await lockInDepartment(trx, ctx.actor, [ref]);
    await addEvent(trx, row!.id, ctx.actor, kind, { text });
    await appendAudit(trx, { actorType: 'staff', actorId: String(ctx.actor.id), action: `submission.${kind}`, target: ref, address: ctx.address });
  });
}
