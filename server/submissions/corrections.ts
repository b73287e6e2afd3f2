/**
 * What a resident does after filing, with reference number + access code: open a submission
 * staff returned (差戻し) with the earlier answers, send it corrected (validated again against the
 * same definition version, back to 受付, the change kept for staff), or withdraw it (取下げ).
 */
import type { Knex } from 'knex';
import type { CorrectionForm } from '../../shared/api-types.ts';
import type { Logger } from 'pino';
import { appendAudit } from '../audit/audit-log.ts';
import { dialectOf, isoTimestamp, jsonColumn } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { PaymentService } from '../payments/service.ts';
import {
  CHANGING_COLUMNS,
  changeStatus,
  type ChangingSubmission,
  type StatusChangeResult,
  type StatusDeps,
} from '../workflow/status-change.ts';
import type { ResidentProof } from './inputs.ts';
import type { SubmissionService } from './service.ts';
import { attachmentsOf, type AttachmentService } from '../attachments/service.ts';
import type { SubmissionIdentity } from '../../shared/identity.ts';
import { keepVerified, verifiedAtFiling } from './identity.ts';

export class Corrections {
  constructor(
    private readonly db: Knex,
    private readonly service: SubmissionService,
    private readonly notifier: Notifier,
    private readonly payments: Pick<PaymentService, 'expireUnfinished'>,
    private readonly logger: Logger,
    private readonly attachments: AttachmentService,
    private readonly rules: StatusDeps['rules'],
  ) {}

  private get statusDeps(): StatusDeps {
    return { notifier: this.notifier, rules: this.rules };
  }

  async form(proof: ResidentProof, address: string | null): Promise<CorrectionForm> {
    const row = await this.service.verifyResident(proof);
    if (row.status !== 'returned') throw Errors.notReturned();
    const full = (await this.db('submissions').select('answers', 'identity').where('id', row.id).first()) as {
      answers: unknown;
      identity: unknown;
    };
    const answers = jsonColumn(full.answers) as Record<string, unknown>;
    const definition = this.service.definitionOf(row.procedure_id, row.definition_version);
    const verified = definition ? verifiedAtFiling(definition, jsonColumn(full.identity) as SubmissionIdentity | null, answers) : [];
    const { returnReason, requestedDocuments } = await this.service.residentMessages(row);
    await this.db.transaction((trx) =>
      appendAudit(trx, { actorType: 'resident', action: 'submission.view_for_correction', target: row.reference_number, address }),
    );
    return {
      referenceNumber: row.reference_number,
      procedureId: row.procedure_id,
      definitionVersion: row.definition_version,
      answers,
      verified: verified.map((v) => v.pointer),
      returnReason,
      requestedDocuments,
      attachments: (await attachmentsOf(this.db, row.id))
        .filter((a) => !a.replaced)
        .map(({ id, name, mediaType, size }) => ({ id, name, mediaType, size })),
    };
  }

  async correct(
    proof: ResidentProof,
    answers: Record<string, unknown>,
    draftToken: string | undefined,
    address: string | null,
  ): Promise<StatusChangeResult> {
    const row = await this.service.verifyResident(proof);
    const checked = this.service.validateAgainstVersion(row.procedure_id, row.definition_version, answers);
    // Files kept from the returned submission, and new ones uploaded while correcting.
    const claim = await this.attachments.check(checked.schema, row.procedure_id, checked.answers, draftToken, row.id);
    return this.db.transaction(async (trx) => {
      const current = await this.lock(trx, row.id);
      // What the sign-in verified at filing stays as it was (a correction is opened with the access code alone).
      const definition = this.service.definitionOf(row.procedure_id, row.definition_version);
      if (definition) {
        const filed = jsonColumn(current.answers) as Record<string, unknown>;
        keepVerified(
          verifiedAtFiling(definition, jsonColumn(current.identity) as SubmissionIdentity | null, filed),
          checked.answers as Record<string, unknown>,
        );
      }
      const now = isoTimestamp(new Date());
      await trx('submission_events').insert({
        submission_id: row.id,
        at: now,
        actor_type: 'resident',
        kind: 'correction',
        details: JSON.stringify({ previous: jsonColumn(current.answers), current: checked.answers }),
      });
      const [result] = await changeStatus(trx, this.statusDeps, [current], {
        to: 'submitted',
        actor: { type: 'resident', id: null, address },
        auditAction: 'submission.correct',
        refuse: () => Errors.notReturned(),
        update: { answers: checked.answersJson, answers_sha256: checked.answersSha256, notify_email: checked.email },
        email: checked.email,
      });
      if (claim) await this.attachments.claim(trx, row.id, claim);
      await this.attachments.markReplaced(trx, row.id, checked.schema, checked.answers);
      return result!;
    });
  }

  async withdraw(proof: ResidentProof, address: string | null): Promise<StatusChangeResult> {
    const row = await this.service.verifyResident(proof);
    const result = await this.db.transaction(async (trx) => {
      const [changed] = await changeStatus(trx, this.statusDeps, [await this.lock(trx, row.id)], {
        to: 'withdrawn',
        actor: { type: 'resident', id: null, address },
        auditAction: 'submission.withdraw',
        refuse: () => Errors.cannotWithdraw(),
      });
      return changed!;
    });
    // Nothing more to pay: close any checkout still open at Stripe (best effort; if Stripe cannot
    // be reached, a payment made anyway shows as paid on the withdrawn submission and staff refund it).
    await this.payments.expireUnfinished(row.id).catch((error: unknown) => {
      this.logger.warn({ err: error, submissionId: row.id }, 'could not close an open checkout after withdrawal');
    });
    return result;
  }

  private async lock(trx: Knex.Transaction, id: number): Promise<ChangingSubmission & { answers: unknown; identity: unknown }> {
    const q = trx('submissions')
      .select(...CHANGING_COLUMNS, 'answers', 'identity')
      .where('id', id);
    if (dialectOf(trx) === 'postgres') q.forUpdate();
    return (await q.first()) as ChangingSubmission & { answers: unknown; identity: unknown };
  }
}
