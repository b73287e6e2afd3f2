/**
 * Payment endpoints. Residents prove access with reference number + access code (createPayment)
 * or hold the Checkout Session id Stripe sent them back with; Stripe's webhook carries its
 * signature over the raw body; staff act inside their department with CSRF.
 */
import express, { Router, type Request, type RequestHandler } from 'express';
import { audit } from '../audit/audit-log.ts';
import { loadStaff, requireCsrf, requireStaff } from '../auth/middleware.ts';
import { jsonBody } from '../http/json-body.ts';
import type { SubmissionService } from '../submissions/service.ts';
import type { PaymentEvents } from './events.ts';
import type { PaymentService } from './service.ts';
import { parseSettlementDate, settlementCsv } from './settlement.ts';
import type { PaymentStaffActions, StaffContext } from './staff-actions.ts';

export interface PaymentRouteDeps {
  payments: PaymentService;
  events: PaymentEvents;
  staffActions: PaymentStaffActions;
  submissions: SubmissionService;
  maxBodyBytes: number;
  limiter: RequestHandler;
}

const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/u;

export function paymentRoutes({ payments, events, staffActions, submissions, maxBodyBytes, limiter }: PaymentRouteDeps): Router {
  const router = Router();
  const body = jsonBody(maxBodyBytes);
  const sessionId = (req: Request) => {
    const id = String(req.params.sessionId);
    return SESSION_ID.test(id) ? id : 'cs_invalid';
  };

  // operationId: stripeWebhook — the raw body, because the signature covers its exact bytes.
  router.post('/payments/stripe/webhook', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    res.json(await events.webhook(req.body, req.get('Stripe-Signature')));
  });

  // operationId: createPayment — a Checkout Session for what the submission owes.
  router.post('/submissions/payment', limiter, ...body, async (req, res) => {
    const row = await submissions.verifyResident(req.body);
    res.status(201).set('Cache-Control', 'no-store').json(await payments.startCheckout(row.id));
  });

  // operationId: getPaymentResult — what the return page shows (no personal data).
  router.get('/payments/checkout/:sessionId', limiter, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await payments.checkoutResult(sessionId(req)));
  });

  // operationId: retryPayment — a new Checkout Session after a cancelled, expired or failed one.
  router.post('/payments/checkout/:sessionId/retry', limiter, async (req, res) => {
    const id = await payments.submissionIdForSession(sessionId(req));
    res.status(201).set('Cache-Control', 'no-store').json(await payments.startCheckout(id));
  });

  const staff = [loadStaff(payments.db), requireStaff('clerk', 'supervisor')];
  const change = [...staff, requireCsrf, ...body];
  const ctx = (req: Request): StaffContext => ({ actor: req.staff!.user, address: req.ip ?? null });
  const ref = (req: Request) => String(req.params.ref);

  // operationId: setFee — 事後決済: the amount after review.
  router.put('/staff/submissions/:ref/fee', ...change, async (req, res) => {
    await staffActions.setFee(ctx(req), ref(req), (req.body as { amountYen?: unknown }).amountYen);
    res.status(204).end();
  });

  // operationId: recordCounterPayment
  router.post('/staff/submissions/:ref/counter-payments', ...change, async (req, res) => {
    await staffActions.recordCounterPayment(ctx(req), ref(req), req.body as { amountYen?: unknown; note?: unknown });
    res.status(201).json({ ok: true });
  });

  // operationId: refundPayment — full or partial, with a reason.
  router.post('/staff/submissions/:ref/refunds', ...change, async (req, res) => {
    const result = await staffActions.refund(ctx(req), ref(req), req.body as { amountYen?: unknown; reason?: unknown });
    res.status(result.status === 'requested' ? 202 : 201).json(result);
  });

  // operationId: exportSettlement — one department's payments and refunds of one Japan day.
  router.get('/staff/settlement.csv', ...staff, async (req, res) => {
    const date = parseSettlementDate(req.query.date);
    const dept = req.staff!.user.departmentId ?? '';
    const { csv, rows } = await settlementCsv(payments.db, payments.catalog, dept, date);
    await audit(payments.db, { actorType: 'staff', actorId: String(req.staff!.user.id), action: 'payment.settlement', address: req.ip ?? null, details: { date, rows } });
    res.set('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment(`settlement-${dept}-${date}.csv`).send(csv);
  });

  return router;
}
