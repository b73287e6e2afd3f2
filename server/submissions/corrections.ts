/**
 * What a resident does after filing, with reference number + access code: open a submission
 * staff returned (差戻し) with the earlier answers, send it corrected (validated again against the
 * same definition version, back to 受付, the change kept for staff), or withdraw it (取下げ).
 */
import type { Knex } from 'knex';
import type { CorrectionForm } from '../../shared/api-types.ts';
import { statusLabel } from '../../shared/status.ts';
import { findTransition } from '../../shared/workflow.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { dialectOf, isoTimestamp, jsonColumn } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { PaymentService } from '../payments/service.ts';
import type { SubmissionService } from './service.ts';

const notReturned = () =>
  new AppError(409, 'NOT_RETURNED', { ja: 'この申請は現在、修正を受け付けていません。', en: 'This submission is not waiting for a correction.' });
const cannotWithdraw = () =>
  new AppError(409, 'INVALID_TRANSITION', { ja: '審査が終わった申請は取り下げられません。', en: 'A decided submission cannot be withdrawn.' });

export class Corrections {
  constructor(
    private readonly db: Knex,
    private readonly service: SubmissionService,
    private readonly notifier: Notifier,
    private readonly payments: PaymentService,
  ) {}

  async form(body: unknown, address: string | null): Promise<CorrectionForm> {
    const row = await this.service.verifyResident(body);
    if (row.status !== 'returned') throw notReturned();
    const full = (await this.db('submissions').select('answers').where('id', row.id).first()) as { answers: unknown };
    const { returnReason } = await this.service.residentMessages(row);
    await this.db.transaction((trx) => appendAudit(trx, { actorType: 'resident', action: 'submission.view_for_correction', target: row.reference_number, address }));
    return { referenceNumber: row.reference_number, procedureId: row.procedure_id, definitionVersion: row.definition_version, answers: jsonColumn(full.answers), returnReason };
  }

  async correct(body: unknown, address: string | null) {
    const row = await this.service.verifyResident(body);
    const checked = this.service.validateAgainstVersion(row.procedure_id, row.definition_version, (body as { answers?: unknown }).answers);
    return this.db.transaction(async (trx) => {
      const q = trx('submissions').select('id', 'status', 'answers').where('id', row.id);
      if (dialectOf(trx) === 'postgres') q.forUpdate();
      const current = (await q.first()) as { id: number; status: string; answers: unknown };
      if (current.status !== 'returned') throw notReturned();
      const now = isoTimestamp(new Date());
      await trx('submissions').where('id', row.id).update({ answers: checked.answersJson, answers_sha256: checked.answersSha256, notify_email: checked.email, status: 'submitted', updated_at: now });
      await trx('submission_events').insert([
        { submission_id: row.id, at: now, actor_type: 'resident', kind: 'correction', details: JSON.stringify({ previous: jsonColumn(current.answers), current: checked.answers }) },
        { submission_id: row.id, at: now, actor_type: 'resident', kind: 'status', from_status: 'returned', to_status: 'submitted' },
      ]);
      await appendAudit(trx, { actorType: 'resident', action: 'submission.correct', target: row.reference_number, address });
      await this.notifier.statusChanged(trx, { id: row.id, referenceNumber: row.reference_number, procedureId: row.procedure_id, email: checked.email, status: 'submitted', reason: null });
      return { referenceNumber: row.reference_number, status: 'submitted', statusLabel: statusLabel('submitted') };
    });
  }

  async withdraw(body: unknown, address: string | null) {
    const row = await this.service.verifyResident(body);
    const result = await this.db.transaction(async (trx) => {
      const q = trx('submissions').select('status', 'notify_email').where('id', row.id);
      if (dialectOf(trx) === 'postgres') q.forUpdate();
      const { status, notify_email: email } = (await q.first()) as { status: string; notify_email: string | null };
      if (!findTransition(status, 'withdrawn', 'resident')) throw cannotWithdraw();
      const now = isoTimestamp(new Date());
      await trx('submissions').where('id', row.id).update({ status: 'withdrawn', updated_at: now });
      await trx('submission_events').insert({ submission_id: row.id, at: now, actor_type: 'resident', kind: 'status', from_status: status, to_status: 'withdrawn' });
      await appendAudit(trx, { actorType: 'resident', action: 'submission.withdraw', target: row.reference_number, address });
      await this.notifier.statusChanged(trx, { id: row.id, referenceNumber: row.reference_number, procedureId: row.procedure_id, email, status: 'withdrawn', reason: null });
      return { referenceNumber: row.reference_number, status: 'withdrawn', statusLabel: statusLabel('withdrawn') };
    });
    // Nothing more to pay: close any checkout still open at Stripe (best effort; if Stripe cannot
    // be reached, a payment made anyway shows as paid on the withdrawn submission and staff refund it).
    await this.payments.expireUnfinished(row.id).catch(() => undefined);
    return result;
  }
}
