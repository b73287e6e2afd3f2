/**
 * Counter-assisted filing (書かない窓口): a clerk fills in the resident's form with them at the
 * counter and files it on their behalf. Chain: staff session -> clerk/supervisor -> the procedure
 * is the clerk's own department's (404 otherwise, as for every review route) -> CSRF -> body.
 * The submission goes through the same SubmissionService as an online one, as channel
 * counter-assisted, with the identity document the clerk checked; the filing is audited in its
 * own transaction (SubmissionService).
 */
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { loadStaff, requireCsrf, requireStaff } from '../auth/middleware.ts';
import { Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, json, ref } from '../http/responses.ts';
import type { Catalog } from '../procedures/catalog.ts';
import type { SubmissionService } from '../submissions/service.ts';
import { counterProcedureParam, counterSubmissionRequest } from './inputs.ts';

export interface CounterRouteDeps {
  db: Knex;
  catalog: Catalog;
  service: SubmissionService;
  maxBodyBytes: number;
}

/** The procedure belongs to the signed-in clerk's department; any other (or none) is 404. */
function ownProcedure(catalog: Catalog): RequestHandler {
  return (req, _res, next) => {
    const current = catalog.current(String(req.params.procedureId ?? ''));
    const mine = current && current.definition.department.id === req.staff?.user.departmentId;
    next(mine ? undefined : Errors.procedureNotFound());
  };
}

export function counterRoutes({ db, catalog, service, maxBodyBytes }: CounterRouteDeps): Route[] {
  return [
    route({
      method: 'post',
      path: '/staff/counter/:procedureId/submissions',
      operationId: 'createCounterSubmission',
      summary: 'File a procedure for a resident at the counter (書かない窓口; clerk, supervisor of its department); audited',
      chain: [
        loadStaff(db),
        requireStaff('clerk', 'supervisor'),
        ownProcedure(catalog),
        requireCsrf,
        ...jsonBody(maxBodyBytes, { answers: true }),
      ],
      params: counterProcedureParam,
      body: counterSubmissionRequest,
      headers: [
        {
          name: 'Idempotency-Key',
          required: false,
          schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{16,128}$' },
          description: 'As for createSubmission: a retry with the same key returns the first result and files nothing new.',
        },
      ],
      responses: {
        201: {
          description: 'Stored as channel counter-assisted. The access code is shown only here: give it to the resident.',
          content: json(ref('SubmissionReceipt')),
        },
        400: error('INVALID_JSON, FORBIDDEN_KEY, BODY_TOO_DEEP or IDEMPOTENCY_KEY_INVALID'),
        401: error('UNAUTHENTICATED'),
        403: error('FORBIDDEN or CSRF_TOKEN_INVALID'),
        404: error('PROCEDURE_NOT_FOUND (also for another department’s procedure) or PROCEDURE_NOT_PUBLISHED'),
        413: error('PAYLOAD_TOO_LARGE'),
        415: error('UNSUPPORTED_MEDIA_TYPE'),
        422: error(
          'VALIDATION_FAILED (one entry per answer; /identityCheck when the procedure needs a verified identity), COUNTER_ATTACHMENTS_UNAVAILABLE, DEFINITION_VERSION_UNKNOWN or IDEMPOTENCY_KEY_REUSED',
        ),
      },
      handle: async ({ params, body }, req, res) => {
        const clerk = req.staff!.user;
        const { identityCheck, ...request } = body;
        const { receipt, replayed } = await service.create(
          params.procedureId,
          { ...request, draftToken: undefined, filer: 'self' },
          req.get('Idempotency-Key'),
          null,
          { clerkId: clerk.id, identityCheck, address: req.ip ?? null },
        );
        res.status(201).set('Cache-Control', 'no-store');
        if (replayed) res.set('Idempotent-Replayed', 'true');
        res.json(receipt);
      },
    }),
  ];
}
