/**
 * A local stand-in for Stripe's servers: it answers the API calls the platform makes through
 * Stripe's official SDK (Checkout Sessions create/retrieve/expire, refunds create/retrieve), keeps
 * their state, and serves a minimal hosted checkout page for browser tests. Webhook deliveries are
 * signed with the SDK's own test helper (Stripe.webhooks.generateTestHeaderString), so the
 * platform's real signature check runs on them.
 *
 * It cannot drift from Stripe's API silently:
 * - every request's form-encoded parameters (nested ones like line_items[0][price_data][currency]
 *   included) are checked against a strict description of what each endpoint accepts for what our
 *   gateway sends, and refused as Stripe refuses them (HTTP 400, invalid_request_error with
 *   parameter_unknown / parameter_missing / parameter_invalid_integer and the parameter's name);
 * - those descriptions are typed against the SDK's parameter types (`satisfies
 *   ParamFields<Stripe.Checkout.SessionCreateParams>` ...), and every object the stub answers with
 *   against the SDK's object types (Pick<Stripe.Checkout.Session, ...>, Pick<Stripe.Refund, ...>,
 *   the Stripe.Event envelope), so a parameter or field the SDK renames or retypes fails `tsc`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export const STRIPE_SECRET_KEY = 'sk_test_koganei_stub';
export const STRIPE_WEBHOOK_SECRET = 'whsec_koganei_stub_secret';

// ---------------------------------------------------------------------------------------------
// Objects, typed against the SDK.

type SessionField =
  | 'id'
  | 'object'
  | 'mode'
  | 'status'
  | 'payment_status'
  | 'amount_total'
  | 'currency'
  | 'locale'
  | 'url'
  | 'payment_intent'
  | 'client_reference_id'
  | 'metadata'
  | 'success_url'
  | 'cancel_url'
  | 'created'
  | 'expires_at'
  | 'allowed_payment_method_types'
  | 'livemode';

/** A Checkout Session as the stub keeps it: Stripe's fields (as the SDK types them, narrowed) and two of the stub's own. */
export interface StubSession extends Pick<Stripe.Checkout.Session, SessionField> {
  mode: 'payment';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid';
  amount_total: number;
  currency: 'jpy';
  payment_intent: string | null;
  metadata: Record<string, string>;
  allowed_payment_method_types: string[];
  livemode: false;
  /** Stub only (Stripe lists them at /line_items): what is being paid for. */
  line_items: { name: string; unit_amount: number; quantity: number }[];
  /** Stub only: the PaymentIntent's status. */
  pi_status: Stripe.PaymentIntent.Status | null;
}

/** The PaymentIntent as the stub shows it when a session is retrieved with expand[]=payment_intent. */
type StubPaymentIntent = Pick<Stripe.PaymentIntent, 'id' | 'object' | 'status' | 'amount' | 'currency'>;

/** A Checkout Session as the stub answers with it (and as events carry it). */
export type SessionJson = Omit<StubSession, 'line_items' | 'pi_status' | 'payment_intent'> & {
  payment_intent: Stripe.Checkout.Session['payment_intent'] extends infer P
    ? P extends Stripe.PaymentIntent
      ? StubPaymentIntent
      : P
    : never;
};

type RefundField = 'id' | 'object' | 'amount' | 'currency' | 'payment_intent' | 'status' | 'reason' | 'metadata' | 'created';

export interface StubRefund extends Pick<Stripe.Refund, RefundField> {
  currency: 'jpy';
  payment_intent: string;
  status: string;
  metadata: Record<string, string>;
}

type SessionEvent =
  | Stripe.CheckoutSessionCompletedEvent
  | Stripe.CheckoutSessionAsyncPaymentSucceededEvent
  | Stripe.CheckoutSessionAsyncPaymentFailedEvent
  | Stripe.CheckoutSessionExpiredEvent;
type RefundEvent = Stripe.RefundCreatedEvent | Stripe.RefundUpdatedEvent | Stripe.RefundFailedEvent;
/** An event's envelope as the SDK types it, carrying the stub's (partial) object. */
type StubEvent<E extends Stripe.Event, O> = Omit<E, 'data'> & { data: { object: O } };

/** An error body as Stripe answers it. */
type ErrorBody = { error: Stripe.StripeRawError };

