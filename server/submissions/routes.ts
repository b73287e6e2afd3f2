/** Residents' submission endpoints: file a procedure, then look it up, correct or withdraw it. */
import type { RequestHandler } from 'express';
import { jsonBody } from '../http/json-body.ts';
import { requireResident, requireResidentCsrf, residentOf } from '../residents/middleware.ts';
import { route, type Route } from '../http/route.ts';
import { error, json, ref } from '../http/responses.ts';
import type { Corrections } from './corrections.ts';
import { correctionRequest, procedureIdParam, residentProof, submissionRequest } from './inputs.ts';
import { residentAccess } from '../residents/access.ts';
import type { SubmissionService } from './service.ts';

export interface SubmissionRouteDeps {
  service: SubmissionService;
  corrections: Corrections;
  maxBodyBytes: number;
  /** One budget of look-ups by reference number + access code per address (http/lookup-limiter.ts). */
  lookupLimiter: RequestHandler;
  /** Submissions per address (http/rate-limit.ts). */
  submissionLimiter: RequestHandler;
  /** A signed-in resident's server draft of the procedure is deleted once it is filed. */
  drafts: { delete: (subjectHash: string, procedureId: string) => Promise<boolean> };
}

const statusResult = { description: 'New status', content: json(ref('StatusResult')) };

