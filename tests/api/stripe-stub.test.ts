/**
 * The local stand-in for Stripe's servers, checked with Stripe's real SDK and no app server: it
 * accepts exactly what our gateway sends, answers with objects the SDK reads, and refuses unknown
 * or missing parameters the way Stripe does (HTTP 400, invalid_request_error, parameter_unknown /
 * parameter_missing, naming the parameter), so it cannot drift from the API unnoticed.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripeGateway } from '../../server/payments/gateway.ts';
import { startStripeStub, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, type StripeStub } from '../helpers/stripe-stub.ts';

let stub: StripeStub;
let stripe: Stripe;

beforeAll(async () => {
  stub = await startStripeStub();
  const base = new URL(stub.url);
  // As server/payments/gateway.ts points the SDK at STRIPE_API_BASE; no retries, so each call is one request.
  stripe = new Stripe(STRIPE_SECRET_KEY, { host: base.hostname, port: base.port, protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(async () => {
  await stub.stop();
});

let paymentIds = 0;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** What StripeGateway.createCheckout sends for 住民票の写し, 300 yen x 2, by card or konbini. */
function sessionParams(referenceNumber = 'ACD-EFG-HJK'): Stripe.Checkout.SessionCreateParams {
  const paymentId = String((paymentIds += 1));
  return {
    mode: 'payment',
    currency: 'jpy',
    locale: 'ja',
    allowed_payment_method_types: ['card', 'konbini'],
    line_items: [
      { quantity: 2, price_data: { currency: 'jpy', unit_amount: 300, product_data: { name: '住民票の写しの交付請求（郵送）' } } },
    ],
    client_reference_id: referenceNumber,
    metadata: { paymentId, referenceNumber },
    payment_intent_data: { metadata: { paymentId, referenceNumber } },
    payment_method_options: { konbini: { expires_after_days: 3 } },
    success_url: 'https://shinsei.koganei.example/payments/return?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://shinsei.koganei.example/payments/return?session_id={CHECKOUT_SESSION_ID}&cancelled=1',
    expires_at: inAnHour(),
  };
}

/** What StripeGateway.createRefund sends. */
function refundParams(paymentIntent: string): Stripe.RefundCreateParams {
  return {
    payment_intent: paymentIntent,
    amount: 300,
    reason: 'requested_by_customer',
    metadata: { refundId: '1', referenceNumber: 'ACD-EFG-HJK' },
  };
}