// ---------------------------------------------------------------------------------------------
// Parameters: what each endpoint accepts, for what our gateway (server/payments/gateway.ts) sends.

type Present<V> = Exclude<NonNullable<V>, ''>;
type KindOf<V> = [V] extends [readonly (infer E)[]]
  ? { each: ParamSpec<E> }
  : [V] extends [number]
    ? { type: 'integer' }
    : [V] extends [boolean]
      ? { type: 'boolean' }
      : [V] extends [string]
        ? { type: 'string'; oneOf?: readonly V[] }
        : string extends keyof V
          ? { type: 'map' } // metadata: any key, string values
          : { fields: ParamFields<V> };
/** One parameter, described so that it has to exist, with the same kind, in the SDK's parameter type `V`. */
export type ParamSpec<V> = { required?: true } & KindOf<Present<V>>;
/** Parameters by name: a name the SDK does not have (or renames) is a type error. */
export type ParamFields<T> = { [K in keyof T]?: ParamSpec<T[K]> };

/** The same, as the checker walks it. */
interface AnySpec {
  required?: boolean;
  type?: 'integer' | 'boolean' | 'string' | 'map';
  oneOf?: readonly string[];
  each?: AnySpec;
  fields?: { readonly [name: string]: AnySpec };
}

/** POST /v1/checkout/sessions. Stripe requires mode and line_items in payment mode, and one of price or price_data per item. */
export const CHECKOUT_SESSION_CREATE = {
  mode: { required: true, type: 'string' },
  currency: { type: 'string' },
  locale: { type: 'string' },
  allowed_payment_method_types: { each: { type: 'string', oneOf: ['card', 'konbini'] } },
  line_items: {
    required: true,
    each: {
      fields: {
        quantity: { required: true, type: 'integer' },
        price_data: {
          required: true,
          fields: {
            currency: { required: true, type: 'string' },
            unit_amount: { required: true, type: 'integer' },
            product_data: { required: true, fields: { name: { required: true, type: 'string' } } },
          },
        },
      },
    },
  },
  client_reference_id: { type: 'string' },
  metadata: { type: 'map' },
  payment_intent_data: { fields: { metadata: { type: 'map' } } },
  payment_method_options: { fields: { konbini: { fields: { expires_after_days: { type: 'integer' } } } } },
  success_url: { type: 'string' },
  cancel_url: { type: 'string' },
  expires_at: { type: 'integer' },
} as const satisfies ParamFields<Stripe.Checkout.SessionCreateParams>;

/** GET /v1/checkout/sessions/:id (the stub can expand the PaymentIntent only). */
export const CHECKOUT_SESSION_RETRIEVE = {
  expand: { each: { type: 'string', oneOf: ['payment_intent'] } },
} as const satisfies ParamFields<Stripe.Checkout.SessionRetrieveParams>;

/** POST /v1/checkout/sessions/:id/expire. */
export const CHECKOUT_SESSION_EXPIRE = {} as const satisfies ParamFields<Stripe.Checkout.SessionExpireParams>;

/** POST /v1/refunds. Stripe requires one of charge or payment_intent; the platform refunds PaymentIntents. */
export const REFUND_CREATE = {
  payment_intent: { required: true, type: 'string' },
  amount: { type: 'integer' },
  reason: { type: 'string', oneOf: ['duplicate', 'fraudulent', 'requested_by_customer'] },
  metadata: { type: 'map' },
} as const satisfies ParamFields<Stripe.RefundCreateParams>;

/** GET /v1/refunds/:id. */
export const REFUND_RETRIEVE = {} as const satisfies ParamFields<Stripe.RefundRetrieveParams>;

/** Form parameters as a tree: `a[b][0]=x` is { a: { b: { 0: 'x' } } }. */
type FormTree = { [name: string]: FormValue };
type FormValue = string | FormTree;

const invalid = (param: string, message: string, code?: string): ErrorBody => ({
  error: {
    type: 'invalid_request_error',
    ...(code ? { code, doc_url: `https://docs.stripe.com/error-codes/${code.replaceAll('_', '-')}` } : {}),
    param,
    message,
  },
});

