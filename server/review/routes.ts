/**
 * Department staff endpoints. Every route shows its chain: session -> role -> (CSRF + body for
 * changes) -> input -> handler, and every handler scopes its query to the staff member's department.
 */
import type { Request } from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { loadStaff, requireCsrf, requireStaff } from '../auth/middleware.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { csv, error, ok } from '../http/responses.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { addText, assign, transition, type ActionContext } from './actions.ts';
import { getSubmissionDetail } from './detail.ts';
import { exportCsv } from './export.ts';
import { assigneeBody, bulkTransitionBody, queueQuery, refParam, textBody, transitionBody } from './inputs.ts';
import { listQueue, statusCounts } from './queue.ts';
import { attachmentQuestions } from '../../shared/forms/attachments.ts';

export interface ReviewRouteDeps {
  db: Knex;
  catalog: Catalog;
  notifier: Notifier;
  maxBodyBytes: number;
}

const unauthorised = { 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN or CSRF_TOKEN_INVALID') };
const statuses = ok('New status', { type: 'object' });

export function reviewRoutes({ db, catalog, notifier, maxBodyBytes }: ReviewRouteDeps): Route[] {
  const staff = [loadStaff(db), requireStaff('clerk', 'supervisor')];
  const change = [...staff, requireCsrf, ...jsonBody(maxBodyBytes)];
  const me = (req: Request) => req.staff!.user;
  const dept = (req: Request) => me(req).departmentId ?? '';
  const attachmentQuestionsOf = (procedureId: string, version: number) =>
    attachmentQuestions(catalog.version(procedureId, version)?.definition.schema ?? { type: 'object' }).map((q) => q.pointer);
  const ctx = (req: Request): ActionContext => ({
    db,
    actor: me(req),
    address: req.ip ?? null,
    notifier,
    rules: catalog.rules,
    attachmentQuestions: attachmentQuestionsOf,
  });

  return [
    route({
      method: 'get',
      path: '/staff/submissions',
      operationId: 'listQueue',
      summary: "The signed-in clerk's department queue (clerk, supervisor)",
      chain: staff,
      query: queueQuery,
      responses: { 200: ok('One page (50), counts per status, next cursor'), ...unauthorised, 422: error('VALIDATION_FAILED') },
      handle: async ({ query }, req, res) => {
        const [page, counts] = await Promise.all([
          listQueue(db, catalog, dept(req), me(req).id, query),
          statusCounts(db, dept(req), query.procedureId),
        ]);
        const procedures = catalog
          .published()
          .filter((c) => c.definition.department.id === dept(req))
          .map((c) => ({ id: c.definition.id, title: c.definition.title }));
        res.set('Cache-Control', 'no-store').json({ ...page, counts, procedures });
      },
    }),
    route({
      method: 'get',
      path: '/staff/submissions/:ref',
      operationId: 'getSubmission',
      summary: 'Every answer (from the version filled in), history, assignee, allowed transitions; audited',
      chain: staff,
      params: refParam,
      responses: { 200: ok('Detail'), ...unauthorised, 404: error('SUBMISSION_NOT_FOUND (also for other departments)') },
      handle: async ({ params }, req, res) => {
        const detail = await getSubmissionDetail({ db, catalog }, me(req), params.ref, req.ip ?? null);
        res.set('Cache-Control', 'no-store').json(detail);
      },
    }),
    route({
      method: 'post',
      path: '/staff/submissions/:ref/transitions',
      operationId: 'transitionSubmission',
      summary: 'Change the status (受付→審査中→完了/却下, 差戻し with a reason)',
      chain: change,
      params: refParam,
      body: transitionBody,
      responses: {
        200: statuses,
        ...unauthorised,
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('INVALID_TRANSITION or PAYMENT_OUTSTANDING'),
        422: error('VALIDATION_FAILED (reason required)'),
      },
      handle: async ({ params, body }, req, res) => {
        const [result] = await transition(ctx(req), [params.ref], body.to, body.reason, body.documents);
        res.json(result);
      },
    }),
    route({
      method: 'post',
      path: '/staff/transitions',
      operationId: 'transitionSubmissions',
      summary: 'Change the status of several submissions at once (all or none)',
      chain: change,
      body: bulkTransitionBody,
      responses: {
        200: statuses,
        ...unauthorised,
        404: error('SUBMISSION_NOT_FOUND'),
        409: error('INVALID_TRANSITION or PAYMENT_OUTSTANDING'),
        422: error('VALIDATION_FAILED'),
      },
      handle: async ({ body }, req, res) => {
        const refs = body.referenceNumbers;
        res.json({ results: refs.length > 0 ? await transition(ctx(req), refs, body.to, body.reason) : [] });
      },
    }),
    route({
      method: 'put',
      path: '/staff/submissions/:ref/assignee',
      operationId: 'assignSubmission',
      summary: 'Assign (a clerk: unassigned ones; a supervisor: reassign)',
      chain: change,
      params: refParam,
      body: assigneeBody,
      responses: { 204: { description: 'Assigned' }, ...unauthorised, 404: error('SUBMISSION_NOT_FOUND'), 422: error('VALIDATION_FAILED') },
      handle: async ({ params, body }, req, res) => {
        await assign(ctx(req), params.ref, body.assigneeId);
        res.status(204).end();
      },
    }),
    ...(['note', 'message'] as const).map((kind) =>
      route({
        method: 'post',
        path: `/staff/submissions/:ref/${kind}s`,
        operationId: kind === 'note' ? 'addNote' : 'sendMessage',
        summary: kind === 'note' ? 'Internal note' : 'Message shown to the resident on the status page',
        chain: change,
        params: refParam,
        body: textBody,
        responses: { 201: { description: 'Added' }, ...unauthorised, 404: error('SUBMISSION_NOT_FOUND'), 422: error('VALIDATION_FAILED') },
        handle: async ({ params, body }, req, res) => {
          await addText(ctx(req), params.ref, kind, body.text);
          res.status(201).json({ ok: true });
        },
      }),
    ),
    route({
      method: 'get',
      path: '/staff/colleagues',
      operationId: 'listColleagues',
      summary: 'Clerks and supervisors of my department',
      chain: staff,
      responses: { 200: ok('Colleagues'), ...unauthorised },
      handle: async (_input, req, res) => {
        const rows = (await db('staff_users')
          .select('id', 'display_name')
          .where('department_id', dept(req))
          .whereIn('role', ['clerk', 'supervisor'])
          .orderBy('id')) as { id: number; display_name: string }[];
        res.json({ colleagues: rows.map((r) => ({ id: r.id, displayName: r.display_name })) });
      },
    }),
    route({
      method: 'get',
      path: '/staff/export.csv',
      operationId: 'exportSubmissions',
      summary: 'The filtered queue as CSV for Excel (UTF-8 with BOM); audited',
      chain: staff,
      query: queueQuery,
      responses: { 200: csv(), ...unauthorised, 422: error('VALIDATION_FAILED (choose a procedure)') },
      handle: async ({ query }, req, res) => {
        const { csv: body, rows, procedureId } = await exportCsv(db, catalog, dept(req), query);
        const details = { rows, procedureId, filters: { ...query, cursor: undefined } };
        await audit(db, { actorType: 'staff', actorId: String(me(req).id), action: 'submission.export', address: req.ip ?? null, details });
        const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
        res.set('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment(`${procedureId}-${day}.csv`).send(body);
      },
    }),
  ];
}
