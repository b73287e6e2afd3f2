/**
 * Fees paid online with Stripe Checkout, through HTTP against a real database and Stripe's SDK
 * talking to a local stand-in for Stripe's servers. Webhooks are signed with the SDK's test helper
 * and verified by the platform's real code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, clone, definition, submit } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';
import { startStripeStub, stripeEnv, type StripeStub } from '../helpers/stripe-stub.ts';

let server: TestServer;
let stripe: StripeStub;
let shimin: StaffSession;
let gomi: StaffSession;
type Filed = { referenceNumber: string; accessCode: string; status: string; payment: any };

const juminhyo = (copies = 2) => {
  const answers = clone(definition('juminhyo-copy').examples[0]) as any;
  answers.certificate.copies = copies;
  return answers;
};
const file = async (id = 'juminhyo-copy', answers: unknown = juminhyo()) => (await submit(server.url, id, answers)).body as Filed;
const codes = (f: Filed) => ({ referenceNumber: f.referenceNumber, accessCode: f.accessCode });
const status = async (f: Filed) => (await call(`${server.url}/api/submissions/status`, { method: 'POST', json: codes(f) })).body;
const pay = (f: Filed) => call(`${server.url}/api/submissions/payment`, { method: 'POST', json: codes(f) });
const events = async (f: Filed) =>
  server.testDb
    .db('submission_events as e')
    .join('submissions as s', 's.id', 'e.submission_id')
    .where('s.reference_number', f.referenceNumber)
    .count({ n: '*' })
    .first();
const sessionOf = (url: string) => url.split('/pay/')[1]!;

beforeAll(async () => {
  stripe = await startStripeStub();
  server = await startTestServer({ ...stripeEnv(stripe, { STRIPE_PAYMENT_METHODS: 'card,konbini' }), STATUS_LOOKUPS_PER_WINDOW: '10000' });
  stripe.webhookUrl = `${server.url}/api/payments/stripe/webhook`;
  await addStaff(server, 'shimin@koganei.example', 'clerk', 'shimin');
  await addStaff(server, 'gomi@koganei.example', 'clerk', 'gomi-taisaku');
  shimin = await login(server, 'shimin@koganei.example');
  gomi = await login(server, 'gomi@koganei.example');
});
afterAll(async () => {
  await server.close();
  await stripe.stop();
});

describe('paying at submission (住民票の写し, 300 yen a copy)', () => {
  it('when I file for 2 copies, it waits as 支払待ち owing 600 yen and is not in the ready queue', async () => {
    const f = await file();
    expect(f.status).toBe('awaiting_payment');
    expect(f.payment).toEqual({
      status: 'unpaid',
      statusLabel: { ja: '未払い', en: 'Not paid' },
      amountYen: 600,
      paidYen: 0,
      refundedYen: 0,
      timing: 'on_submission',
      canPayOnline: true,
      payAtCounter: false,
      payOffline: null,
    });
    const ready = await asStaff(server, shimin, '/staff/submissions?status=submitted');
    expect(ready.body.items.map((i: any) => i.referenceNumber)).not.toContain(f.referenceNumber);
    const waiting = await asStaff(server, shimin, '/staff/submissions?status=awaiting_payment');
    expect(waiting.body.items.find((i: any) => i.referenceNumber === f.referenceNumber)).toMatchObject({
      statusLabel: { ja: '支払待ち' },
      paymentStatus: 'unpaid',
    });
  });

  it('when I pay, a JPY Checkout Session is made for 300 yen x 2 with an idempotency key, and the fee is 支払い手続中', async () => {
    const f = await file();
    const res = await pay(f);
    expect(res.status).toBe(201);
    const s = stripe.session(sessionOf(res.body.checkoutUrl));
    expect(s).toMatchObject({
      amount_total: 600,
      currency: 'jpy',
      client_reference_id: f.referenceNumber,
      allowed_payment_method_types: ['card', 'konbini'],
      line_items: [{ unit_amount: 300, quantity: 2 }],
    });
    expect(s.success_url).toMatch(/\/payments\/return\?session_id=\{CHECKOUT_SESSION_ID\}$/u);
    const request = stripe.requests.find((r) => r.path === '/v1/checkout/sessions' && r.form.client_reference_id === f.referenceNumber)!;
    expect(request.idempotencyKey).toMatch(/^checkout-\d+$/u);
    expect(request.form['payment_method_options[konbini][expires_after_days]']).toBe('3');
    expect((await status(f)).payment).toMatchObject({ status: 'pending', canPayOnline: true });
  });

  it('when Stripe says the session is paid, it becomes 受付 and 支払済み, the resident is mailed, and a duplicate delivery changes nothing', async () => {
    const f = await file();
    const s = stripe.session(sessionOf((await pay(f)).body.checkoutUrl));
    stripe.pay(s.id, 'card');
    const event = stripe.event('checkout.session.completed', s);
    expect(await stripe.deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    const after = await status(f);
    expect(after).toMatchObject({ status: 'submitted', payment: { status: 'paid', paidYen: 600, canPayOnline: false } });
    // The system's 支払待ち -> 受付 is on the audit trail like any other status change.
    expect(
      await server.testDb.db('audit_log').where({ target: f.referenceNumber, action: 'submission.transition', actor_type: 'system' }),
    ).toHaveLength(1);
    const before = await events(f);
    expect(await stripe.deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await events(f)).toEqual(before);
    const ready = await asStaff(server, shimin, '/staff/submissions?status=submitted');
    expect(ready.body.items.find((i: any) => i.referenceNumber === f.referenceNumber)).toMatchObject({
      paymentStatus: 'paid',
      paymentStatusLabel: { ja: '支払済み' },
    });
    const mails = await server.testDb
      .db('mail_outbox as m')
      .join('submissions as s', 's.id', 'm.submission_id')
      .where('s.reference_number', f.referenceNumber)
      .select('m.subject');
    expect(mails.map((m: any) => m.subject)).toEqual([
      expect.stringContaining('申請を受け付けました'),
      expect.stringContaining('お支払いを確認しました'),
    ]);
    // And the payment is on the detail view, with Stripe's ids.
    const detail = await asStaff(server, shimin, `/staff/submissions/${f.referenceNumber}`);
    expect(detail.body.payment).toMatchObject({
      status: 'paid',
      amountYen: 600,
      refundableYen: 600,
      attempts: [{ status: 'paid', method: { ja: 'クレジットカード' }, stripeSessionId: s.id, stripePaymentIntentId: s.payment_intent }],
    });
  });

  it('rejects forged, altered, unsigned and replayed (old) webhooks with 400 and applies none of them', async () => {
    const f = await file();
    const s = stripe.session(sessionOf((await pay(f)).body.checkoutUrl));
    stripe.pay(s.id, 'card');
    const event = stripe.event('checkout.session.completed', s);
    const forged = await stripe.deliver(event, { secret: 'whsec_someone_else' });
    const payload = JSON.stringify(event);
    const { default: Stripe } = await import('stripe');
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_koganei_stub_secret' });
    const altered = await stripe.deliver(payload.replace('"paid"', '"unpaid"'), { signature: header });
    const unsigned = await fetch(stripe.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: payload });
    const replayed = await stripe.deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    for (const res of [forged, altered, replayed])
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'WEBHOOK_SIGNATURE_INVALID' } } });
    expect(unsigned.status).toBe(400);
    expect(await server.testDb.db('stripe_events').where('id', event.id).first()).toBeUndefined();
    expect((await status(f)).payment.status).toBe('pending');
  });

  it('converges when events arrive out of order: a konbini payment confirmed before its "completed (unpaid)" event stays paid', async () => {
    const f = await file();
    const s = stripe.session(sessionOf((await pay(f)).body.checkoutUrl));
    stripe.pay(s.id, 'konbini');
    const completedUnpaid = stripe.event('checkout.session.completed', s);
    stripe.konbiniPaid(s.id);
    const succeeded = stripe.event('checkout.session.async_payment_succeeded', s);
    expect((await stripe.deliver(succeeded)).status).toBe(200);
    expect((await stripe.deliver(completedUnpaid)).status).toBe(200);
    expect(await status(f)).toMatchObject({ status: 'submitted', payment: { status: 'paid' } });
    const detail = await asStaff(server, shimin, `/staff/submissions/${f.referenceNumber}`);
    expect(detail.body.payment.attempts).toEqual([
      expect.objectContaining({ status: 'paid', method: { ja: 'コンビニ', en: 'Convenience store' } }),
    ]);
  });

  it('a konbini voucher waits as pending (no second session), and when it expires unpaid the resident can pay again', async () => {
    const f = await file();
    const first = sessionOf((await pay(f)).body.checkoutUrl);
    stripe.pay(first, 'konbini');
    await stripe.deliver(stripe.event('checkout.session.completed', stripe.session(first)));
    expect(await status(f)).toMatchObject({ status: 'awaiting_payment', payment: { status: 'pending', canPayOnline: false } });
    expect((await pay(f)).body.error.code).toBe('PAYMENT_PENDING');
    stripe.konbiniExpired(first);
    await stripe.deliver(stripe.event('checkout.session.async_payment_failed', stripe.session(first)));
    expect((await status(f)).payment).toMatchObject({ status: 'failed', statusLabel: { ja: '支払い失敗' }, canPayOnline: true });
    const again = await pay(f);
    expect(again.status).toBe(201);
    expect(sessionOf(again.body.checkoutUrl)).not.toBe(first);
  });

  it('when I come back from Stripe before the webhook, the return page asks Stripe and says paid', async () => {
    const f = await file();
    const s = stripe.session(sessionOf((await pay(f)).body.checkoutUrl));
    const open = await call(`${server.url}/api/payments/checkout/${s.id}`);
    expect(open.body).toMatchObject({
      referenceNumber: f.referenceNumber,
      amountYen: 600,
      attempt: 'open',
      paymentStatus: 'pending',
      canRetry: true,
    });
    stripe.pay(s.id, 'card');
    const paid = await call(`${server.url}/api/payments/checkout/${s.id}`);
    expect(paid.body).toMatchObject({
      attempt: 'paid',
      paymentStatus: 'paid',
      paymentStatusLabel: { ja: '支払済み' },
      canRetry: false,
      procedureTitle: { ja: '住民票の写しの交付請求（郵送）' },
    });
    expect((await call(`${server.url}/api/payments/checkout/cs_test_unknown`)).status).toBe(404);
  });

  it('when I cancel and try again, the first session is expired at Stripe before a new one is made, so I cannot pay twice', async () => {
    const f = await file();
    const first = sessionOf((await pay(f)).body.checkoutUrl);
    const retry = await call(`${server.url}/api/payments/checkout/${first}/retry`, { method: 'POST' });
    expect(retry.status).toBe(201);
    expect(stripe.session(first).status).toBe('expired');
    expect(stripe.requests.some((r) => r.path === `/v1/checkout/sessions/${first}/expire`)).toBe(true);
    const second = sessionOf(retry.body.checkoutUrl);
    stripe.pay(second, 'card');
    await stripe.deliver(stripe.event('checkout.session.completed', stripe.session(second)));
    // The expired session's event arrives late: nothing changes.
    await stripe.deliver(stripe.event('checkout.session.expired', stripe.session(first)));
    expect((await status(f)).payment).toMatchObject({ status: 'paid', paidYen: 600 });
    expect((await call(`${server.url}/api/payments/checkout/${second}/retry`, { method: 'POST' })).body.error.code).toBe('ALREADY_PAID');
  });

  it('when I withdraw while a checkout is open, the checkout is closed at Stripe so nothing can be paid', async () => {
    const f = await file();
    const session = sessionOf((await pay(f)).body.checkoutUrl);
    const res = await call(`${server.url}/api/submissions/withdrawal`, { method: 'POST', json: codes(f) });
    expect(res.body.status).toBe('withdrawn');
    expect(stripe.session(session).status).toBe('expired');
    expect(await status(f)).toMatchObject({ status: 'withdrawn', payment: { status: 'unpaid', canPayOnline: false } });
  });

  it('when I press pay in two tabs at once, only one checkout is left open', async () => {
    const f = await file();
    const results = await Promise.all([pay(f), pay(f), pay(f)]);
    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.body.error.code === 'PAYMENT_PENDING'))).toBe(true);
    const open = [...stripe.sessions.values()].filter((x) => x.client_reference_id === f.referenceNumber && x.status === 'open');
    expect(open).toHaveLength(1);
    const unfinished = await server.testDb
      .db('payments as p')
      .join('submissions as s', 's.id', 'p.submission_id')
      .where('s.reference_number', f.referenceNumber)
      .whereIn('p.status', ['open', 'pending']);
    expect(unfinished).toHaveLength(1);
  });

  it('when the webhook is lost, the periodic check asks Stripe and marks the payment paid', async () => {
    const f = await file();
    const s = stripe.session(sessionOf((await pay(f)).body.checkoutUrl));
    stripe.pay(s.id, 'card');
    // The job `payment-reconcile` (jobs/schedule.ts) runs this; sessions of any age here.
    expect((await server.paymentEvents.reconcile(0)).sessions).toBeGreaterThanOrEqual(1);
    expect((await status(f)).payment.status).toBe('paid');
    expect(stripe.requests.some((r) => r.method === 'GET' && r.path === `/v1/checkout/sessions/${s.id}`)).toBe(true);
  });

  it('when Stripe is down, paying answers 502 PAYMENT_PROVIDER_ERROR and nothing is left half-made', async () => {
    const f = await file();
    stripe.failNext = 10;
    const res = await pay(f);
    stripe.failNext = 0;
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('PAYMENT_PROVIDER_ERROR');
    expect((await status(f)).payment).toMatchObject({ status: 'unpaid', canPayOnline: true });
    expect((await pay(f)).status).toBe(201);
  });
});

describe('refunds', () => {
  const paid = async () => {
    const f = await file();
    const s = stripe.session(sessionOf((await pay(f)).body.checkoutUrl));
    stripe.pay(s.id, 'card');
    await stripe.deliver(stripe.event('checkout.session.completed', s));
    return { f, s };
  };
  const refund = (ref: string, json: unknown, who = shimin) =>
    asStaff(server, who, `/staff/submissions/${ref}/refunds`, { method: 'POST', json });

  it('refunds part then the rest through Stripe, with reasons; statuses 一部返金済み then 返金済み; never more than was paid', async () => {
    const { f, s } = await paid();
    expect(await refund(f.referenceNumber, { amountYen: 300, reason: '1通のみ交付' })).toMatchObject({
      status: 201,
      body: { status: 'succeeded' },
    });
    expect((await status(f)).payment).toMatchObject({
      status: 'partially_refunded',
      statusLabel: { ja: '一部返金済み' },
      paidYen: 600,
      refundedYen: 300,
    });
    const sent = stripe.requests.filter((r) => r.path === '/v1/refunds').at(-1)!;
    expect(sent.form).toMatchObject({ payment_intent: s.payment_intent, amount: '300' });
    expect(sent.idempotencyKey).toMatch(/^refund-\d+$/u);
    const tooMuch = await refund(f.referenceNumber, { amountYen: 301, reason: '誤り' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.fields[0]).toMatchObject({ pointer: '/amountYen', message: { ja: expect.stringContaining('300円以下') } });
    expect((await refund(f.referenceNumber, { amountYen: 300 })).body.error.fields[0].pointer).toBe('/reason');
    expect((await refund(f.referenceNumber, { amountYen: 300, reason: '申請の取下げ' })).status).toBe(201);
    expect((await status(f)).payment).toMatchObject({ status: 'refunded', refundedYen: 600 });
    expect((await refund(f.referenceNumber, { amountYen: 1, reason: 'もう一度' })).body.error.code).toBe('NOTHING_TO_REFUND');
    expect((await refund(f.referenceNumber, { amountYen: 1, reason: '他課' }, gomi)).status).toBe(404);
  });

  it('a refund Stripe is still processing follows its events, in any order', async () => {
    const { f } = await paid();
    stripe.refundStatus = 'pending';
    expect((await refund(f.referenceNumber, { amountYen: 600, reason: '交付できないため' })).body.status).toBe('pending');
    stripe.refundStatus = 'succeeded';
    const r = [...stripe.refunds.values()].at(-1)!;
    const created = stripe.event('refund.created', { ...r, status: 'pending' });
    const updated = stripe.event('refund.updated', { ...r, status: 'succeeded' });
    await stripe.deliver(updated);
    await stripe.deliver(created);
    const detail = await asStaff(server, shimin, `/staff/submissions/${f.referenceNumber}`);
    expect(detail.body.payment.refunds).toEqual([
      expect.objectContaining({ amountYen: 600, status: 'succeeded', reason: '交付できないため', stripeRefundId: r.id }),
    ]);
    expect(detail.body.payment.status).toBe('refunded');
  });

  it('when Stripe cannot be reached, the refund is kept as requested (202) and the periodic check sends it with the same idempotency key', async () => {
    const { f } = await paid();
    stripe.failNext = 10;
    const res = await refund(f.referenceNumber, { amountYen: 200, reason: '一部交付' });
    stripe.failNext = 0;
    expect(res).toMatchObject({ status: 202, body: { status: 'requested' } });
    const tried = stripe.requests.filter((r) => r.path === '/v1/refunds').at(-1)!;
    await server.paymentEvents.reconcile(0);
    const sent = stripe.requests.filter((r) => r.path === '/v1/refunds').at(-1)!;
    expect(sent.idempotencyKey).toBe(tried.idempotencyKey);
    const detail = await asStaff(server, shimin, `/staff/submissions/${f.referenceNumber}`);
    expect(detail.body.payment.refunds).toEqual([expect.objectContaining({ amountYen: 200, status: 'succeeded' })]);
    expect(detail.body.payment.status).toBe('partially_refunded');
  });

  it("the day's settlement CSV lists the department's payments and refunds with Stripe ids and a total, for Excel", async () => {
    const { f, s } = await paid();
    await refund(f.referenceNumber, { amountYen: 300, reason: '1通のみ交付' });
    const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    const res = await fetch(`${server.url}/api/staff/settlement.csv?date=${day}`, { headers: { Cookie: shimin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`settlement-shimin-${day}.csv`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      '日時,受付番号,手続,区分,金額（円）,支払方法,Stripe決済ID,Stripe Checkoutセッション,Stripe返金ID,返金理由,返金の状態',
    );
    const mine = lines.filter((l) => l.includes(f.referenceNumber));
    expect(mine).toEqual([
      expect.stringContaining(`,入金,600,クレジットカード,${s.payment_intent},${s.id},,,`),
      expect.stringMatching(new RegExp(`,返金,-300,クレジットカード,${s.payment_intent},${s.id},re_test_\\w+,1通のみ交付,返金済み$`, 'u')),
    ]);
    const amounts = lines.slice(1, -1).map((l) => Number(l.split(',')[4]));
    expect(lines.at(-1)).toBe(`合計,,,,${amounts.reduce((a, b) => a + b, 0)},,,,,,`);
    const other = await (await fetch(`${server.url}/api/staff/settlement.csv?date=${day}`, { headers: { Cookie: gomi.cookie } })).text();
    expect(other).not.toContain(f.referenceNumber);
    expect((await asStaff(server, shimin, '/staff/settlement.csv?date=24-11-2026')).status).toBe(422);
  });
});

describe('paying after review (粗大ごみ: 事後決済)', () => {
  it('staff set the amount, the resident is asked to pay, pays, and only then can it be completed', async () => {
    const answers = clone(definition('sodai-gomi').examples[0]) as any;
    answers.applicant.email = 'daisuke@example.jp';
    const f = await file('sodai-gomi', answers);
    expect(f).toMatchObject({
      status: 'submitted',
      payment: { status: null, amountYen: null, timing: 'after_review', canPayOnline: false },
    });
    expect((await pay(f)).body.error.code).toBe('FEE_NOT_SET');
    const ref = f.referenceNumber;
    expect((await asStaff(server, gomi, `/staff/submissions/${ref}/fee`, { method: 'PUT', json: { amountYen: 0 } })).status).toBe(422);
    expect((await asStaff(server, gomi, `/staff/submissions/${ref}/fee`, { method: 'PUT', json: { amountYen: 1200 } })).status).toBe(204);
    expect((await status(f)).payment).toMatchObject({ status: 'unpaid', amountYen: 1200, canPayOnline: true });
    const request = await server.testDb
      .db('mail_outbox as m')
      .join('submissions as s', 's.id', 'm.submission_id')
      .where('s.reference_number', ref)
      .orderBy('m.id', 'desc')
      .first('m.subject', 'm.body_text');
    expect(request.subject).toContain('手数料のお支払いのお願い');
    expect(request.body_text).toContain('1,200円');
    await asStaff(server, gomi, `/staff/submissions/${ref}/transitions`, { method: 'POST', json: { to: 'in_review' } });
    const early = await asStaff(server, gomi, `/staff/submissions/${ref}/transitions`, { method: 'POST', json: { to: 'approved' } });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'PAYMENT_OUTSTANDING' } } });
    const s = stripe.session(sessionOf((await pay(f)).body.checkoutUrl));
    expect(s).toMatchObject({ amount_total: 1200, line_items: [{ unit_amount: 1200, quantity: 1 }] });
    expect(
      (await asStaff(server, gomi, `/staff/submissions/${ref}/fee`, { method: 'PUT', json: { amountYen: 1500 } })).body.error.code,
    ).toBe('FEE_LOCKED');
    stripe.pay(s.id, 'card');
    await stripe.deliver(stripe.event('checkout.session.completed', s));
    expect(
      (await asStaff(server, gomi, `/staff/submissions/${ref}/transitions`, { method: 'POST', json: { to: 'approved' } })).status,
    ).toBe(200);
    expect(await status(f)).toMatchObject({ status: 'approved', payment: { status: 'paid', paidYen: 1200 } });
  });

  it('a fee that follows from the answers cannot be set by staff', async () => {
    const f = await file();
    expect(
      (await asStaff(server, shimin, `/staff/submissions/${f.referenceNumber}/fee`, { method: 'PUT', json: { amountYen: 100 } })).body.error
        .code,
    ).toBe('FEE_FIXED');
  });
});

describe('the DX office dashboard', () => {
  it('counts a submission as filed only once its at-submission fee is paid, and gives the share of fees paid cashless', async () => {
    await addStaff(server, 'dx@koganei.example', 'dx');
    const dx = await login(server, 'dx@koganei.example');
    const figures = async () => (await asStaff(server, dx, '/dx/dashboard')).body.work.find((w: any) => w.id === 'juminhyo-copy');
    const before = await figures();
    await file(); // left unpaid: 支払待ち, not filed yet
    const counter = await file();
    expect(
      (
        await asStaff(server, shimin, `/staff/submissions/${counter.referenceNumber}/counter-payments`, {
          method: 'POST',
          json: { amountYen: 600 },
        })
      ).status,
    ).toBe(201);
    const after = await figures();
    expect(after.submissions).toBe(before.submissions + 1);
    const paid = await server.testDb
      .db('payments as p')
      .join('submissions as s', 's.id', 'p.submission_id')
      .where({ 'p.status': 'paid', 's.procedure_id': 'juminhyo-copy' })
      .select('p.provider');
    const online = paid.filter((p: any) => p.provider === 'stripe').length;
    expect(online).toBeGreaterThan(0);
    expect(after.cashlessShare).toBe(Math.round((online / paid.length) * 1000) / 1000);
    expect(after.cashlessShare).toBeLessThan(1);
  });
});

describe('what Stripe says is checked', () => {
  it('a paid amount other than the fee owed is flagged to staff, not taken as paid, and blocks paying again', async () => {
    const f = await file();
    const s = stripe.session(sessionOf((await pay(f)).body.checkoutUrl));
    stripe.pay(s.id, 'card');
    const tampered = { ...s, amount_total: 1 };
    expect((await stripe.deliver(stripe.event('checkout.session.completed', tampered))).status).toBe(200);
    const after = await status(f);
    expect(after).toMatchObject({ status: 'awaiting_payment', payment: { status: 'pending', paidYen: 0 } });
    const detail = await asStaff(server, shimin, `/staff/submissions/${f.referenceNumber}`);
    expect(detail.body.history.map((h: any) => h.text)).toContainEqual(
      expect.stringContaining('決済額が手数料と一致しません（決済 1円／手数料 600円）'),
    );
    expect(detail.body.payment.attempts).toContainEqual(expect.objectContaining({ status: 'mismatch', amountYen: 600 }));
    const audit = await server.testDb.db('audit_log').where({ action: 'payment.amount_mismatch', target: f.referenceNumber });
    expect(audit).toHaveLength(1);
    expect((await pay(f)).body.error.code).toBe('PAYMENT_PENDING');
  });

  it('an event whose effect cannot be applied is not recorded, so Stripe’s retry applies it', async () => {
    const f = await file();
    const s = stripe.session(sessionOf((await pay(f)).body.checkoutUrl));
    stripe.pay(s.id, 'card');
    const event = stripe.event('checkout.session.completed', s);
    const db = server.testDb.db;
    // The database refuses the effect (a trigger standing in for any failure mid-way).
    if (server.testDb.kind === 'postgres') {
      await db.raw("create function refuse_payment() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$");
      await db.raw(
        "create trigger refuse_payment before update on payments for each row when (new.status = 'paid') execute function refuse_payment()",
      );
    } else {
      await db.raw(
        "create trigger refuse_payment before update on payments when new.status = 'paid' begin select raise(abort, 'refused'); end",
      );
    }
    expect((await stripe.deliver(event)).status).toBe(500);
    expect(await db('stripe_events').where('id', event.id)).toEqual([]);
    expect((await status(f)).payment.status).not.toBe('paid');
    await db.raw(server.testDb.kind === 'postgres' ? 'drop trigger refuse_payment on payments' : 'drop trigger refuse_payment');
    expect(await stripe.deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect((await status(f)).payment.status).toBe('paid');
  });
});