export function submissionRoutes({
  service,
  corrections,
  maxBodyBytes,
  lookupLimiter,
  submissionLimiter,
  drafts,
}: SubmissionRouteDeps): Route[] {
  const body = jsonBody(maxBodyBytes);
  const withAnswers = jsonBody(maxBodyBytes, { answers: true });
  return [
    route({
      method: 'post',
      path: '/procedures/:id/submissions',
      operationId: 'createSubmission',
      summary: 'File a procedure',
      chain: [submissionLimiter, ...withAnswers],
      params: procedureIdParam,
      body: submissionRequest,
      headers: [
        {
          name: 'Idempotency-Key',
          required: false,
          schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{16,128}$' },
          description:
            'Send the same key when retrying: the first result is returned (header Idempotent-Replayed: true) and nothing new is stored.',
        },
      ],
      responses: {
        201: { description: 'Stored. The access code is shown only here.', content: json(ref('SubmissionReceipt')) },
        400: error('INVALID_JSON, FORBIDDEN_KEY, BODY_TOO_DEEP or IDEMPOTENCY_KEY_INVALID'),
        404: error('PROCEDURE_NOT_FOUND or PROCEDURE_NOT_PUBLISHED'),
        413: error('PAYLOAD_TOO_LARGE'),
        415: error('UNSUPPORTED_MEDIA_TYPE'),
        401: error('RESIDENT_SIGN_IN_REQUIRED (the procedure needs a verified identity: sign in, and send X-CSRF-Token)'),
        422: error(
          'VALIDATION_FAILED (one entry per field; keyword "verified" for a changed verified answer), PROXY_NOT_ALLOWED, DEFINITION_VERSION_UNKNOWN or IDEMPOTENCY_KEY_REUSED',
        ),
        429: error('RATE_LIMITED'),
      },
      handle: async ({ params, body }, req, res) => {
        const resident = residentOf(req);
        const { receipt, replayed } = await service.create(params.id, body, req.get('Idempotency-Key'), resident);
        if (resident) await drafts.delete(resident.subjectHash, params.id);
        res.status(201).set('Cache-Control', 'no-store');
        if (replayed) res.set('Idempotent-Replayed', 'true');
        res.json(receipt);
      },
    }),
    route({
      method: 'post',
      path: '/procedures/:id/signing-requests',
      operationId: 'createSigningRequest',
      summary:
        'Ask to sign these answers: checked as a filing, a reference number and time reserved, the digest to sign and where to sign it',
      chain: [submissionLimiter, requireResident, requireResidentCsrf, ...withAnswers],
      params: procedureIdParam,
      body: submissionRequest,
      responses: {
        201: {
          description: 'Go to signUrl; the signing app comes back to completeSigning',
          content: json({
            type: 'object',
            required: ['signingRequestId', 'signUrl', 'expiresAt', 'digest'],
            properties: {
              signingRequestId: { type: 'string' },
              signUrl: { type: 'string', format: 'uri' },
              expiresAt: { type: 'string', format: 'date-time' },
              digest: { type: 'string', description: 'Hex SHA-256 of the canonical submission (the receipt prints it)' },
            },
          }),
        },
        401: error('RESIDENT_SIGN_IN_REQUIRED'),
        403: error('CSRF_TOKEN_INVALID'),
        404: error('PROCEDURE_NOT_FOUND or PROCEDURE_NOT_PUBLISHED'),
        422: error('VALIDATION_FAILED, SIGNATURE_NOT_ASKED, PROXY_NOT_ALLOWED or DEFINITION_VERSION_UNKNOWN'),
        429: error('RATE_LIMITED'),
        503: error('SIGNING_UNAVAILABLE'),
      },
      handle: async ({ params, body }, req, res) => {
        const started = await service.startSigning(params.id, body, req.resident!);
        res.status(201).set('Cache-Control', 'no-store').json(started);
      },
    }),
    // POST so that the access code never appears in a URL or log.
    route({
      method: 'post',
      path: '/submissions/status',
      operationId: 'getSubmissionStatus',
      summary: 'Status of a submission, by reference number and access code',
      chain: [lookupLimiter, ...body],
      body: residentProof,
      responses: {
        401: error('RESIDENT_SIGN_IN_REQUIRED (no access code, and not signed in)'),
        200: { description: 'Status', content: json(ref('SubmissionStatus')) },
        404: error('SUBMISSION_NOT_FOUND (wrong number or code; the two are not distinguished)'),
        422: error('VALIDATION_FAILED (malformed number or code)'),
        429: error('RATE_LIMITED'),
      },
      handle: async ({ body }, req, res) => {
        res.set('Cache-Control', 'no-store').json(await service.status(residentAccess(req, body, 'read')));
      },
    }),
    route({
      method: 'post',
      path: '/submissions/correction-form',
      operationId: 'getCorrectionForm',
      summary: 'Earlier answers of a submission returned for correction (reference number + access code)',
      chain: [lookupLimiter, ...body],
      body: residentProof,
      responses: {
        401: error('RESIDENT_SIGN_IN_REQUIRED (no access code, and not signed in)'),
        200: { description: 'Answers and the reason', content: json({ type: 'object' }) },
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('NOT_RETURNED'),
        422: error('VALIDATION_FAILED'),
        429: error('RATE_LIMITED'),
      },
      handle: async ({ body }, req, res) => {
        res.set('Cache-Control', 'no-store').json(await corrections.form(residentAccess(req, body, 'read'), req.ip ?? null));
      },
    }),
    route({
      method: 'post',
      path: '/submissions/correction',
      operationId: 'correctSubmission',
      summary: 'Send corrected answers (validated against the same definition version); back to 受付',
      chain: [lookupLimiter, ...withAnswers],
      body: correctionRequest,
      responses: {
        401: error('RESIDENT_SIGN_IN_REQUIRED (no access code, and not signed in)'),
        403: error('CSRF_TOKEN_INVALID (signed in without an access code: send X-CSRF-Token)'),
        200: statusResult,
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('NOT_RETURNED'),
        422: error('VALIDATION_FAILED'),
        429: error('RATE_LIMITED'),
      },
      handle: async ({ body: { answers, draftToken, ...proof } }, req, res) => {
        res
          .set('Cache-Control', 'no-store')
          .json(await corrections.correct(residentAccess(req, proof, 'change'), answers, draftToken, req.ip ?? null));
      },
    }),
    route({
      method: 'post',
      path: '/submissions/withdrawal',
      operationId: 'withdrawSubmission',
      summary: 'Withdraw before a decision',
      chain: [lookupLimiter, ...body],
      body: residentProof,
      responses: {
        401: error('RESIDENT_SIGN_IN_REQUIRED (no access code, and not signed in)'),
        403: error('CSRF_TOKEN_INVALID (signed in without an access code: send X-CSRF-Token)'),
        200: statusResult,
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('INVALID_TRANSITION'),
        422: error('VALIDATION_FAILED'),
        429: error('RATE_LIMITED'),
      },
      handle: async ({ body }, req, res) => {
        res.set('Cache-Control', 'no-store').json(await corrections.withdraw(residentAccess(req, body, 'change'), req.ip ?? null));
      },
    }),
  ];
}