/** The error the SDK throws for a call (fails the test when the call succeeds). */
async function refusal(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the stub accepted the call').toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

/** A paid session's PaymentIntent id. */
async function paidIntent(): Promise<string> {
  const session = await stripe.checkout.sessions.create(sessionParams());
  return stub.pay(session.id, 'card').payment_intent!;
}

describe('Checkout Sessions', () => {
  it('a session made with exactly the parameters the gateway sends is accepted, and reads back through the SDK', async () => {
    const params = sessionParams('KLM-NPQ-RST');
    const created = await stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-stub-test-1' });
    expect(created).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 600,
      currency: 'jpy',
      locale: 'ja',
      client_reference_id: 'KLM-NPQ-RST',
      metadata: params.metadata,
      allowed_payment_method_types: ['card', 'konbini'],
      success_url: params.success_url,
      cancel_url: params.cancel_url,
      expires_at: params.expires_at,
      payment_intent: null,
      livemode: false,
    });
    expect(created.id).toMatch(/^cs_test_\w+$/u);
    expect(created.url).toBe(`${stub.url}/pay/${created.id}`);
    // The nested form fields arrived as the SDK encodes them.
    const sent = stub.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)!;
    expect(sent.idempotencyKey).toBe('checkout-stub-test-1');
    expect(sent.form).toMatchObject({
      'line_items[0][price_data][currency]': 'jpy',
      'line_items[0][price_data][product_data][name]': '住民票の写しの交付請求（郵送）',
      'allowed_payment_method_types[1]': 'konbini',
      'payment_method_options[konbini][expires_after_days]': '3',
    });
    expect(stub.session(created.id).line_items).toEqual([{ name: '住民票の写しの交付請求（郵送）', unit_amount: 300, quantity: 2 }]);

    expect(await stripe.checkout.sessions.retrieve(created.id)).toEqual(created);
    stub.pay(created.id, 'card');
    const paid = await stripe.checkout.sessions.retrieve(created.id, { expand: ['payment_intent'] });
    expect(paid).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      payment_intent: {
        object: 'payment_intent',
        id: stub.session(created.id).payment_intent,
        status: 'succeeded',
        amount: 600,
        currency: 'jpy',
      },
    });
  });

  it('an open session is expired through the SDK; expiring it again is refused', async () => {
    const { id } = await stripe.checkout.sessions.create(sessionParams());
    expect(await stripe.checkout.sessions.expire(id)).toMatchObject({ id, status: 'expired', url: null });
    const again = await refusal(stripe.checkout.sessions.expire(id));
    expect(again).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
  });

  it('an unknown parameter is refused with parameter_unknown naming it, at the top level or nested', async () => {
    const before = stub.sessions.size;
    const typo = { ...sessionParams(), succes_url: 'https://shinsei.koganei.example/' };
    const top = await refusal(stripe.checkout.sessions.create(typo));
    expect(top).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(top).toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'succes_url',
      message: 'Received unknown parameter: succes_url',
    });

    const params = sessionParams();
    const item = {
      ...params.line_items![0]!,
      price_data: { ...params.line_items![0]!.price_data!, product_data: { name: '住民票', colour: 'blue' } },
    };
    const nested = await refusal(stripe.checkout.sessions.create({ ...params, line_items: [item] }));
    expect(nested).toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'parameter_unknown',
      param: 'line_items[0][price_data][product_data][colour]',
    });

    // A parameter Stripe has but the gateway does not send is not in the description either: the
    // gateway cannot start sending one without the description (typed against the SDK) growing.
    const unlisted = await refusal(stripe.checkout.sessions.create({ ...sessionParams(), customer_email: 'taro@example.jp' }));
    expect(unlisted).toMatchObject({ code: 'parameter_unknown', param: 'customer_email' });
    expect(stub.sessions.size).toBe(before);
  });

  it('a missing required parameter is refused with parameter_missing naming it, at the top level or nested', async () => {
    const before = stub.sessions.size;
    const { mode: _mode, ...noMode } = sessionParams();
    const top = await refusal(stripe.checkout.sessions.create(noMode));
    expect(top).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(top).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'mode' });

    const { line_items: _items, ...noItems } = sessionParams();
    expect(await refusal(stripe.checkout.sessions.create(noItems))).toMatchObject({ code: 'parameter_missing', param: 'line_items' });

    const params = sessionParams();
    const { currency: _currency, ...priceData } = params.line_items![0]!.price_data!;
    const nested = await refusal(
      stripe.checkout.sessions.create({
        ...params,
        line_items: [{ quantity: 1, price_data: priceData as Stripe.Checkout.SessionCreateParams.LineItem.PriceData }],
      }),
    );
    expect(nested).toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'parameter_missing',
      param: 'line_items[0][price_data][currency]',
    });
    expect(stub.sessions.size).toBe(before);
  });

  it('a value of the wrong kind is refused: an amount that is not an integer, an expansion the stub cannot make', async () => {
    const params = sessionParams();
    const notInteger = {
      ...params,
      line_items: [
        { quantity: 2, price_data: { currency: 'jpy', unit_amount: '300円' as unknown as number, product_data: { name: '住民票' } } },
      ],
    };
    expect(await refusal(stripe.checkout.sessions.create(notInteger))).toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'line_items[0][price_data][unit_amount]',
    });
    const { id } = await stripe.checkout.sessions.create(params);
    expect(await refusal(stripe.checkout.sessions.retrieve(id, { expand: ['line_items'] }))).toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'expand[0]',
    });
  });

  it("answers in Stripe's error shape over plain HTTP", async () => {
    const res = await fetch(`${stub.url}/v1/checkout/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${STRIPE_SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'mode=payment&currency=jpy&line_items[0][quantity]=1&line_items[0][price_data][currency]=jpy&line_items[0][price_data][unit_amount]=300&line_items[0][price_data][product_data][name]=x&line_items[0][price_data][product_data][nickname]=y',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'parameter_unknown',
        param: 'line_items[0][price_data][product_data][nickname]',
        message: 'Received unknown parameter: line_items[0][price_data][product_data][nickname]',
        doc_url: 'https://docs.stripe.com/error-codes/parameter-unknown',
      },
    });
  });
});

describe('refunds', () => {
  it('a refund made with exactly the parameters the gateway sends is accepted, and reads back through the SDK', async () => {
    const pi = await paidIntent();
    const refund = await stripe.refunds.create(refundParams(pi), { idempotencyKey: 'refund-stub-test-1' });
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 300,
      currency: 'jpy',
      payment_intent: pi,
      status: 'succeeded',
      reason: 'requested_by_customer',
      metadata: { refundId: '1', referenceNumber: 'ACD-EFG-HJK' },
    });
    expect(refund.id).toMatch(/^re_test_\w+$/u);
    expect(await stripe.refunds.retrieve(refund.id)).toEqual(refund);
  });

  it('an unknown parameter is refused with parameter_unknown, a missing payment_intent with parameter_missing, and nothing is refunded', async () => {
    const pi = await paidIntent();
    const before = stub.refunds.size;
    const unknown = await refusal(stripe.refunds.create({ ...refundParams(pi), amount_yen: 300 } as Stripe.RefundCreateParams));
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'amount_yen' });
    expect(await refusal(stripe.refunds.create({ ...refundParams(pi), metadata: { refundId: '2' }, charge: 'ch_test_1' }))).toMatchObject({
      code: 'parameter_unknown',
      param: 'charge',
    });

    const { payment_intent: _pi, ...noIntent } = refundParams(pi);
    const missing = await refusal(stripe.refunds.create(noIntent));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'payment_intent' });

    expect(await refusal(stripe.refunds.create({ ...refundParams(pi), reason: 'changed_mind' }))).toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'reason',
    });
    expect(stub.refunds.size).toBe(before);
  });
});

describe('the gateway against the stub', () => {
  it('every call StripeGateway makes (server/payments/gateway.ts) is accepted and understood', async () => {
    const gateway = new StripeGateway({ secretKey: STRIPE_SECRET_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET, apiBase: stub.url });
    const request = {
      referenceNumber: 'UVW-XYZ-ACD',
      productName: '粗大ごみ処理手数料',
      unitYen: 1200,
      quantity: 1,
      successUrl: 'https://shinsei.koganei.example/ok',
      cancelUrl: 'https://shinsei.koganei.example/back',
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    const byCard = await gateway.createCheckout({ ...request, paymentId: 9001, methods: ['card'] });
    expect(byCard).toMatchObject({ status: 'open', paymentStatus: 'unpaid', amountTotal: 1200, paymentIntentId: null });
    const both = await gateway.createCheckout({ ...request, paymentId: 9002, methods: ['card', 'konbini'] });
    expect(stub.session(both.id).allowed_payment_method_types).toEqual(['card', 'konbini']);
    expect(await gateway.expireCheckout(both.id)).toMatchObject({ id: both.id, status: 'expired' });

    stub.pay(byCard.id, 'card');
    const paid = await gateway.retrieveCheckout(byCard.id);
    expect(paid).toMatchObject({ status: 'complete', paymentStatus: 'paid', paymentIntentStatus: 'succeeded', amountTotal: 1200 });
    const refund = await gateway.createRefund({
      refundId: 77,
      paymentIntentId: paid.paymentIntentId!,
      amountYen: 500,
      referenceNumber: request.referenceNumber,
    });
    expect(refund.status).toBe('succeeded');
    expect(await gateway.retrieveRefund(refund.id)).toEqual(refund);
  });
});
