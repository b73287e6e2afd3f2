/**
 * A local stand-in for Stripe's servers: it answers the API calls the platform makes through
 * Stripe's official SDK (Checkout Sessions create/retrieve/expire, refunds create/retrieve), keeps
 * their state, and serves a minimal hosted checkout page for browser tests. Webhook deliveries are
 * signed with the SDK's own test helper (Stripe.webhooks.generateTestHeaderString), so the
 * platform's real signature check runs on them.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export const STRIPE_SECRET_KEY = 'sk_test_koganei_stub';
export const STRIPE_WEBHOOK_SECRET = 'whsec_koganei_stub_secret';

export interface StubSession {
  id: string;
  object: 'checkout.session';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid';
  amount_total: number;
  currency: 'jpy';
  url: string | null;
  payment_intent: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  allowed_payment_method_types: string[];
  line_items: { name: string; unit_amount: number; quantity: number }[];
  livemode: false;
  /** Stub only: the PaymentIntent's status. */
  pi_status: string | null;
}

export interface StubRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: 'jpy';
  payment_intent: string;
  status: string;
  reason: string | null;
  metadata: Record<string, string>;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

export class StripeStub {
  readonly sessions = new Map<string, StubSession>();
  readonly refunds = new Map<string, StubRefund>();
  /** Every API request received: method, path, form fields and headers that matter. */
  readonly requests: { method: string; path: string; form: Record<string, string>; idempotencyKey: string | null }[] = [];
  /** Refund status Stripe answers with (succeeded, or pending to test later events). */
  refundStatus = 'succeeded';
  /** When > 0, that many API requests are answered 500 (Stripe outage). */
  failNext = 0;
  /** Where deliveries go (the app's webhook endpoint); set by the test. */
  webhookUrl = '';
  url = '';
  private readonly byIdempotencyKey = new Map<string, unknown>();
  private server: Server | null = null;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** The resident pays: by card (paid at once) or konbini (voucher issued; paid later with `konbiniPaid`). */
  pay(sessionId: string, method: 'card' | 'konbini' = 'card'): StubSession {
    const s = this.session(sessionId);
    s.status = 'complete';
    s.payment_intent = s.payment_intent ?? id('pi');
    s.payment_status = method === 'card' ? 'paid' : 'unpaid';
    s.pi_status = method === 'card' ? 'succeeded' : 'requires_action';
    return s;
  }

  konbiniPaid(sessionId: string): StubSession {
    const s = this.session(sessionId);
    s.payment_status = 'paid';
    s.pi_status = 'succeeded';
    return s;
  }

  konbiniExpired(sessionId: string): StubSession {
    const s = this.session(sessionId);
    s.pi_status = 'canceled';
    return s;
  }

  session(sessionId: string): StubSession {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    return s;
  }

  lastSession(): StubSession {
    const all = [...this.sessions.values()];
    if (all.length === 0) throw new Error('no session created');
    return all.at(-1)!;
  }

