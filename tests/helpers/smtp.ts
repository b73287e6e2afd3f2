/** A real SMTP server on localhost that keeps what it receives (smtp-server + nodemailer's parser-free raw text). */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export async function startSmtp(port = 0): Promise<{ url: string; port: number; received: ReceivedMail[]; close: () => Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The decoded subject line of a raw message (RFC 2047 encoded words). */
export function subjectOf(raw: string): string {
  const line = /^Subject: ((?:.*\r?\n[ \t].*)*.*)$/mu.exec(raw)?.[1] ?? '';
  return line
    .replace(/\r?\n[ \t]/gu, ' ')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/giu, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeURIComponent(text.replace(/_/gu, ' ').replace(/=([0-9A-F]{2})/giu, '%$1')),
    );
}