/** Parses form-encoded parameters the way Stripe reads them (`expand[]` appends, `a[0][b]` nests). */
export function parseParams(params: URLSearchParams): { tree: FormTree } | { refused: ErrorBody } {
  const tree: FormTree = Object.create(null) as FormTree; // no prototype: a parameter named __proto__ is just unknown
  for (const [key, value] of params) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/u.exec(key);
    if (!match) return { refused: invalid(key, `Invalid parameter name: ${key}`) };
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/gu)].map((m) => m[1]!)];
    let node = tree;
    for (let i = 0; i < path.length; i += 1) {
      const segment = path[i] === '' ? String(Object.keys(node).length) : path[i]!;
      if (i === path.length - 1) {
        if (segment in node) return { refused: invalid(key, `Received the parameter ${key} more than once`) };
        node[segment] = value;
      } else {
        const next = node[segment] ?? (Object.create(null) as FormTree);
        if (typeof next === 'string')
          return { refused: invalid(key, `Invalid object: ${path.slice(0, i + 1).join('.')} is both a value and an object`) };
        node[segment] = next;
        node = next;
      }
    }
  }
  return { tree };
}

const nameOf = (prefix: string, key: string) => (prefix ? `${prefix}[${key}]` : key);

/** The first way the parameters break the description, as Stripe's error; null when they fit. */
export function checkParams(tree: FormTree, fields: { readonly [name: string]: AnySpec }, prefix = ''): ErrorBody | null {
  for (const [key, value] of Object.entries(tree)) {
    const spec = fields[key];
    const name = nameOf(prefix, key);
    if (!spec) return invalid(name, `Received unknown parameter: ${name}`, 'parameter_unknown');
    const problem = checkValue(value, spec, name);
    if (problem) return problem;
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && !(key in tree))
      return invalid(nameOf(prefix, key), `Missing required param: ${nameOf(prefix, key)}.`, 'parameter_missing');
  }
  return null;
}

