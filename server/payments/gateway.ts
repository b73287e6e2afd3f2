/**
 * The payment provider behind an interface (the service never touches Stripe's SDK directly), and
 * its Stripe implementation with Stripe's official SDK. STRIPE_API_BASE points the SDK at a local
 * stand-in for Stripe's servers in tests; webhook signatures are always checked by the SDK.
 */
import Stripe from 'stripe';

export type CheckoutMethod = 'card' | 'konbini';

export interface CheckoutRequest {
  paymentId: number;
  referenceNumber: string;
  productName: string;
  unitYen: number;
  quantity: number;
  successUrl: string;
  cancelUrl: string;
  methods: CheckoutMethod[];
  expiresAt: Date;
}

/** What the service needs to know about a Checkout Session. */
export interface CheckoutState {
  id: string;
  url: string | null;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  paymentIntentId: string | null;
  /** Status of the PaymentIntent when known (e.g. 'canceled' after an unpaid konbini voucher expires). */
  paymentIntentStatus: string | null;
  amountTotal: number | null;
}

export interface RefundState {
  id: string;
  status: string;
}

export interface PaymentGateway {
  createCheckout(request: CheckoutRequest): Promise<CheckoutState>;
  retrieveCheckout(sessionId: string): Promise<CheckoutState>;
  expireCheckout(sessionId: string): Promise<CheckoutState>;
  createRefund(request: { refundId: number; paymentIntentId: string; amountYen: number; referenceNumber: string }): Promise<RefundState>;
  retrieveRefund(refundId: string): Promise<RefundState>;
  /** The event, if the signature is valid and recent; throws otherwise. */
  parseWebhook(payload: Buffer, signature: string | undefined): Stripe.Event;
}

export class GatewayError extends Error {}

export function checkoutState(s: Stripe.Checkout.Session): CheckoutState {
  const pi = s.payment_intent;
  return {
    id: s.id,
    url: s.url ?? null,
    status: (s.status ?? 'open') as CheckoutState['status'],
    paymentStatus: s.payment_status as CheckoutState['paymentStatus'],
    paymentIntentId: typeof pi === 'string' ? pi : (pi?.id ?? null),
    paymentIntentStatus: pi && typeof pi === 'object' ? pi.status : null,
    amountTotal: s.amount_total ?? null,
  };
}

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** e.g. http://127.0.0.1:12111 in tests; unset in production (Stripe's servers). */
  apiBase?: string;
}

export class StripeGateway implements PaymentGateway {
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    const base = settings.apiBase ? new URL(settings.apiBase) : null;
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      appInfo: { name: 'koganei-online-procedures' },
      ...(base ? { host: base.hostname, port: base.port, protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
    });
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new GatewayError((error as Error).message);
    }
  }

  createCheckout(r: CheckoutRequest): Promise<CheckoutState> {
    return this.call(async () =>
      checkoutState(
        await this.stripe.checkout.sessions.create(
          {
            mode: 'payment',
            currency: 'jpy',
            locale: 'ja',
            allowed_payment_method_types: r.methods,
            line_items: [
              { quantity: r.quantity, price_data: { currency: 'jpy', unit_amount: r.unitYen, product_data: { name: r.productName } } },
            ],
            client_reference_id: r.referenceNumber,
            metadata: { paymentId: String(r.paymentId), referenceNumber: r.referenceNumber },
            payment_intent_data: { metadata: { paymentId: String(r.paymentId), referenceNumber: r.referenceNumber } },
            ...(r.methods.includes('konbini') ? { payment_method_options: { konbini: { expires_after_days: 3 } } } : {}),
            success_url: r.successUrl,
            cancel_url: r.cancelUrl,
            expires_at: Math.floor(r.expiresAt.getTime() / 1000),
          },
          { idempotencyKey: `checkout-${r.paymentId}` },
        ),
      ),
    );
  }

  retrieveCheckout(sessionId: string): Promise<CheckoutState> {
    return this.call(async () => checkoutState(await this.stripe.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent'] })));
  }

  expireCheckout(sessionId: string): Promise<CheckoutState> {
    return this.call(async () => checkoutState(await this.stripe.checkout.sessions.expire(sessionId)));
  }

  createRefund(r: { refundId: number; paymentIntentId: string; amountYen: number; referenceNumber: string }): Promise<RefundState> {
    return this.call(async () => {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: r.paymentIntentId,
          amount: r.amountYen,
          reason: 'requested_by_customer',
          metadata: { refundId: String(r.refundId), referenceNumber: r.referenceNumber },
        },
        { idempotencyKey: `refund-${r.refundId}` },
      );
      return { id: refund.id, status: refund.status ?? 'pending' };
    });
  }

  retrieveRefund(refundId: string): Promise<RefundState> {
    return this.call(async () => {
      const refund = await this.stripe.refunds.retrieve(refundId);
      return { id: refund.id, status: refund.status ?? 'pending' };
    });
  }

  parseWebhook(payload: Buffer, signature: string | undefined): Stripe.Event {
    if (!signature) throw new Error('missing Stripe-Signature');
    return this.stripe.webhooks.constructEvent(payload, signature, this.settings.webhookSecret);
  }
}

/** What to log of a failed gateway call: Stripe's message (ids and codes, never card or personal data). */
export function gatewayReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
