/**
 * Writes residents' mails to the outbox inside the caller's transaction: the mail exists exactly
 * when the change it reports was committed. The sender delivers them later.
 */
import type { Knex } from 'knex';
import { isoTimestamp } from '../db/connection.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { paymentReceivedMail, paymentRequestMail, receiptMail, statusMail, type MailText } from './messages.ts';

export interface OutboxMail extends MailText {
  to: string;
}

/** Queues mails (one INSERT for all of them) in the caller's transaction. */
export async function enqueueMails(
  trx: Knex | Knex.Transaction,
  mails: { submissionId: number | null; mail: OutboxMail }[],
): Promise<void> {
  if (mails.length === 0) return;
  const now = isoTimestamp(new Date());
  await trx('mail_outbox').insert(
    mails.map(({ submissionId, mail }) => ({
      submission_id: submissionId,
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })),
  );
}

export class Notifier {
  constructor(
    private readonly catalog: Catalog,
    private readonly baseUrl: string,
  ) {}

  private get statusUrl(): string {
    return new URL('/status', this.baseUrl).toString();
  }

  receipt(
    to: string,
    p: { referenceNumber: string; procedureId: string; submittedAt: string; feeYen?: number | null; awaitingPayment?: boolean },
  ): OutboxMail {
    const d = this.catalog.current(p.procedureId)!.definition;
    return {
      to,
      ...receiptMail({ ...p, title: d.title, department: d.department.name, phone: d.department.phone, statusUrl: this.statusUrl }),
    };
  }

  /** Queues a status mail when the submission has an address to send it to. */
  async statusChanged(
    trx: Knex.Transaction,
    s: { id: number; referenceNumber: string; procedureId: string; email: string | null; status: string; reason: string | null },
  ): Promise<void> {
    if (!s.email) return;
    const d = this.catalog.current(s.procedureId)!.definition;
    await enqueueMails(trx, [
      {
        submissionId: s.id,
        mail: {
          to: s.email,
          ...statusMail({
            referenceNumber: s.referenceNumber,
            title: d.title,
            status: s.status,
            reason: s.reason,
            statusUrl: this.statusUrl,
          }),
        },
      },
    ]);
  }

  async paymentRequested(
    trx: Knex.Transaction,
    s: { id: number; referenceNumber: string; procedureId: string; email: string | null; amountYen: number; online: boolean },
  ): Promise<void> {
    if (!s.email) return;
    const d = this.catalog.current(s.procedureId)!.definition;
    await enqueueMails(trx, [
      {
        submissionId: s.id,
        mail: {
          to: s.email,
          ...paymentRequestMail({
            referenceNumber: s.referenceNumber,
            title: d.title,
            amountYen: s.amountYen,
            online: s.online,
            statusUrl: this.statusUrl,
          }),
        },
      },
    ]);
  }

  async paymentReceived(
    trx: Knex.Transaction,
    s: { id: number; referenceNumber: string; procedureId: string; email: string | null; amountYen: number },
  ): Promise<void> {
    if (!s.email) return;
    const d = this.catalog.current(s.procedureId)!.definition;
    await enqueueMails(trx, [
      {
        submissionId: s.id,
        mail: {
          to: s.email,
          ...paymentReceivedMail({ referenceNumber: s.referenceNumber, title: d.title, amountYen: s.amountYen, statusUrl: this.statusUrl }),
        },
      },
    ]);
  }
}
