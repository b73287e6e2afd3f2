/** The DX office's dashboard, counter/mail figures, open data, and the anonymous form-start counter. */
import express, { Router } from 'express';
import type { Knex } from 'knex';
import { fiscalYearOfMonth, japanDay, japanMonth, monthsOfFiscalYear } from '../../shared/fiscal-year.ts';
import { loadStaff, requireCsrf, requireStaff } from '../auth/middleware.ts';
import { Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { entryProblems, parseCountsCsv, saveCounts } from './counter-counts.ts';
import { dashboardFigures } from './figures.ts';
import { catalogRows, monthlyRows, toCsv } from './open-data.ts';

function fiscalYearParam(value: unknown): number {
  if (value === undefined || value === '') return fiscalYearOfMonth(japanMonth(new Date()));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 99) throw Errors.validation([{ pointer: '/fy', keyword: 'format', message: { ja: '年度は令和の年（例：8）で指定してください。', en: 'fy is the Reiwa year, like 8.' } }]);
  return n;
}

export function dashboardRoutes(db: Knex, catalog: Catalog, maxBodyBytes: number): Router {
  const router = Router();
  const city = () => {
    if (!catalog.city) throw Errors.notFound();
    return catalog.city;
  };

  // operationId: getDashboard
  router.get('/dx/dashboard', loadStaff(db), requireStaff('dx'), async (req, res) => {
    const department = typeof req.query.department === 'string' && req.query.department ? req.query.department : undefined;
    res.set('Cache-Control', 'no-store').json(await dashboardFigures(db, city(), { fiscalYear: fiscalYearParam(req.query.fy), departmentId: department }));
  });

  // operationId: listCounterCounts — the procedures this staff member may enter, this fiscal year's months and what is entered.
  router.get('/dx/counter-counts', loadStaff(db), requireStaff('dx', 'clerk', 'supervisor'), async (req, res) => {
    const user = req.staff!.user;
    const procedures = city().procedures.filter((p) => user.role === 'dx' || p.department.id === user.departmentId).map((p) => ({ id: p.id, name: p.name, departmentId: p.department.id }));
    const months = monthsOfFiscalYear(fiscalYearParam(req.query.fy)).filter((m) => m <= japanMonth(new Date()));
    const entries = (await db('counter_counts').select('procedure_id', 'month', 'counter', 'mail').whereIn('procedure_id', procedures.map((p) => p.id)).whereIn('month', months).orderBy(['procedure_id', 'month'])) as {
      procedure_id: string;
      month: string;
      counter: number;
      mail: number;
    }[];
    res.set('Cache-Control', 'no-store').json({ procedures, months, entries: entries.map((e) => ({ procedureId: e.procedure_id, month: e.month, counter: e.counter, mail: e.mail })) });
  });

  // operationId: enterCounterCounts
  router.put('/dx/counter-counts', loadStaff(db), requireStaff('dx', 'clerk', 'supervisor'), requireCsrf, ...jsonBody(maxBodyBytes), async (req, res) => {
    const b = req.body as Record<string, unknown>;
    const problems = entryProblems(city(), req.staff!.user, b);
    if (problems.length > 0) throw Errors.validation(problems);
    await saveCounts(db, req.staff!.user, [{ procedureId: String(b.procedureId), month: String(b.month), counter: Number(b.counter), mail: Number(b.mail) }], req.ip ?? null);
    res.status(204).end();
  });

  // operationId: uploadCounterCounts — text/csv: procedure_id,month,counter,mail
  router.post('/dx/counter-counts.csv', loadStaff(db), requireStaff('dx', 'clerk', 'supervisor'), requireCsrf, express.text({ type: ['text/csv', 'text/plain'], limit: maxBodyBytes }), async (req, res) => {
    if (typeof req.body !== 'string') throw Errors.unsupportedMediaType();
    const entries = parseCountsCsv(city(), req.staff!.user, req.body);
    await saveCounts(db, req.staff!.user, entries, req.ip ?? null);
    res.json({ saved: entries.length });
  });

  // operationId: exportOpenData — catalog.csv, catalog.json, monthly.csv, monthly.json (?fy=)
  router.get('/open-data/:file', async (req, res) => {
    const m = /^(catalog|monthly)\.(csv|json)$/u.exec(req.params.file);
    if (!m) throw Errors.notFound();
    const rows = m[1] === 'catalog' ? catalogRows(city()) : monthlyRows(await dashboardFigures(db, city(), { fiscalYear: fiscalYearParam(req.query.fy) }));
    res.set('Cache-Control', 'public, max-age=3600');
    if (m[2] === 'json') res.json(rows);
    else res.type('text/csv; charset=utf-8').attachment(req.params.file).send(toCsv(rows));
  });

  // operationId: recordFormStart — one count per form started; nothing about the resident is kept.
  router.post('/procedures/:id/starts', async (req, res) => {
    const current = catalog.current(req.params.id);
    if (!current?.definition.published) throw Errors.procedureNotFound();
    await db('form_starts').insert({ procedure_id: current.definition.id, day: japanDay(new Date()), n: 1 }).onConflict(['procedure_id', 'day']).merge({ n: db.raw('form_starts.n + 1') });
    res.status(204).end();
  });

  return router;
}
