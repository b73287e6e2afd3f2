/**
 * Department staff endpoints. Every route shows its chain: session -> role -> (CSRF + body for
 * changes) -> handler, and every handler scopes its query to the staff member's department.
 */
import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { audit } from '../audit/audit-log.ts';
import { loadStaff, requireCsrf, requireStaff } from '../auth/middleware.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { Catalog } from '../procedures/catalog.ts';
import type { PaymentService } from '../payments/service.ts';
import { addText, assign, transition, type ActionContext } from './actions.ts';
import { getSubmissionDetail } from './detail.ts';
import { exportCsv } from './export.ts';
import { listQueue, parseQueueQuery, statusCounts } from './queue.ts';

export function reviewRoutes(db: Knex, catalog: Catalog, notifier: Notifier, payments: PaymentService, maxBodyBytes: number): Router {
  const router = Router();
  const staff = [loadStaff(db), requireStaff('clerk', 'supervisor')];
  const change = [...staff, requireCsrf, ...jsonBody(maxBodyBytes)];
  const me = (req: Request) => req.staff!.user;
  const dept = (req: Request) => me(req).departmentId ?? '';
  const ctx = (req: Request): ActionContext => ({ db, actor: me(req), address: req.ip ?? null, notifier });

  // operationId: listQueue
  router.get('/staff/submissions', ...staff, async (req, res) => {
    const filters = parseQueueQuery(req.query as Record<string, unknown>);
    const [page, counts] = await Promise.all([listQueue(db, dept(req), me(req).id, filters), statusCounts(db, dept(req), filters.procedureId)]);
    const procedures = catalog.published().filter((c) => c.definition.department.id === dept(req)).map((c) => ({ id: c.definition.id, title: c.definition.title }));
    res.set('Cache-Control', 'no-store').json({ ...page, counts, procedures });
  });

  // operationId: getSubmission
  router.get('/staff/submissions/:ref', ...staff, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await getSubmissionDetail(db, catalog, payments, me(req), req.params.ref as string, req.ip ?? null));
  });

  // operationId: transitionSubmission
  router.post('/staff/submissions/:ref/transitions', ...change, async (req, res) => {
    const { to, reason } = req.body as { to?: unknown; reason?: unknown };
    const [result] = await transition(ctx(req), [req.params.ref as string], String(to), reason);
    res.json(result);
  });

  // operationId: transitionSubmissions — several at once, all or none.
  router.post('/staff/transitions', ...change, async (req, res) => {
    const { referenceNumbers, to, reason } = req.body as { referenceNumbers?: unknown; to?: unknown; reason?: unknown };
    const refs = Array.isArray(referenceNumbers) ? referenceNumbers.filter((r): r is string => typeof r === 'string').slice(0, 200) : [];
    res.json({ results: refs.length > 0 ? await transition(ctx(req), refs, String(to), reason) : [] });
  });

  // operationId: assignSubmission
  router.put('/staff/submissions/:ref/assignee', ...change, async (req, res) => {
    await assign(ctx(req), req.params.ref as string, (req.body as { assigneeId?: unknown }).assigneeId ?? null);
    res.status(204).end();
  });

  // operationId: addNote / sendMessage
  router.post('/staff/submissions/:ref/notes', ...change, async (req, res) => {
    await addText(ctx(req), req.params.ref as string, 'note', (req.body as { text?: unknown }).text);
    res.status(201).json({ ok: true });
  });
  router.post('/staff/submissions/:ref/messages', ...change, async (req, res) => {
    await addText(ctx(req), req.params.ref as string, 'message', (req.body as { text?: unknown }).text);
    res.status(201).json({ ok: true });
  });

  // operationId: listColleagues
  router.get('/staff/colleagues', ...staff, async (req, res) => {
    const rows = (await db('staff_users').select('id', 'display_name').where('department_id', dept(req)).whereIn('role', ['clerk', 'supervisor']).orderBy('id')) as { id: number; display_name: string }[];
    res.json({ colleagues: rows.map((r) => ({ id: r.id, displayName: r.display_name })) });
  });

  // operationId: exportSubmissions
  router.get('/staff/export.csv', ...staff, async (req, res) => {
    const filters = parseQueueQuery(req.query as Record<string, unknown>);
    const { csv, rows, procedureId } = await exportCsv(db, catalog, dept(req), filters);
    await audit(db, { actorType: 'staff', actorId: String(me(req).id), action: 'submission.export', address: req.ip ?? null, details: { rows, procedureId, filters: { ...filters, cursor: undefined } } });
    const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    res
      .set('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .attachment(`${procedureId}-${day}.csv`)
      .send(csv);
  });

  return router;
}
