/** The DX office's dashboard, counter/mail figures, open data, and the anonymous form-start counter. */
import express, { type RequestHandler } from 'express';
import type { Knex } from 'knex';
import { fiscalYearOfMonth, japanDay, japanMonth, monthsOfFiscalYear } from '../../shared/fiscal-year.ts';
import { loadStaff, requireCsrf, requireStaff } from '../auth/middleware.ts';
import { Errors } from '../errors.ts';
import { procedureIdParam } from '../http/inputs.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, ok } from '../http/responses.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { entryProblems, parseCountsCsv, saveCounts } from './counter-counts.ts';
import { dashboardFigures } from './figures.ts';
import { counterCountsBody, dashboardQuery, fiscalYearQuery, OPEN_DATA_FILES, openDataParams } from './inputs.ts';
import { catalogRows, monthlyRows, toCsv } from './open-data.ts';

const currentFiscalYear = () => fiscalYearOfMonth(japanMonth(new Date()));
const unauthorised = { 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN or CSRF_TOKEN_INVALID') };

export function dashboardRoutes(db: Knex, catalog: Catalog, maxBodyBytes: number, startLimiter: RequestHandler): Route[] {
  const city = () => {
    if (!catalog.city) throw Errors.notFound();
    return catalog.city;
  };
  const counts = [loadStaff(db), requireStaff('dx', 'clerk', 'supervisor')];

  return [
    route({
      method: 'get',
      path: '/dx/dashboard',
      operationId: 'getDashboard',
      summary: 'The DX office figures for one fiscal year (dx): coverage, use, work, funnel',
      chain: [loadStaff(db), requireStaff('dx')],
      query: dashboardQuery,
      responses: { 200: ok('Figures'), ...unauthorised, 422: error('VALIDATION_FAILED') },
      handle: async ({ query }, _req, res) => {
        const figures = await dashboardFigures(db, city(), {
          fiscalYear: query.fy ?? currentFiscalYear(),
          departmentId: query.department || undefined,
        });
        res.set('Cache-Control', 'no-store').json(figures);
      },
    }),
    route({
      method: 'get',
      path: '/dx/counter-counts',
      operationId: 'listCounterCounts',
      summary: 'Procedures I may enter counts for, this fiscal year’s months and the counts entered',
      chain: counts,
      query: fiscalYearQuery,
      responses: { 200: ok('Counts'), ...unauthorised, 422: error('VALIDATION_FAILED') },
      handle: async ({ query }, req, res) => {
        const user = req.staff!.user;
        const procedures = city()
          .procedures.filter((p) => user.role === 'dx' || p.department.id === user.departmentId)
          .map((p) => ({ id: p.id, name: p.name, departmentId: p.department.id }));
        const months = monthsOfFiscalYear(query.fy ?? currentFiscalYear()).filter((m) => m <= japanMonth(new Date()));
        const entries = (await db('counter_counts')
          .select('procedure_id', 'month', 'counter', 'mail')
          .whereIn(
            'procedure_id',
            procedures.map((p) => p.id),
          )
          .whereIn('month', months)
          .orderBy(['procedure_id', 'month'])) as { procedure_id: string; month: string; counter: number; mail: number }[];
        const list = entries.map((e) => ({ procedureId: e.procedure_id, month: e.month, counter: e.counter, mail: e.mail }));
        res.set('Cache-Control', 'no-store').json({ procedures, months, entries: list });
      },
    }),
    route({
      method: 'put',
      path: '/dx/counter-counts',
      operationId: 'enterCounterCounts',
      summary: 'Counter and mail filings of one procedure in one month (dx: any; clerk/supervisor: own department)',
      chain: [...counts, requireCsrf, ...jsonBody(maxBodyBytes)],
      body: counterCountsBody,
      responses: { 204: { description: 'Saved' }, ...unauthorised, 422: error('VALIDATION_FAILED') },
      handle: async ({ body }, req, res) => {
        const problems = entryProblems(city(), req.staff!.user, body);
        if (problems.length > 0) throw Errors.validation(problems);
        await saveCounts(db, req.staff!.user, [body], req.ip ?? null);
        res.status(204).end();
      },
    }),
    route({
      method: 'post',
      path: '/dx/counter-counts.csv',
      operationId: 'uploadCounterCounts',
      summary: 'The same as CSV (procedure_id,month,counter,mail); all rows or none',
      chain: [...counts, requireCsrf, express.text({ type: ['text/csv', 'text/plain'], limit: maxBodyBytes })],
      rawBody: { contentType: 'text/csv', schema: { type: 'string' } },
      responses: {
        200: ok('Saved'),
        ...unauthorised,
        415: error('UNSUPPORTED_MEDIA_TYPE'),
        422: error('VALIDATION_FAILED (pointer /line/N/field)'),
      },
      handle: async (_input, req, res) => {
        if (typeof req.body !== 'string') throw Errors.unsupportedMediaType();
        const entries = parseCountsCsv(city(), req.staff!.user, req.body);
        await saveCounts(db, req.staff!.user, entries, req.ip ?? null);
        res.json({ saved: entries.length });
      },
    }),
    route({
      method: 'get',
      path: '/open-data/:file',
      operationId: 'exportOpenData',
      summary: 'Open data without personal data: catalog.csv, catalog.json, monthly.csv, monthly.json (columns: docs/open-data.md)',
      params: openDataParams,
      query: fiscalYearQuery,
      responses: {
        200: {
          description: 'Data',
          content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array' } } },
        },
        404: error('NOT_FOUND'),
        422: error('VALIDATION_FAILED'),
      },
      handle: async ({ params, query }, _req, res) => {
        if (!(OPEN_DATA_FILES as readonly string[]).includes(params.file)) throw Errors.notFound();
        const [name, format] = params.file.split('.') as ['catalog' | 'monthly', 'csv' | 'json'];
        const rows =
          name === 'catalog'
            ? catalogRows(city())
            : monthlyRows(await dashboardFigures(db, city(), { fiscalYear: query.fy ?? currentFiscalYear() }));
        res.set('Cache-Control', 'public, max-age=3600');
        if (format === 'json') res.json(rows);
        else res.type('text/csv; charset=utf-8').attachment(params.file).send(toCsv(rows));
      },
    }),
    // One count per form started; nothing about the resident is kept.
    route({
      method: 'post',
      path: '/procedures/:id/starts',
      operationId: 'recordFormStart',
      summary: 'Counts one resident starting the form (nothing about them is kept)',
      chain: [startLimiter],
      params: procedureIdParam,
      responses: { 204: { description: 'Counted' }, 404: error('PROCEDURE_NOT_FOUND'), 429: error('RATE_LIMITED') },
      handle: async ({ params }, _req, res) => {
        const current = catalog.current(params.id);
        if (!current?.definition.published) throw Errors.procedureNotFound();
        await db('form_starts')
          .insert({ procedure_id: current.definition.id, day: japanDay(new Date()), n: 1 })
          .onConflict(['procedure_id', 'day'])
          .merge({ n: db.raw('form_starts.n + 1') });
        res.status(204).end();
      },
    }),
  ];
}
