/** Public catalog endpoints: list, one procedure (current or a given version), its validator module. */
import { z } from 'zod';
import type { ProcedureSummary, ProcedureView } from '../../shared/forms/types.ts';
import { Errors } from '../errors.ts';
import { procedureIdParam } from '../http/inputs.ts';
import { route, type Route } from '../http/route.ts';
import { error, json, ref } from '../http/responses.ts';
import type { Catalog, CompiledVersion } from './catalog.ts';

export function validatorUrl(c: CompiledVersion): string {
  return `/api/validators/${c.definition.id}/${c.definition.version}/${c.validator.codeHash}.js`;
}

export function procedureView(c: CompiledVersion, onlinePayment: boolean): ProcedureView {
  const { examples: _examples, $schema: _schema, ...definition } = c.definition;
  return { ...definition, sha256: c.sha256, validatorUrl: validatorUrl(c), onlinePayment: onlinePayment && definition.fee !== null };
}

/** What the list of procedures says about one (listProcedures). */
export function procedureSummary(d: CompiledVersion['definition']): ProcedureSummary {
  return {
    id: d.id,
    version: d.version,
    title: d.title,
    summary: d.summary,
    category: d.category,
    department: d.department,
    fee: d.fee,
    nationalPriorityId: d.nationalPriorityId,
    keywords: d.keywords ?? [],
    ...(d.opensAt ? { opensAt: d.opensAt } : {}),
    ...(d.closesAt ? { closesAt: d.closesAt } : {}),
  };
}

/** A version number in a path: anything else is simply not found. */
const version = z.string().max(12).meta({ description: 'Definition version (1, 2, ...)', pattern: '^[1-9][0-9]*$' });

export function procedureRoutes(catalog: Catalog, onlinePayment: boolean): Route[] {
  return [
    route({
      method: 'get',
      path: '/procedures',
      operationId: 'listProcedures',
      summary: 'Published procedures',
      responses: {
        200: {
          description: 'The catalog',
          content: json({ type: 'object', properties: { procedures: { type: 'array', items: ref('ProcedureSummary') } } }),
        },
      },
      handle: (_input, _req, res) => {
        res.set('Cache-Control', 'no-cache').json({ procedures: catalog.published().map((c) => procedureSummary(c.definition)) });
      },
    }),
    route({
      method: 'get',
      path: '/procedures/:id',
      operationId: 'getProcedure',
      summary: 'One published procedure with its form (current version)',
      params: procedureIdParam,
      responses: {
        200: { description: 'The procedure', content: json(ref('Procedure')) },
        404: error('PROCEDURE_NOT_FOUND or PROCEDURE_NOT_PUBLISHED'),
      },
      handle: ({ params }, _req, res) => {
        const current = catalog.current(params.id);
        if (!current) throw Errors.procedureNotFound();
        if (!current.definition.published) throw Errors.procedureNotPublished();
        res.set('Cache-Control', 'no-cache').json(procedureView(current, onlinePayment));
      },
    }),
    // A draft started on an earlier version keeps that version.
    route({
      method: 'get',
      path: '/procedures/:id/versions/:version',
      operationId: 'getProcedureVersion',
      summary: 'A given version of a procedure (for drafts started on an earlier version)',
      params: procedureIdParam.extend({ version }),
      responses: {
        200: { description: 'The procedure at that version', content: json(ref('Procedure')) },
        404: error('PROCEDURE_NOT_FOUND'),
      },
      handle: ({ params }, _req, res) => {
        const found = catalog.version(params.id, Number(params.version));
        if (!found || !catalog.current(params.id)?.definition.published) throw Errors.procedureNotFound();
        res.set('Cache-Control', 'public, max-age=86400').json(procedureView(found, onlinePayment));
      },
    }),
    // Precompiled, content-addressed: cache forever.
    route({
      method: 'get',
      path: '/validators/:id/:version/:file',
      operationId: 'getValidatorModule',
      summary: 'Precompiled validator (ES module) for one definition version; the URL is given as validatorUrl',
      params: procedureIdParam.extend({ version, file: z.string().max(64).meta({ pattern: '^[0-9a-f]{16}\\.js$' }) }),
      responses: {
        200: { description: 'JavaScript module', content: { 'text/javascript': { schema: { type: 'string' } } } },
        404: error('NOT_FOUND'),
      },
      handle: ({ params }, _req, res) => {
        const found = catalog.version(params.id, Number(params.version));
        if (!found || params.file !== `${found.validator.codeHash}.js`) throw Errors.notFound();
        res.type('text/javascript').set('Cache-Control', 'public, max-age=31536000, immutable').send(found.validator.code);
      },
    }),
  ];
}
