/**
 * Mails to residents through a real SMTP server on localhost: a receipt on submission and a mail
 * on every status change, queued in the outbox with the change, retried through an outage.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailSender } from '../../server/notifications/sender.ts';
import { clone, definition, submit } from '../helpers/http.ts';
import type { TestServer } from '../helpers/server.ts';
import { startSmtp, subjectOf } from '../helpers/smtp.ts';
import { asStaff, startWithClerk, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let clerk: StaffSession;
const silent = pino({ level: 'silent' });
/** The outbox rows of one submission, oldest first: each test finds its own by reference number. */
const outboxOf = (referenceNumber: string) =>
  server.testDb
    .db('mail_outbox as m')
    .join('submissions as s', 's.id', 'm.submission_id')
    .where('s.reference_number', referenceNumber)
    .orderBy('m.id')
    .select('m.*');

beforeAll(async () => {
  ({ server, clerk } = await startWithClerk({ PUBLIC_BASE_URL: 'https://shinsei.koganei.example' }));
});
afterAll(async () => {
  await server.close();
});

describe('mails to residents', () => {
  it('a submission with an e-mail address queues a receipt in the same commit; one without queues nothing', async () => {
    const withMail = await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0]);
    const noMail = clone(definition('kosodate-01').examples[0]) as any;
    delete noMail.claimant.email;
    const withoutMail = await submit(server.url, 'kosodate-01', noMail);
    expect(await outboxOf(withoutMail.body.referenceNumber)).toEqual([]);
    const rows = await outboxOf(withMail.body.referenceNumber);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to_address: 'taro@example.jp', status: 'pending' });
    expect(rows[0].subject).toContain(withMail.body.referenceNumber);
    expect(rows[0].body_text).toContain('https://shinsei.koganei.example/status');
    expect(rows[0].body_text).not.toContain(withMail.body.accessCode);
    expect(rows[0].body_text).not.toContain('023456789013');
  });

  it('are delivered by SMTP; an outage keeps them and they go out when the server is back', async () => {
    // This test's own submission and mails. (Another test's receipt, if any, is tried by the first
    // tick too and then backs off for 30 s, so the counts below are this test's mails alone.)
    const ref = (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body.referenceNumber as string;
    const mine = () => outboxOf(ref);
    const smtp = await startSmtp();
    const port = smtp.port;
    await smtp.close(); // the mail server is down
    const sender = new MailSender(server.testDb.db, `smtp://127.0.0.1:${port}`, 'no-reply@koganei.example', silent);
    expect(await sender.tick()).toBe(0);
    const [failed] = await mine();
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toBeTruthy();

    const back = await startSmtp(port);
    expect(await sender.tick()).toBe(0); // not due yet: back-off
    await server.testDb
      .db('mail_outbox')
      .where('id', failed.id)
      .update({ next_attempt_at: new Date(Date.now() - 1000).toISOString() });
    expect(await sender.tick()).toBe(1);
    expect(back.received).toHaveLength(1);
    expect(back.received[0]!.to).toEqual(['taro@example.jp']);
    expect(subjectOf(back.received[0]!.raw)).toMatch(/^【小金井市】申請を受け付けました（受付番号 [A-Z3-9-]{11}）/u);
    expect(subjectOf(back.received[0]!.raw)).toContain(ref);
    expect((await mine())[0]).toMatchObject({ status: 'sent', attempts: 2 });

    // Every status change, by staff or by the resident, sends a mail.
    await asStaff(server, clerk, `/staff/submissions/${ref}/transitions`, {
      method: 'POST',
      json: { to: 'returned', reason: '口座番号をご確認ください。' },
    });
    await asStaff(server, clerk, `/staff/submissions/${ref}/notes`, { method: 'POST', json: { text: '内部メモ' } });
    expect(await sender.tick()).toBe(1);
    expect(subjectOf(back.received[1]!.raw)).toContain('「差戻し」');
    expect(back.received[1]!.raw).not.toContain('内部メモ');
    await back.close();
  });
});
