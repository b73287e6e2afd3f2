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
const outbox = () => server.testDb.db('mail_outbox').orderBy('id');

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
    await submit(server.url, 'kosodate-01', noMail);
    const rows = await outbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to_address: 'taro@example.jp', status: 'pending' });
    expect(rows[0].subject).toContain(withMail.body.referenceNumber);
    expect(rows[0].body_text).toContain('https://shinsei.koganei.example/status');
    expect(rows[0].body_text).not.toContain(withMail.body.accessCode);
    expect(rows[0].body_text).not.toContain('023456789013');
  });

  it('are delivered by SMTP; an outage keeps them and they go out when the server is back', async () => {
    const smtp = await startSmtp();
    const port = smtp.port;
    await smtp.close(); // the mail server is down
    const sender = new MailSender(server.testDb.db, `smtp://127.0.0.1:${port}`, 'no-reply@koganei.example', silent);
    expect(await sender.tick()).toBe(0);
    const failed = (await outbox())[0];
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toBeTruthy();

    const back = await startSmtp(port);
    expect(await sender.tick()).toBe(0); // not due yet: back-off
    await server.testDb.db('mail_outbox').update({ next_attempt_at: new Date(Date.now() - 1000).toISOString() });
    expect(await sender.tick()).toBe(1);
    expect(back.received).toHaveLength(1);
    expect(back.received[0]!.to).toEqual(['taro@example.jp']);
    expect(subjectOf(back.received[0]!.raw)).toMatch(/^【小金井市】申請を受け付けました（受付番号 [A-Z3-9-]{11}）/u);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2 });

    // Every status change, by staff or by the resident, sends a mail.
    const ref = (await outbox())[0].subject.match(/[A-Z3-9]{3}-[A-Z3-9]{3}-[A-Z3-9]{3}/u)[0];
    await asStaff(server, clerk, `/staff/submissions/${ref}/transitions`, { method: 'POST', json: { to: 'returned', reason: '口座番号をご確認ください。' } });
    await asStaff(server, clerk, `/staff/submissions/${ref}/notes`, { method: 'POST', json: { text: '内部メモ' } });
    expect(await sender.tick()).toBe(1);
    expect(subjectOf(back.received[1]!.raw)).toContain('「差戻し」');
    expect(back.received[1]!.raw).not.toContain('内部メモ');
    await back.close();
  });
});
