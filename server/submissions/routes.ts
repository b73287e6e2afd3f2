/** Residents' submission endpoints. Each route shows its middleware chain. */
import { Router, type RequestHandler } from 'express';
import type { Config } from '../config.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Corrections } from './corrections.ts';
import type { SubmissionService } from './service.ts';

export function submissionRoutes(service: SubmissionService, corrections: Corrections, config: Config, statusLimiter: RequestHandler): Router {
  const router = Router();
  const body = jsonBody(config.MAX_BODY_BYTES);

  // operationId: createSubmission
  router.post('/procedures/:id/submissions', ...body, async (req, res) => {
    const { receipt, replayed } = await service.create(req.params.id as string, req.body, req.get('Idempotency-Key'));
    res.status(201).set('Cache-Control', 'no-store');
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.json(receipt);
  });

  // operationId: getSubmissionStatus — POST so that the access code never appears in a URL or log.
  router.post('/submissions/status', statusLimiter, ...body, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.status(req.body));
  });

  // operationId: getCorrectionForm — the earlier answers of a submission returned for correction.
  router.post('/submissions/correction-form', statusLimiter, ...body, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await corrections.form(req.body, req.ip ?? null));
  });

  // operationId: correctSubmission
  router.post('/submissions/correction', statusLimiter, ...body, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await corrections.correct(req.body, req.ip ?? null));
  });

  // operationId: withdrawSubmission
  router.post('/submissions/withdrawal', statusLimiter, ...body, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await corrections.withdraw(req.body, req.ip ?? null));
  });

  return router;
}
