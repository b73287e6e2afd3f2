/** Receipt downloads (resident and department copies) and the public verification of a receipt. */
import { Router, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import { statusLabel } from '../../shared/status.ts';
import { audit } from '../audit/audit-log.ts';
import { loadStaff, requireStaff } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import { Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { ReviewErrors } from '../review/errors.ts';
import type { SubmissionService } from '../submissions/service.ts';
import type { PaymentService } from '../payments/service.ts';
import { findSubmissions, receiptData, submissionSha256 } from './receipts.ts';
import { renderReceipts } from './render.ts';

export const CITY_NAME = '小金井市';

export function receiptRoutes(db: Knex, catalog: Catalog, service: SubmissionService, payments: PaymentService, config: Config, limiter: RequestHandler): Router {
  const router = Router();
  const pdf = (res: import('express').Response, name: string, body: Buffer) => res.set('Cache-Control', 'no-store').type('application/pdf').attachment(name).send(body);

  // operationId: downloadReceipt — the resident's copy, with reference number + access code.
  router.post('/submissions/receipt.pdf', limiter, ...jsonBody(config.MAX_BODY_BYTES), async (req, res) => {
    const row = await service.verifyResident(req.body);
    const [s] = await findSubmissions(db, [row.reference_number]);
    pdf(res, `receipt-${row.reference_number}.pdf`, await renderReceipts([receiptData(catalog, s!, 'resident', config.PUBLIC_BASE_URL, CITY_NAME, payments.online)]));
  });

  // operationId: downloadDepartmentReceipts — department copies of one or several submissions (?refs=A,B).
  router.get('/staff/receipts.pdf', loadStaff(db), requireStaff('clerk', 'supervisor'), async (req, res) => {
    const refs = String(req.query.refs ?? '').split(',').filter(Boolean).slice(0, 50);
    const found = await findSubmissions(db, refs, req.staff!.user.departmentId ?? '');
    if (refs.length === 0 || found.length !== new Set(refs).size) throw ReviewErrors.notFound();
    await audit(db, { actorType: 'staff', actorId: String(req.staff!.user.id), action: 'submission.receipt', address: req.ip ?? null, details: { refs } });
    pdf(res, refs.length === 1 ? `department-${refs[0]}.pdf` : 'department-receipts.pdf', await renderReceipts(found.map((s) => receiptData(catalog, s, 'department', config.PUBLIC_BASE_URL, CITY_NAME, payments.online))));
  });

  // operationId: verifyReceipt — whether such a receipt exists, and its status; nothing personal.
  router.get('/receipts/verify/:ref/:sha', async (req, res) => {
    const [s] = await findSubmissions(db, [req.params.ref]);
    const valid = s !== undefined && submissionSha256(s) === req.params.sha;
    res.set('Cache-Control', 'no-store').json(
      valid ? { valid, referenceNumber: s.reference_number, procedure: catalog.version(s.procedure_id, s.definition_version)?.definition.title, status: s.status, statusLabel: statusLabel(s.status) } : { valid },
    );
  });

  return router;
}
