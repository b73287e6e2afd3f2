/** Receipt downloads (resident and department copies) and the public verification of a receipt. */
import { signatureLine, signaturesOf, staffSignature } from '../signatures/evidence.ts';
import type { RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Lang } from '../../shared/forms/types.ts';
import { statusLabel } from '../../shared/status.ts';
import { audit } from '../audit/audit-log.ts';
import { loadStaff, requireStaff } from '../auth/middleware.ts';
import { Errors } from '../errors.ts';
import { refParam, residentProof, type ResidentProof } from '../http/inputs.ts';
import { jsonBody } from '../http/json-body.ts';
import { residentAccess } from '../residents/access.ts';
import { route, type Route } from '../http/route.ts';
import { error, json, pdf } from '../http/responses.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { findSubmissions, receiptData, receiptFiles, submissionSha256 } from './receipts.ts';
import { renderReceipts } from './render.ts';

export const CITY_NAME = '小金井市';

export interface ReceiptRouteDeps {
  db: Knex;
  catalog: Catalog;
  /** The submission a resident proves access to (submissions/service.ts), passed in. */
  verifyResident: (proof: ResidentProof) => Promise<{ reference_number: string }>;
  onlinePayment: boolean;
  publicBaseUrl: string;
  maxBodyBytes: number;
  limiter: RequestHandler;
}

const departmentQuery = z.object({
  refs: z
    .string()
    .max(50 * 12)
    .optional()
    .transform((v) => (v ?? '').split(',').filter(Boolean).slice(0, 50))
    .meta({ description: 'Reference numbers, comma-separated (at most 50)' }),
});

const verifyParams = refParam.extend({ sha: z.string().max(64) });

/** The resident's proof, and the language they read the site in (their copy is written in it). */
const receiptBody = residentProof.extend({
  lang: z.enum(['ja', 'en']).optional().meta({ description: 'The language of the copy: ja (default) or en' }),
});

export function receiptRoutes({
  db,
  catalog,
  verifyResident,
  onlinePayment,
  publicBaseUrl,
  maxBodyBytes,
  limiter,
}: ReceiptRouteDeps): Route[] {
  const send = (res: Response, name: string, body: Buffer) =>
    res.set('Cache-Control', 'no-store').type('application/pdf').attachment(name).send(body);
  /** The copies of `found`, with their signatures (read in one query). */
  const data = async (found: Parameters<typeof receiptData>[1][], copy: 'resident' | 'department', lang: Lang = 'ja') => {
    const signatures = await signaturesOf(
      db,
      found.map((s) => s.id),
    );
    return Promise.all(
      found.map(async (s) => {
        const receipt = receiptData(catalog, s, copy, publicBaseUrl, CITY_NAME, onlinePayment, await receiptFiles(db, s.id), lang);
        const signature = staffSignature(signatures.get(Number(s.id)), receipt.submissionSha256);
        return { ...receipt, signed: signature !== null, signature: copy === 'department' && signature ? signatureLine(signature) : null };
      }),
    );
  };

  return [
    route({
      method: 'post',
      path: '/submissions/receipt.pdf',
      operationId: 'downloadReceipt',
      summary: "The resident's copy (控え) as PDF, with reference number + access code",
      chain: [limiter, ...jsonBody(maxBodyBytes)],
      body: receiptBody,
      responses: {
        401: error('RESIDENT_SIGN_IN_REQUIRED (no access code, and not signed in)'),
        200: pdf(),
        404: error('SUBMISSION_NOT_FOUND'),
        422: error('VALIDATION_FAILED'),
        429: error('RATE_LIMITED'),
      },
      handle: async ({ body }, req, res) => {
        const row = await verifyResident(residentAccess(req, body, 'read'));
        const [s] = await findSubmissions(db, [row.reference_number]);
        send(res, `receipt-${row.reference_number}.pdf`, await renderReceipts(await data([s!], 'resident', body.lang)));
      },
    }),
    route({
      method: 'get',
      path: '/staff/receipts.pdf',
      operationId: 'downloadDepartmentReceipts',
      summary: "The department's copies (受付印・決裁欄) of one or several submissions, as one PDF; audited",
      chain: [loadStaff(db), requireStaff('clerk', 'supervisor')],
      query: departmentQuery,
      responses: { 200: pdf(), 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN'), 404: error('SUBMISSION_NOT_FOUND') },
      handle: async ({ query: { refs } }, req, res) => {
        const found = await findSubmissions(db, refs, req.staff!.user.departmentId ?? '');
        if (refs.length === 0 || found.length !== new Set(refs).size) throw Errors.submissionNotFound();
        await audit(db, {
          actorType: 'staff',
          actorId: String(req.staff!.user.id),
          action: 'submission.receipt',
          address: req.ip ?? null,
          details: { refs },
        });
        send(
          res,
          refs.length === 1 ? `department-${refs[0]}.pdf` : 'department-receipts.pdf',
          await renderReceipts(await data(found, 'department')),
        );
      },
    }),
    // Whether such a receipt exists, and its status; nothing personal.
    route({
      method: 'get',
      path: '/receipts/verify/:ref/:sha',
      operationId: 'verifyReceipt',
      summary: 'Whether a receipt with this reference number and SHA-256 exists, and its status (no personal data)',
      params: verifyParams,
      responses: {
        200: {
          description: 'Result',
          content: json({
            type: 'object',
            required: ['valid'],
            properties: {
              valid: { type: 'boolean' },
              status: { type: 'string' },
              signed: { type: 'boolean', description: 'Filed with a verified electronic signature' },
            },
          }),
        },
      },
      handle: async ({ params }, _req, res) => {
        const [s] = await findSubmissions(db, [params.ref]);
        const valid = s !== undefined && submissionSha256(s) === params.sha;
        // Signed or not, nothing about the signer.
        const signed = valid ? (await signaturesOf(db, [s.id])).has(Number(s.id)) : false;
        const procedure = valid ? catalog.version(s.procedure_id, s.definition_version)?.definition.title : undefined;
        res
          .set('Cache-Control', 'no-store')
          .json(
            valid
              ? { valid, referenceNumber: s.reference_number, procedure, status: s.status, statusLabel: statusLabel(s.status), signed }
              : { valid },
          );
      },
    }),
  ];
}