  /** An Event as Stripe sends it, carrying a snapshot of the object. */
  event(type: string, object: StubSession | StubRefund): Stripe.Event {
    const { pi_status: _pi, line_items: _li, ...rest } = object as StubSession;
    return { id: id('evt'), object: 'event', type, api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object: structuredClone(object.object === 'refund' ? object : rest) } } as unknown as Stripe.Event;
  }

  /** Signs the payload with the SDK's test helper (or a given secret/timestamp) and posts it. */
  async deliver(event: Stripe.Event | string, options: { secret?: string; timestamp?: number; signature?: string; url?: string } = {}): Promise<{ status: number; body: any }> {
    const payload = typeof event === 'string' ? event : JSON.stringify(event, null, 2);
    const header = options.signature ?? Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? STRIPE_WEBHOOK_SECRET, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });
    const res = await fetch(options.url ?? this.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header }, body: payload });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };

    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    // The hosted checkout page (what checkout.stripe.com shows), for browser tests.
    const page = /^\/pay\/(cs_[\w]+)$/u.exec(url.pathname);
    if (page) return this.checkoutPage(req, res, page[1]!);

    if (req.headers.authorization !== `Bearer ${STRIPE_SECRET_KEY}`) return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    const form = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : raw));
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    this.requests.push({ method: req.method ?? '', path: url.pathname, form, idempotencyKey });
    if (this.failNext > 0) {
      this.failNext -= 1;
      return send(500, { error: { type: 'api_error', message: 'Stub outage' } });
    }
    const replay = idempotencyKey ? this.byIdempotencyKey.get(`${req.method} ${url.pathname} ${idempotencyKey}`) : undefined;
    if (replay) return send(200, replay);
    const answer = (body: unknown) => {
      if (idempotencyKey && req.method === 'POST') this.byIdempotencyKey.set(`${req.method} ${url.pathname} ${idempotencyKey}`, body);
      send(200, body);
    };

    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      if (form.mode !== 'payment' || form.currency !== 'jpy') return send(400, { error: { type: 'invalid_request_error', message: 'mode=payment and currency=jpy expected' } });
      const items: StubSession['line_items'] = [];
      for (let i = 0; form[`line_items[${i}][quantity]`] !== undefined; i += 1) {
        items.push({ name: form[`line_items[${i}][price_data][product_data][name]`] ?? '', unit_amount: Number(form[`line_items[${i}][price_data][unit_amount]`]), quantity: Number(form[`line_items[${i}][quantity]`]) });
      }
      const sid = id('cs');
      const metadata = Object.fromEntries(Object.entries(form).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v]));
      const session: StubSession = {
        id: sid,
        object: 'checkout.session',
        status: 'open',
        payment_status: 'unpaid',
        amount_total: items.reduce((n, i) => n + i.unit_amount * i.quantity, 0),
        currency: 'jpy',
        url: `${this.url}/pay/${sid}`,
        payment_intent: null,
        client_reference_id: form.client_reference_id ?? null,
        metadata,
        success_url: form.success_url ?? '',
        cancel_url: form.cancel_url ?? '',
        expires_at: Number(form.expires_at),
        allowed_payment_method_types: Object.entries(form).filter(([k]) => k.startsWith('allowed_payment_method_types[')).map(([, v]) => v),
        line_items: items,
        livemode: false,
        pi_status: null,
      };
      this.sessions.set(sid, session);
      return answer(this.sessionJson(session, false));
    }
    const one = /^\/v1\/checkout\/sessions\/(cs_[\w]+)(\/expire)?$/u.exec(url.pathname);
    if (one) {
      const s = this.sessions.get(one[1]!);
      if (!s) return send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such checkout.session' } });
      if (one[2] && req.method === 'POST') {
        if (s.status !== 'open') return send(400, { error: { type: 'invalid_request_error', message: 'Only open sessions can be expired' } });
        s.status = 'expired';
        s.url = null;
      }
      return answer(this.sessionJson(s, url.searchParams.getAll('expand[]').includes('payment_intent') || url.searchParams.getAll('expand[0]').includes('payment_intent')));
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      const pi = form.payment_intent ?? '';
      const paid = [...this.sessions.values()].find((s) => s.payment_intent === pi && s.payment_status === 'paid');
      if (!paid) return send(400, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } });
      const already = [...this.refunds.values()].filter((r) => r.payment_intent === pi && r.status !== 'failed').reduce((n, r) => n + r.amount, 0);
      const amount = Number(form.amount ?? paid.amount_total - already);
      if (amount + already > paid.amount_total) return send(400, { error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Refund amount exceeds the charge' } });
      const metadata = Object.fromEntries(Object.entries(form).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v]));
      const refund: StubRefund = { id: id('re'), object: 'refund', amount, currency: 'jpy', payment_intent: pi, status: this.refundStatus, reason: form.reason ?? null, metadata };
      this.refunds.set(refund.id, refund);
      return answer(refund);
    }
    const refund = /^\/v1\/refunds\/(re_[\w]+)$/u.exec(url.pathname);
    if (refund && req.method === 'GET') {
      const r = this.refunds.get(refund[1]!);
      return r ? answer(r) : send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such refund' } });
    }
    send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` } });
  }

  private sessionJson(s: StubSession, expandIntent: boolean) {
    const { pi_status, line_items: _items, ...rest } = s;
    return { ...rest, payment_intent: expandIntent && s.payment_intent ? { id: s.payment_intent, object: 'payment_intent', status: pi_status, amount: s.amount_total, currency: 'jpy' } : s.payment_intent };
  }

  /** GET shows the amount and a pay button; POST pays by card, delivers the webhook, returns to success_url. */
  private async checkoutPage(req: IncomingMessage, res: ServerResponse, sessionId: string): Promise<void> {
    const s = this.sessions.get(sessionId);
    if (!s || s.status !== 'open') {
      res.writeHead(410, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="ja"><title>期限切れ</title><main><h1>このお支払い画面は使えません</h1></main></html>');
      return;
    }
    if (req.method === 'POST') {
      this.pay(sessionId, 'card');
      await this.deliver(this.event('checkout.session.completed', s));
      res.writeHead(303, { Location: s.success_url.replace('{CHECKOUT_SESSION_ID}', s.id) }).end();
      return;
    }
    const items = s.line_items.map((i) => `<li>${i.name}：${i.unit_amount}円 × ${i.quantity}</li>`).join('');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>お支払い（テスト用 Stripe Checkout）</title></head>
<body><main><h1>お支払い（テスト）</h1><ul>${items}</ul><p>合計 <strong id="total">${s.amount_total}円</strong></p>
<form method="post"><button type="submit">${s.amount_total}円を支払う</button></form>
<p><a href="${s.cancel_url.replace('{CHECKOUT_SESSION_ID}', s.id)}">戻る</a></p></main></body></html>`);
  }
}

export async function startStripeStub(): Promise<StripeStub> {
  return new StripeStub().start();
}

/** Environment for an app that talks to the stub. */
export function stripeEnv(stub: StripeStub, extra: Record<string, string> = {}): Record<string, string> {
  return { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE: stub.url, ...extra };
}
