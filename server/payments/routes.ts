/**
 * Payment endpoints. Residents prove access with reference number + access code (createPayment)
 * or hold the Checkout Session id Stripe sent them back with; Stripe's webhook carries its
 * signature over the raw body; staff act inside their department with CSRF.
 */
import express, { type Request, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { loadStaff, requireCsrf, requireStaff } from '../auth/middleware.ts';
import { jsonBody } from '../http/json-body.ts';
import { residentAccess } from '../residents/access.ts';
import { route, type Route } from '../http/route.ts';
import { csv, error, json, ref } from '../http/responses.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { refParam, residentProof, type ResidentProof } from '../http/inputs.ts';
import type { PaymentEvents } from './events.ts';
import { counterPaymentBody, feeBody, refundBody, sessionIdParam, settlementQuery } from './inputs.ts';
import type { PaymentService } from './service.ts';
import { settlementCsv } from './settlement.ts';
import type { PaymentStaffActions, StaffContext } from './staff-actions.ts';

export interface PaymentRouteDeps {
  db: Knex;
  catalog: Catalog;
  payments: PaymentService;
  events: PaymentEvents;
  staffActions: PaymentStaffActions;
  /** The submission a resident proves access to (submissions/service.ts), passed in. */
  verifyResident: (proof: ResidentProof) => Promise<{ id: number }>;
  maxBodyBytes: number;
  limiter: RequestHandler;
}

const checkout = {
  description: 'Go to checkoutUrl (Stripe Checkout)',
  content: json({ type: 'object', required: ['checkoutUrl'], properties: { checkoutUrl: { type: 'string', format: 'uri' } } }),
};
const unauthorised = { 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN or CSRF_TOKEN_INVALID') };

export function paymentRoutes(deps: PaymentRouteDeps): Route[] {
  const { db, catalog, payments, events, staffActions, verifyResident, maxBodyBytes, limiter } = deps;
  const body = jsonBody(maxBodyBytes);
  const staff = [loadStaff(db), requireStaff('clerk', 'supervisor')];
  const change = [...staff, requireCsrf, ...body];
  const ctx = (req: Request): StaffContext => ({ actor: req.staff!.user, address: req.ip ?? null });

  return [
    route({
      method: 'post',
      path: '/payments/stripe/webhook',
      operationId: 'stripeWebhook',
      summary:
        'Stripe events (checkout.session.completed / async_payment_succeeded / async_payment_failed / expired, refund.*). The raw body is verified with the Stripe-Signature header; each event is applied once.',
      // The raw body, because the signature covers its exact bytes.
      chain: [express.raw({ type: () => true, limit: '1mb' })],
      rawBody: { contentType: 'application/json', schema: { type: 'object', description: 'A Stripe Event' } },
      headers: [{ name: 'Stripe-Signature', required: true, schema: { type: 'string' } }],
      responses: {
        200: {
          description: 'Received (duplicate: true when the event was handled before)',
          content: json({ type: 'object', properties: { received: { type: 'boolean' }, duplicate: { type: 'boolean' } } }),
        },
        400: error('WEBHOOK_SIGNATURE_INVALID (forged, altered or older than 5 minutes)'),
        409: error('ONLINE_PAYMENT_UNAVAILABLE'),
      },
      handle: async (_input, req, res) => {
        res.json(await events.webhook(req.body, req.get('Stripe-Signature')));
      },
    }),
    route({
      method: 'post',
      path: '/submissions/payment',
      operationId: 'createPayment',
      summary: 'A Stripe Checkout Session (JPY) for what the submission owes; an unfinished earlier session is expired first',
      chain: [limiter, ...body],
      body: residentProof,
      responses: {
        401: error('RESIDENT_SIGN_IN_REQUIRED (no access code, and not signed in)'),
        403: error('CSRF_TOKEN_INVALID (signed in without an access code: send X-CSRF-Token)'),
        201: checkout,
        404: error('SUBMISSION_NOT_FOUND'),
        409: error(
          'ONLINE_PAYMENT_UNAVAILABLE (no Stripe keys: pay at the counter), NO_FEE, FEE_NOT_SET, ALREADY_PAID, PAYMENT_PENDING or SUBMISSION_CLOSED',
        ),
        422: error('VALIDATION_FAILED'),
        429: error('RATE_LIMITED'),
        502: error('PAYMENT_PROVIDER_ERROR'),
      },
      handle: async ({ body }, req, res) => {
        const row = await verifyResident(residentAccess(req, body, 'change'));
        res
          .status(201)
          .set('Cache-Control', 'no-store')
          .json(await payments.startCheckout(row.id));
      },
    }),
    route({
      method: 'get',
      path: '/payments/checkout/:sessionId',
      operationId: 'getPaymentResult',
      summary: 'What the return page shows: paid, pending or failed (asks Stripe when the webhook has not arrived); no personal data',
      chain: [limiter],
      params: sessionIdParam,
      responses: {
        200: { description: 'Result', content: json(ref('PaymentResult')) },
        404: error('PAYMENT_NOT_FOUND'),
        422: error('VALIDATION_FAILED'),
        429: error('RATE_LIMITED'),
      },
      handle: async ({ params }, _req, res) => {
        res.set('Cache-Control', 'no-store').json(await payments.checkoutResult(params.sessionId));
      },
    }),
    route({
      method: 'post',
      path: '/payments/checkout/:sessionId/retry',
      operationId: 'retryPayment',
      summary: 'A new Checkout Session after a cancelled, expired or failed one',
      chain: [limiter],
      params: sessionIdParam,
      responses: {
        201: checkout,
        404: error('PAYMENT_NOT_FOUND'),
        409: error('ALREADY_PAID, PAYMENT_PENDING or SUBMISSION_CLOSED'),
        422: error('VALIDATION_FAILED'),
        502: error('PAYMENT_PROVIDER_ERROR'),
      },
      handle: async ({ params }, _req, res) => {
        const id = await payments.submissionIdForSession(params.sessionId);
        res
          .status(201)
          .set('Cache-Control', 'no-store')
          .json(await payments.startCheckout(id));
      },
    }),
    route({
      method: 'put',
      path: '/staff/submissions/:ref/fee',
      operationId: 'setFee',
      summary: '事後決済: set the fee after review; the resident is mailed a request to pay',
      chain: change,
      params: refParam,
      body: feeBody,
      responses: {
        204: { description: 'Set' },
        ...unauthorised,
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('NO_FEE, FEE_FIXED, FEE_LOCKED or SUBMISSION_CLOSED'),
        422: error('VALIDATION_FAILED'),
      },
      handle: async ({ params, body }, req, res) => {
        await staffActions.setFee(ctx(req), params.ref, body.amountYen);
        res.status(204).end();
      },
    }),
    route({
      method: 'post',
      path: '/staff/submissions/:ref/counter-payments',
      operationId: 'recordCounterPayment',
      summary: 'Record that the whole fee was paid at the counter',
      chain: change,
      params: refParam,
      body: counterPaymentBody,
      responses: {
        201: { description: 'Recorded' },
        ...unauthorised,
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('ALREADY_PAID, PAYMENT_PENDING, FEE_NOT_SET, NO_FEE or SUBMISSION_CLOSED'),
        422: error('VALIDATION_FAILED'),
      },
      handle: async ({ params, body }, req, res) => {
        await staffActions.recordCounterPayment(ctx(req), params.ref, body);
        res.status(201).json({ ok: true });
      },
    }),
    route({
      method: 'post',
      path: '/staff/submissions/:ref/refunds',
      operationId: 'refundPayment',
      summary: 'Refund all or part of what was paid, with a reason (counter payments in cash at once; Stripe payments through Stripe)',
      chain: change,
      params: refParam,
      body: refundBody,
      responses: {
        201: {
          description: 'Refunded (or being processed by Stripe)',
          content: json({ type: 'object', properties: { status: { type: 'string', enum: ['succeeded', 'pending'] } } }),
        },
        202: {
          description: 'Recorded; Stripe could not be reached and the refund is asked again by the periodic check',
          content: json({ type: 'object', properties: { status: { const: 'requested' } } }),
        },
        ...unauthorised,
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('NOTHING_TO_REFUND'),
        422: error('VALIDATION_FAILED (amount above what remains, or no reason)'),
      },
      handle: async ({ params, body }, req, res) => {
        const result = await staffActions.refund(ctx(req), params.ref, body);
        res.status(result.status === 'requested' ? 202 : 201).json(result);
      },
    }),
    route({
      method: 'get',
      path: '/staff/settlement.csv',
      operationId: 'exportSettlement',
      summary: "The department's payments and refunds of one Japan day, for Excel (UTF-8 BOM, CRLF); audited",
      chain: staff,
      query: settlementQuery,
      responses: { 200: csv(), ...unauthorised, 422: error('VALIDATION_FAILED') },
      handle: async ({ query }, req, res) => {
        const dept = req.staff!.user.departmentId ?? '';
        const { csv: file, rows } = await settlementCsv(db, catalog, dept, query.date);
        await audit(db, {
          actorType: 'staff',
          actorId: String(req.staff!.user.id),
          action: 'payment.settlement',
          address: req.ip ?? null,
          details: { date: query.date, rows },
        });
        res.set('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment(`settlement-${dept}-${query.date}.csv`).send(file);
      },
    }),
  ];
}
