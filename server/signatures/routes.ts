/**
 * The signing flow (docs/signatures.md). createSigningRequest (submissions/routes.ts) checks the answers as filing would,
 * reserves the reference number and time, and answers where to sign; the signing app sends the
 * resident back to completeSigning, which verifies the signature there and then and sends the
 * browser back to the check page (?signing=signed, or the error's code); the check page reads the
 * outcome with getSigningRequest and files with the request's id (createSubmission).
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError, Errors } from '../errors.ts';
import { errorBody } from '../http/error-handler.ts';
import { error, ok } from '../http/responses.ts';
import { route, type Route } from '../http/route.ts';
import { requireResident } from '../residents/middleware.ts';
// The same redirect-back shape as the identity provider's (code, state, error).
import { callbackQuery } from '../residents/inputs.ts';
import type { SigningRequests } from './requests.ts';

export interface SigningRouteDeps {
  /** Null when no signing app is configured. */
  requests: SigningRequests | null;
  limiter: RequestHandler;
}

const requestIdParam = z.object({
  signingRequestId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/u),
});

export function signingRoutes(d: SigningRouteDeps): Route[] {
  const requests = () => {
    if (!d.requests) throw Errors.signingUnavailable();
    return d.requests;
  };
  return [
    route({
      method: 'get',
      path: '/signing/callback',
      operationId: 'completeSigning',
      summary:
        "The signing app's redirect back: the signature fetched and verified (chain, validity, CRL, signer), then back to the check page",
      chain: [d.limiter],
      query: callbackQuery,
      responses: {
        303: { description: 'Back to the check page: ?signing=signed, or ?signing=<error code>' },
        200: ok('API clients: { procedureId, status: "signed" }'),
        400: error('SIGNING_CANCELLED'),
        404: error('SIGNING_REQUEST_UNKNOWN (wrong, used or expired state, or another resident)'),
        422: error(
          'SIGNATURE_INVALID, SIGNATURE_SIGNER_MISMATCH, SIGNATURE_CERTIFICATE_EXPIRED, SIGNATURE_CERTIFICATE_REVOKED, SIGNATURE_CERTIFICATE_UNTRUSTED or SIGNATURE_CERTIFICATE_UNUSABLE',
        ),
        503: error('SIGNING_UNAVAILABLE, SIGNING_APP_UNREACHABLE or SIGNATURE_REVOCATION_UNKNOWN (no current CRL)'),
      },
      handle: async ({ query }, req, res) => {
        const html = req.accepts(['html', 'json']) === 'html';
        let outcome: { procedureId: string; error: AppError | null };
        try {
          outcome = await requests().complete(query, req.resident?.subjectHash ?? null);
        } catch (err) {
          if (!(err instanceof AppError) || !html) throw err;
          return res.set('Cache-Control', 'no-store').redirect(303, `/?signing=${encodeURIComponent(err.code)}`);
        }
        res.set('Cache-Control', 'no-store');
        if (html) {
          const result = outcome.error ? outcome.error.code : 'signed';
          return res.redirect(303, `/procedures/${encodeURIComponent(outcome.procedureId)}/check?signing=${encodeURIComponent(result)}`);
        }
        if (outcome.error) return res.status(outcome.error.status).json(errorBody(outcome.error, req.id));
        res.json({ procedureId: outcome.procedureId, status: 'signed' });
      },
    }),
    route({
      method: 'get',
      path: '/signing-requests/:signingRequestId',
      operationId: 'getSigningRequest',
      summary: "Where the resident's own signing stands (signed: the signer's name and certificate), for the check page",
      chain: [requireResident],
      params: requestIdParam,
      responses: {
        200: ok('status (pending | signed | failed | used), error, signer, certificate, expiresAt'),
        401: error('RESIDENT_SIGN_IN_REQUIRED'),
        404: error('SIGNING_REQUEST_UNKNOWN'),
      },
      handle: async ({ params }, req, res) => {
        res.set('Cache-Control', 'no-store').json(await requests().view(params.signingRequestId, req.resident!.subjectHash));
      },
    }),
  ];
}
