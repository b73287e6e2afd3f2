/**
 * Delivers the outbox through SMTP (nodemailer). Each due mail is locked, sent and marked in one
 * transaction (several server processes never send the same mail); a failure is retried with
 * exponential back-off (30 s, 1 min, 2 min ... at most 1 h) and given up after 12 attempts.
 */
import type { Knex } from 'knex';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { dialectOf, isoTimestamp } from '../db/connection.ts';

export const MAX_ATTEMPTS = 12;

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
}

export class MailSender {
  private readonly transport: Transporter;

  constructor(
    private readonly db: Knex,
    smtpUrl: string,
    private readonly from: string,
    private readonly logger: Logger,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  /** Sends what is due now; returns how many were sent. */
  async tick(limit = 20): Promise<number> {
    const due = (await this.db('mail_outbox').select('id').where('status', 'pending').andWhere('next_attempt_at', '<=', isoTimestamp(new Date())).orderBy('id').limit(limit)) as { id: number }[];
    let sent = 0;
    for (const { id } of due) if (await this.sendOne(id)) sent += 1;
    return sent;
  }

  private async sendOne(id: number): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const q = trx('mail_outbox').where({ id, status: 'pending' });
      if (dialectOf(trx) === 'postgres') q.forUpdate().skipLocked();
      const mail = (await q.first()) as { id: number; to_address: string; subject: string; body_text: string; attempts: number } | undefined;
      if (!mail) return false;
      try {
        await this.transport.sendMail({ from: this.from, to: mail.to_address, subject: mail.subject, text: mail.body_text });
        await trx('mail_outbox').where('id', id).update({ status: 'sent', attempts: mail.attempts + 1, sent_at: isoTimestamp(new Date()), last_error: null });
        return true;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const message = (error as Error).message.slice(0, 500);
        await trx('mail_outbox')
          .where('id', id)
          .update({ attempts, last_error: message, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', next_attempt_at: isoTimestamp(new Date(Date.now() + backoffMs(attempts))) });
        // The address and the error only: never the mail's text.
        this.logger.warn({ mailId: id, attempts, error: message }, 'mail not sent; will retry');
        return false;
      }
    });
  }

  /** Polls the outbox until stopped. */
  start(intervalMs: number): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.tick()
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox tick failed'))
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
