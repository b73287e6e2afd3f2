/**
 * No Stripe keys configured: a procedure with a fee says how it is paid without it (住民票の写し by
 * post: a 定額小為替, never the counter), nothing pretends an online payment, and staff record the
 * payment received (and refunds in cash).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, definition, submit } from '../helpers/http.ts';
import { pdfText } from '../helpers/pdf.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
let clerk: StaffSession;
type Filed = { referenceNumber: string; accessCode: string; status: string; payment: any };
const file = async () => (await submit(server.url, 'juminhyo-copy', definition('juminhyo-copy').examples[0])).body as Filed;
const codes = (f: Filed) => ({ referenceNumber: f.referenceNumber, accessCode: f.accessCode });
const staff = (path: string, json?: unknown, method = 'POST') => asStaff(server, clerk, path, json === undefined ? {} : { method, json });
const receipt = async (f: Filed) =>
  pdfText(
    Buffer.from(
      await (
        await fetch(`${server.url}/api/submissions/receipt.pdf`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(codes(f)),
        })
      ).arrayBuffer(),
    ),
  );

beforeAll(async () => {
  server = await startTestServer();
  await addStaff(server, 'shimin@koganei.example', 'clerk', 'shimin');
  clerk = await login(server, 'shimin@koganei.example');
});
afterAll(async () => {
  await server.close();
});

describe('without Stripe keys', () => {
  it('a postal procedure says the fee is sent as a 定額小為替 and what waits for it, and a filed submission goes straight to 受付 owing 600 yen', async () => {
    const procedure = (await call(`${server.url}/api/procedures/juminhyo-copy`)).body;
    expect(procedure.onlinePayment).toBe(false);
    expect(procedure.fee.offline).toMatchObject({ method: 'postal_order', instructions: { ja: expect.stringContaining('〒184-8504') } });
    const f = await file();
    expect(f).toMatchObject({
      status: 'submitted',
      payment: { status: 'unpaid', amountYen: 600, canPayOnline: false, payAtCounter: true },
    });
    expect(f.payment.payOffline.ja).toContain('定額小為替で郵送してください');
    expect(f.payment.payOffline.ja).toContain('定額小為替が届いてから発送します');
    expect(f.payment.payOffline.en).toContain('postal money order');
    // A postal procedure never sends anyone to the counter: not on the status page, the mail or the receipt.
    expect(JSON.stringify(f.payment)).not.toContain('窓口');
    const { id } = await server.testDb.db('submissions').where({ reference_number: f.referenceNumber }).first();
    const mail = await server.testDb.db('mail_outbox').where({ submission_id: id }).first();
    expect(mail.body_text).toContain('定額小為替');
    expect(mail.body_text).not.toContain('窓口');
    const status = await call(`${server.url}/api/submissions/status`, { method: 'POST', json: codes(f) });
    expect(status.body.payment.payOffline.ja).toContain('定額小為替');
    const pay = await call(`${server.url}/api/submissions/payment`, { method: 'POST', json: codes(f) });
    expect(pay).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'ONLINE_PAYMENT_UNAVAILABLE',
          message: { ja: expect.stringContaining('オンラインでのお支払いは受け付けていません') },
        },
      },
    });
    expect(pay.body.error.message.ja).not.toContain('窓口');
    const hook = await call(`${server.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      json: { id: 'evt_1', type: 'checkout.session.completed' },
      headers: { 'Stripe-Signature': 't=1,v1=00' },
    });
    expect(hook.status).toBe(409);
    const text = await receipt(f);
    expect(text).toContain('未払い・定額小為替の到着待ち');
    expect(text).not.toContain('窓口');
  });

  it('staff cannot complete it until they record the whole fee paid at the counter; then the receipt says 支払済み', async () => {
    const f = await file();
    const ref = f.referenceNumber;
    await staff(`/staff/submissions/${ref}/transitions`, { to: 'in_review' });
    expect((await staff(`/staff/submissions/${ref}/transitions`, { to: 'approved' })).body.error.code).toBe('PAYMENT_OUTSTANDING');
    const bulk = await staff('/staff/transitions', { referenceNumbers: [ref], to: 'approved' });
    expect(bulk.body.error).toMatchObject({ code: 'PAYMENT_OUTSTANDING', message: { ja: expect.stringContaining(ref) } });
    const wrong = await staff(`/staff/submissions/${ref}/counter-payments`, { amountYen: 300 });
    expect(wrong).toMatchObject({
      status: 422,
      body: { error: { fields: [{ pointer: '/amountYen', message: { ja: expect.stringContaining('600円') } }] } },
    });
    expect((await staff(`/staff/submissions/${ref}/counter-payments`, { amountYen: '600' })).status).toBe(422);
    expect((await staff(`/staff/submissions/${ref}/counter-payments`, { amountYen: 600, note: '領収書 No.1234' })).status).toBe(201);
    expect((await staff(`/staff/submissions/${ref}/counter-payments`, { amountYen: 600 })).body.error.code).toBe('ALREADY_PAID');
    const detail = (await staff(`/staff/submissions/${ref}`)).body;
    expect(detail.payment).toMatchObject({
      status: 'paid',
      canRecordCounter: false,
      attempts: [{ provider: 'counter', method: { ja: '窓口' }, status: 'paid', amountYen: 600 }],
    });
    expect(detail.history.at(-1)).toMatchObject({ kind: 'payment', text: '窓口で 600円 を受領（領収書 No.1234）' });
    expect((await staff(`/staff/submissions/${ref}/transitions`, { to: 'approved' })).status).toBe(200);
    expect(await receipt(f)).toContain('支払済み');
  });

  it('a counter payment is refunded in cash at once, and the settlement CSV shows 窓口 with no Stripe ids', async () => {
    const f = await file();
    const ref = f.referenceNumber;
    await staff(`/staff/submissions/${ref}/counter-payments`, { amountYen: 600 });
    expect(await staff(`/staff/submissions/${ref}/refunds`, { amountYen: 600, reason: '二重に申請されたため' })).toMatchObject({
      status: 201,
      body: { status: 'succeeded' },
    });
    const status = await call(`${server.url}/api/submissions/status`, { method: 'POST', json: codes(f) });
    expect(status.body.payment).toMatchObject({ status: 'refunded', statusLabel: { ja: '返金済み' }, refundedYen: 600 });
    const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    const csv = Buffer.from(
      await (await fetch(`${server.url}/api/staff/settlement.csv?date=${day}`, { headers: { Cookie: clerk.cookie } })).arrayBuffer(),
    ).toString('utf8');
    const mine = csv.split('\r\n').filter((l) => l.includes(ref));
    expect(mine).toEqual([
      expect.stringMatching(/,入金,600,窓口,,,,,$/u),
      expect.stringMatching(/,返金,-600,窓口,,,,二重に申請されたため,返金済み$/u),
    ]);
  });
});
