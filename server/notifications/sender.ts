/**
 * Delivers the outbox through SMTP (nodemailer). A due mail is claimed by one short UPDATE (its
 * next attempt moved a lease ahead, so several server processes never send the same mail and a
 * crash mid-send only delays it), sent with no database connection or transaction held, then
 * marked sent, or retried with exponential back-off (30 s, 1 min, 2 min ... at most 1 h) and given
 * up after 12 attempts. SMTP has connect, greeting and socket timeouts: a server that accepts and
 * never answers costs one send, never the platform.
 */
import type { Knex } from 'knex';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { isoTimestamp } from '../db/connection.ts';

export const MAX_ATTEMPTS = 12;
/** How long a claimed mail is left to its sender before another may try (a server killed mid-send: its mail waits this long). */
export const CLAIM_LEASE_MS = 5 * 60_000;

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
    timeoutMs = 10_000,
    private readonly leaseMs = CLAIM_LEASE_MS,
  ) {
    this.transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  /** Sends what is due now; returns how many were sent. */
  async tick(limit = 20): Promise<number> {
    const due = (await this.db('mail_outbox')
      .select('id')
      .where('status', 'pending')
      .andWhere('next_attempt_at', '<=', isoTimestamp(new Date()))
      .orderBy('id')
      .limit(limit)) as { id: number }[];
    let sent = 0;
    for (const { id } of due) if (await this.sendOne(id)) sent += 1;
    return sent;
  }

  /** Takes the mail if it is still due and nobody else took it: one atomic UPDATE. */
  private async claim(id: number): Promise<{ to_address: string; subject: string; body_text: string; attempts: number } | null> {
    const now = new Date();
    const mail = (await this.db('mail_outbox')
      .select('to_address', 'subject', 'body_text', 'attempts', 'next_attempt_at')
      .where({ id, status: 'pending' })
      .first()) as { to_address: string; subject: string; body_text: string; attempts: number; next_attempt_at: unknown } | undefined;
    if (!mail) return null;
    const taken = await this.db('mail_outbox')
      .where({ id, status: 'pending', attempts: mail.attempts })
      .andWhere('next_attempt_at', '<=', isoTimestamp(now))
      .update({ attempts: mail.attempts + 1, next_attempt_at: isoTimestamp(new Date(now.getTime() + this.leaseMs)) });
    return taken === 1 ? { ...mail, attempts: mail.attempts + 1 } : null;
  }

  private async sendOne(id: number): Promise<boolean> {
    const mail = await this.claim(id);
    if (!mail) return false;
    try {
      await this.transport.sendMail({ from: this.from, to: mail.to_address, subject: mail.subject, text: mail.body_text });
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      await this.db('mail_outbox')
        .where('id', id)
        .update({
          last_error: message,
          status: mail.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          next_attempt_at: isoTimestamp(new Date(Date.now() + backoffMs(mail.attempts))),
        });
      // The mail's id and the SMTP codes only: an SMTP server's message may quote the address.
      const { code, responseCode } = error as { code?: string; responseCode?: number };
      this.logger.warn({ mailId: id, attempts: mail.attempts, code, responseCode }, 'mail not sent; will retry');
      return false;
    }
    await this.db('mail_outbox')
      .where('id', id)
      .update({ status: 'sent', sent_at: isoTimestamp(new Date()), last_error: null });
    return true;
  }
}