function checkValue(value: FormValue, spec: AnySpec, name: string): ErrorBody | null {
  if (spec.each) {
    if (typeof value === 'string') return invalid(name, `Invalid array: ${name}`);
    const keys = Object.keys(value);
    if (keys.some((k, i) => k !== String(i))) return invalid(name, `Invalid array: ${name} must be indexed from 0`);
    if (spec.required && keys.length === 0) return invalid(name, `Missing required param: ${name}.`, 'parameter_missing');
    for (const k of keys) {
      const problem = checkValue(value[k]!, spec.each, `${name}[${k}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (spec.fields) {
    if (typeof value === 'string') return invalid(name, `Invalid object: ${name}`);
    return checkParams(value, spec.fields, name);
  }
  if (spec.type === 'map') {
    if (typeof value === 'string') return value === '' ? null : invalid(name, `Invalid object: ${name}`);
    for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') return invalid(`${name}[${k}]`, `Invalid string: ${name}[${k}]`);
    return null;
  }
  if (typeof value !== 'string') return invalid(name, `Invalid ${spec.type ?? 'string'}: ${name} is an object`);
  if (spec.type === 'integer' && !/^-?\d+$/u.test(value)) return invalid(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
  if (spec.type === 'boolean' && value !== 'true' && value !== 'false') return invalid(name, `Invalid boolean: ${value}`);
  if (spec.oneOf && !spec.oneOf.includes(value)) return invalid(name, `Invalid ${name}: must be one of ${spec.oneOf.join(', ')}`);
  return null;
}

// ---------------------------------------------------------------------------------------------
// The server.

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

/** A part of the form tree: metadata[...] as a record of strings. */
const record = (value: FormValue | undefined): Record<string, string> =>
  value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};
const text = (value: FormValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: FormValue | undefined): FormValue[] => (value && typeof value === 'object' ? Object.values(value) : []);

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
        res
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ error: { type: 'api_error', message: String(error) } } satisfies ErrorBody));
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
  event(type: SessionEvent['type'], object: StubSession): Stripe.Event;
  event(type: RefundEvent['type'], object: StubRefund): Stripe.Event;
  event(type: SessionEvent['type'] | RefundEvent['type'], object: StubSession | StubRefund): Stripe.Event {
    const envelope = {
      id: id('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    } as const;
    const event: StubEvent<SessionEvent, SessionJson> | StubEvent<RefundEvent, StubRefund> =
      object.object === 'refund'
        ? { ...envelope, type: type as RefundEvent['type'], data: { object: structuredClone(object) } }
        : { ...envelope, type: type as SessionEvent['type'], data: { object: this.sessionJson(object, false) } };
    // The objects are Stripe's with the fields the platform reads (typed above), not every field.
    return event as unknown as Stripe.Event;
  }

  /** Signs the payload with the SDK's test helper (or a given secret/timestamp) and posts it. */
  async deliver(
    event: Stripe.Event | string,
    options: { secret?: string; timestamp?: number; signature?: string; url?: string } = {},
  ): Promise<{ status: number; body: any }> {
    const payload = typeof event === 'string' ? event : JSON.stringify(event, null, 2);
    const header =
      options.signature ??
      Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: options.secret ?? STRIPE_WEBHOOK_SECRET,
        ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      });
    const res = await fetch(options.url ?? this.webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body: payload,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const send = (status: number, body: ErrorBody | SessionJson | StubRefund): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };

    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    // The hosted checkout page (what checkout.stripe.com shows), for browser tests.
    const page = /^\/pay\/(cs_[\w]+)$/u.exec(url.pathname);
    if (page) return this.checkoutPage(req, res, page[1]!);

    if (req.headers.authorization !== `Bearer ${STRIPE_SECRET_KEY}`)
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    const encoded = new URLSearchParams(req.method === 'GET' ? url.search : raw);
    const form = Object.fromEntries(encoded);
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    this.requests.push({ method: req.method ?? '', path: url.pathname, form, idempotencyKey });
    if (this.failNext > 0) {
      this.failNext -= 1;
      return send(500, { error: { type: 'api_error', message: 'Stub outage' } });
    }
    const parsed = parseParams(encoded);
    if ('refused' in parsed) return send(400, parsed.refused);
    const params = parsed.tree;
    /** Checks the parameters against the endpoint's description; false when refused (already answered). */
    const accepts = (fields: { readonly [name: string]: AnySpec }): boolean => {
      const problem = checkParams(params, fields);
      if (problem) send(400, problem);
      return !problem;
    };
    const replay = idempotencyKey ? this.byIdempotencyKey.get(`${req.method} ${url.pathname} ${idempotencyKey}`) : undefined;
    const answer = (body: SessionJson | StubRefund) => {
      if (idempotencyKey && req.method === 'POST') this.byIdempotencyKey.set(`${req.method} ${url.pathname} ${idempotencyKey}`, body);
      send(200, body);
    };

    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      if (!accepts(CHECKOUT_SESSION_CREATE)) return;
      if (replay) return send(200, replay as SessionJson);
      if (form.mode !== 'payment' || form.currency !== 'jpy')
        return send(400, invalid('mode', 'The stub makes mode=payment sessions in currency=jpy only'));
      const items: StubSession['line_items'] = list(params.line_items).map((item) => {
        const i = item as FormTree;
        const price = i.price_data as FormTree;
        return {
          name: text((price.product_data as FormTree).name) ?? '',
          unit_amount: Number(price.unit_amount),
          quantity: Number(i.quantity),
        };
      });
      const sid = id('cs');
      const session: StubSession = {
        id: sid,
        object: 'checkout.session',
        mode: 'payment',
        status: 'open',
        payment_status: 'unpaid',
        amount_total: items.reduce((n, i) => n + i.unit_amount * i.quantity, 0),
        currency: 'jpy',
        locale: (text(params.locale) as Stripe.Checkout.Session.Locale | undefined) ?? null,
        url: `${this.url}/pay/${sid}`,
        payment_intent: null,
        client_reference_id: text(params.client_reference_id) ?? null,
        metadata: record(params.metadata),
        success_url: text(params.success_url) ?? null,
        cancel_url: text(params.cancel_url) ?? null,
        created: now(),
        expires_at: params.expires_at ? Number(params.expires_at) : now() + 24 * 3600,
        allowed_payment_method_types: list(params.allowed_payment_method_types).map(String),
        line_items: items,
        livemode: false,
        pi_status: null,
      };
      this.sessions.set(sid, session);
      return answer(this.sessionJson(session, false));
    }
    const one = /^\/v1\/checkout\/sessions\/(cs_[\w]+)(\/expire)?$/u.exec(url.pathname);
    if (one && (req.method === 'GET' ? !one[2] : req.method === 'POST' && one[2])) {
      if (!accepts(one[2] ? CHECKOUT_SESSION_EXPIRE : CHECKOUT_SESSION_RETRIEVE)) return;
      if (replay) return send(200, replay as SessionJson);
      const s = this.sessions.get(one[1]!);
      if (!s) return send(404, invalid('session', `No such checkout.session: '${one[1]}'`, 'resource_missing'));
      if (one[2]) {
        if (s.status !== 'open') return send(400, invalid('session', 'Only Checkout Sessions with a status of `open` can be expired.'));
        s.status = 'expired';
        s.url = null;
      }
      return answer(this.sessionJson(s, list(params.expand).includes('payment_intent')));
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      if (!accepts(REFUND_CREATE)) return;
      if (replay) return send(200, replay as StubRefund);
      const pi = text(params.payment_intent) ?? '';
      const paid = [...this.sessions.values()].find((s) => s.payment_intent === pi && s.payment_status === 'paid');
      if (!paid) return send(400, invalid('payment_intent', `No such payment_intent: '${pi}'`, 'resource_missing'));
      const already = [...this.refunds.values()]
        .filter((r) => r.payment_intent === pi && r.status !== 'failed')
        .reduce((n, r) => n + r.amount, 0);
      const amount = params.amount ? Number(params.amount) : paid.amount_total - already;
      if (amount + already > paid.amount_total)
        return send(400, invalid('amount', 'Refund amount exceeds the charge', 'charge_already_refunded'));
      const refund: StubRefund = {
        id: id('re'),
        object: 'refund',
        amount,
        currency: 'jpy',
        payment_intent: pi,
        status: this.refundStatus,
        reason: (text(params.reason) as Stripe.Refund.Reason | undefined) ?? null,
        metadata: record(params.metadata),
        created: now(),
      };
      this.refunds.set(refund.id, refund);
      return answer(refund);
    }
    const refund = /^\/v1\/refunds\/(re_[\w]+)$/u.exec(url.pathname);
    if (refund && req.method === 'GET') {
      if (!accepts(REFUND_RETRIEVE)) return;
      const r = this.refunds.get(refund[1]!);
      return r ? answer(r) : send(404, invalid('id', `No such refund: '${refund[1]}'`, 'resource_missing'));
    }
    send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` } });
  }

  private sessionJson(s: StubSession, expandIntent: boolean): SessionJson {
    const { pi_status, line_items: _items, payment_intent, ...rest } = structuredClone(s);
    const intent: StubPaymentIntent | null =
      expandIntent && payment_intent
        ? {
            id: payment_intent,
            object: 'payment_intent',
            status: pi_status ?? 'requires_payment_method',
            amount: s.amount_total,
            currency: 'jpy',
          }
        : null;
    return { ...rest, payment_intent: intent ?? payment_intent };
  }

  /** GET shows the amount and a pay button; POST pays by card, delivers the webhook, returns to success_url. */
  private async checkoutPage(req: IncomingMessage, res: ServerResponse, sessionId: string): Promise<void> {
    const s = this.sessions.get(sessionId);
    if (!s || s.status !== 'open') {
      res
        .writeHead(410, { 'Content-Type': 'text/html; charset=utf-8' })
        .end('<!doctype html><html lang="ja"><title>期限切れ</title><main><h1>このお支払い画面は使えません</h1></main></html>');
      return;
    }
    if (req.method === 'POST') {
      this.pay(sessionId, 'card');
      await this.deliver(this.event('checkout.session.completed', s));
      res.writeHead(303, { Location: (s.success_url ?? '/').replace('{CHECKOUT_SESSION_ID}', s.id) }).end();
      return;
    }
    const items = s.line_items.map((i) => `<li>${i.name}：${i.unit_amount}円 × ${i.quantity}</li>`).join('');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>お支払い（テスト用 Stripe Checkout）</title></head>
<body><main><h1>お支払い（テスト）</h1><ul>${items}</ul><p>合計 <strong id="total">${s.amount_total}円</strong></p>
<form method="post"><button type="submit">${s.amount_total}円を支払う</button></form>
<p><a href="${(s.cancel_url ?? '/').replace('{CHECKOUT_SESSION_ID}', s.id)}">戻る</a></p></main></body></html>`);
  }
}

export async function startStripeStub(): Promise<StripeStub> {
  return new StripeStub().start();
}

/** Environment for an app that talks to the stub. */
export function stripeEnv(stub: StripeStub, extra: Record<string, string> = {}): Record<string, string> {
  return { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE: stub.url, ...extra };
}
