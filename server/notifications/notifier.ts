/**
 * Writes residents' mails to the outbox inside the caller's transaction: the mail exists exactly
 * when the change it reports was committed. The sender delivers them later.
 */
import type { Knex } from 'knex';
import type { LocalizedText } from '../../shared/forms/types.ts';
import { isoTimestamp } from '../db/connection.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { offlineFeeText } from '../../shared/fees.ts';
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
    p: {
      referenceNumber: string;
      procedureId: string;
      submittedAt: string;
      feeYen?: number | null;
      awaitingPayment?: boolean;
      /** online, or counter-assisted (the fee of a clerk's filing is paid at the counter). */
      channel: string;
    },
  ): OutboxMail {
    const d = this.catalog.current(p.procedureId)!.definition;
    const payOffline = offlineFeeText(d.fee, p.channel);
    return {
      to,
      ...receiptMail({
        ...p,
        title: d.title,
        department: d.department.name,
        phone: d.department.phone,
        statusUrl: this.statusUrl,
        payOffline,
      }),
    };
  }

  /** Queues one mail about a submission, when it has an address to send it to. */
  private async queue(
    trx: Knex.Transaction,
    s: { id: number; procedureId: string; email: string | null },
    render: (title: LocalizedText, statusUrl: string) => MailText,
  ): Promise<void> {
    if (!s.email) return;
    const d = this.catalog.current(s.procedureId)!.definition;
    await enqueueMails(trx, [{ submissionId: s.id, mail: { to: s.email, ...render(d.title, this.statusUrl) } }]);
  }

  statusChanged(
    trx: Knex.Transaction,
    s: { id: number; referenceNumber: string; procedureId: string; email: string | null; status: string; reason: string | null },
  ): Promise<void> {
    return this.queue(trx, s, (title, statusUrl) =>
      statusMail({ referenceNumber: s.referenceNumber, title, status: s.status, reason: s.reason, statusUrl }),
    );
  }

  paymentRequested(
    trx: Knex.Transaction,
    s: { id: number; referenceNumber: string; procedureId: string; email: string | null; amountYen: number; online: boolean },
  ): Promise<void> {
    return this.queue(trx, s, (title, statusUrl) =>
      paymentRequestMail({
        referenceNumber: s.referenceNumber,
        title,
        amountYen: s.amountYen,
        online: s.online,
        payOffline: offlineFeeText(this.catalog.current(s.procedureId)?.definition.fee),
        statusUrl,
      }),
    );
  }

  paymentReceived(
    trx: Knex.Transaction,
    s: { id: number; referenceNumber: string; procedureId: string; email: string | null; amountYen: number },
  ): Promise<void> {
    return this.queue(trx, s, (title, statusUrl) =>
      paymentReceivedMail({ referenceNumber: s.referenceNumber, title, amountYen: s.amountYen, statusUrl }),
    );
  }
}
