/** OpenAPI paths and schemas of fees and payments (spread into document.ts). */
const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const refParam = { name: 'ref', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z3-9]{3}-[A-Z3-9]{3}-[A-Z3-9]{3}$' }, description: 'Reference number (受付番号)' };
const csrf = { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' }, description: 'The csrfToken from staffLogin / getStaffSession' };
const sessionParam = { name: 'sessionId', in: 'path', required: true, schema: { type: 'string', pattern: '^cs_[A-Za-z0-9_]+$' }, description: 'Stripe Checkout Session id (Stripe adds it to the return address)' };
const checkout = { description: 'Go to checkoutUrl (Stripe Checkout)', content: json({ type: 'object', required: ['checkoutUrl'], properties: { checkoutUrl: { type: 'string', format: 'uri' } } }) };
const yenBody = (extra: Record<string, object>, required: string[]) => ({ required: true, content: json({ type: 'object', required, properties: { amountYen: { type: 'integer', minimum: 1 }, ...extra } }) });

export const paymentPaths = {
  '/api/submissions/payment': {
    post: {
      operationId: 'createPayment',
      summary: 'A Stripe Checkout Session (JPY) for what the submission owes; an unfinished earlier session is expired first',
      requestBody: { required: true, content: json(ref('StatusRequest')) },
      responses: {
        201: checkout,
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('ONLINE_PAYMENT_UNAVAILABLE (no Stripe keys: pay at the counter), NO_FEE, FEE_NOT_SET, ALREADY_PAID, PAYMENT_PENDING or SUBMISSION_CLOSED'),
        422: error('VALIDATION_FAILED'),
        429: error('RATE_LIMITED'),
        502: error('PAYMENT_PROVIDER_ERROR'),
      },
    },
  },
  '/api/payments/checkout/{sessionId}': {
    get: {
      operationId: 'getPaymentResult',
      summary: 'What the return page shows: paid, pending or failed (asks Stripe when the webhook has not arrived); no personal data',
      parameters: [sessionParam],
      responses: { 200: { description: 'Result', content: json(ref('PaymentResult')) }, 404: error('PAYMENT_NOT_FOUND'), 429: error('RATE_LIMITED') },
    },
  },
  '/api/payments/checkout/{sessionId}/retry': {
    post: { operationId: 'retryPayment', summary: 'A new Checkout Session after a cancelled, expired or failed one', parameters: [sessionParam], responses: { 201: checkout, 404: error('PAYMENT_NOT_FOUND'), 409: error('ALREADY_PAID, PAYMENT_PENDING or SUBMISSION_CLOSED'), 502: error('PAYMENT_PROVIDER_ERROR') } },
  },
  '/api/payments/stripe/webhook': {
    post: {
      operationId: 'stripeWebhook',
      summary: 'Stripe events (checkout.session.completed / async_payment_succeeded / async_payment_failed / expired, refund.*). The raw body is verified with the Stripe-Signature header; each event is applied once.',
      parameters: [{ name: 'Stripe-Signature', in: 'header', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: json({ type: 'object', description: 'A Stripe Event' }) },
      responses: { 200: { description: 'Received (duplicate: true when the event was handled before)', content: json({ type: 'object', properties: { received: { type: 'boolean' }, duplicate: { type: 'boolean' } } }) }, 400: error('WEBHOOK_SIGNATURE_INVALID (forged, altered or older than 5 minutes)'), 409: error('ONLINE_PAYMENT_UNAVAILABLE') },
    },
  },
  '/api/staff/submissions/{ref}/fee': {
    put: { operationId: 'setFee', summary: '事後決済: set the fee after review; the resident is mailed a request to pay', parameters: [refParam, csrf], requestBody: yenBody({}, ['amountYen']), responses: { 204: { description: 'Set' }, 404: error('SUBMISSION_NOT_FOUND'), 409: error('NO_FEE, FEE_FIXED, FEE_LOCKED or SUBMISSION_CLOSED'), 422: error('VALIDATION_FAILED') } },
  },
  '/api/staff/submissions/{ref}/counter-payments': {
    post: { operationId: 'recordCounterPayment', summary: 'Record that the whole fee was paid at the counter', parameters: [refParam, csrf], requestBody: yenBody({ note: { type: 'string', maxLength: 200 } }, ['amountYen']), responses: { 201: { description: 'Recorded' }, 404: error('SUBMISSION_NOT_FOUND'), 409: error('ALREADY_PAID, PAYMENT_PENDING, FEE_NOT_SET, NO_FEE or SUBMISSION_CLOSED'), 422: error('VALIDATION_FAILED') } },
  },
  '/api/staff/submissions/{ref}/refunds': {
    post: {
      operationId: 'refundPayment',
      summary: 'Refund all or part of what was paid, with a reason (counter payments in cash at once; Stripe payments through Stripe)',
      parameters: [refParam, csrf],
      requestBody: yenBody({ reason: { type: 'string', maxLength: 500 } }, ['amountYen', 'reason']),
      responses: {
        201: { description: 'Refunded (or being processed by Stripe)', content: json({ type: 'object', properties: { status: { type: 'string', enum: ['succeeded', 'pending'] } } }) },
        202: { description: 'Recorded; Stripe could not be reached and the refund is asked again by the periodic check', content: json({ type: 'object', properties: { status: { const: 'requested' } } }) },
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('NOTHING_TO_REFUND'),
        422: error('VALIDATION_FAILED (amount above what remains, or no reason)'),
      },
    },
  },
  '/api/staff/settlement.csv': {
    get: { operationId: 'exportSettlement', summary: "The department's payments and refunds of one Japan day, for Excel (UTF-8 BOM, CRLF); audited", parameters: [{ name: 'date', in: 'query', required: true, schema: { type: 'string', format: 'date' } }], responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, 422: error('VALIDATION_FAILED') } },
  },
};

export const paymentSchemas = {
  Payment: {
    type: ['object', 'null'],
    description: 'The fee of a submission (null: the procedure has no fee)',
    properties: {
      status: { type: ['string', 'null'], enum: ['unpaid', 'pending', 'paid', 'refunded', 'partially_refunded', 'failed', null] },
      statusLabel: { oneOf: [ref('LocalizedText'), { type: 'null' }] },
      amountYen: { type: ['integer', 'null'], description: 'null while staff have not set a 事後決済 amount' },
      paidYen: { type: 'integer' },
      refundedYen: { type: 'integer' },
      timing: { enum: ['on_submission', 'after_review'] },
      canPayOnline: { type: 'boolean' },
      payAtCounter: { type: 'boolean' },
    },
  },
  PaymentResult: {
    type: 'object',
    properties: {
      referenceNumber: { type: 'string' },
      procedureTitle: ref('LocalizedText'),
      amountYen: { type: 'integer' },
      attempt: { enum: ['open', 'pending', 'paid', 'failed', 'expired'] },
      paymentStatus: { type: ['string', 'null'] },
      paymentStatusLabel: { oneOf: [ref('LocalizedText'), { type: 'null' }] },
      canRetry: { type: 'boolean' },
    },
  },
};
