/**
 * Definition previews (staff). Chain: staff session -> clerk, supervisor or dx -> (POST: CSRF ->
 * JSON body) -> typed input -> DefinitionPreviews, which allows the definition's own department
 * and the DX office only. The preview's procedure is served in the shape of getProcedure, with its
 * own validator module, so the resident pages render it unchanged.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { loadStaff, requireCsrf, requireStaff } from '../auth/middleware.ts';
import { Errors } from '../errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { route, type Route } from '../http/route.ts';
import { error, json, ok, ref } from '../http/responses.ts';
import type { CompiledVersion } from '../procedures/catalog.ts';
import { procedureView } from '../procedures/routes.ts';
import { createPreviewRequest, previewIdParam } from './inputs.ts';
import type { DefinitionPreviews } from './service.ts';

const unauthorised = { 401: error('UNAUTHENTICATED'), 403: error('FORBIDDEN or CSRF_TOKEN_INVALID') };

const view = (previewId: string, c: CompiledVersion) => ({
  ...procedureView(c, false),
  validatorUrl: `/api/staff/previews/${previewId}/validator/${c.validator.codeHash}.js`,
  preview: true,
});

export function previewRoutes(db: Knex, previews: DefinitionPreviews, maxBodyBytes: number): Route[] {
  const staff = [loadStaff(db), requireStaff('clerk', 'supervisor', 'dx')];
  return [
    route({
      method: 'get',
      path: '/staff/previews',
      operationId: 'listPreviewableDefinitions',
      summary: 'Definitions I may preview (my department’s; all for the DX office), unpublished first',
      chain: staff,
      responses: { 200: ok('Definitions'), ...unauthorised },
      handle: (_input, req, res) => {
        res.set('Cache-Control', 'no-store').json({ definitions: previews.list(req.staff!.user) });
      },
    }),
    route({
      method: 'post',
      path: '/staff/previews',
      operationId: 'createDefinitionPreview',
      summary: 'Preview a definition of the catalog or an uploaded copy (checked in full; 422 lists its problems)',
      chain: [...staff, requireCsrf, ...jsonBody(maxBodyBytes)],
      body: createPreviewRequest,
      responses: {
        201: { description: 'The preview, as getProcedure returns a procedure', content: json(ref('Procedure')) },
        ...unauthorised,
        404: error('PROCEDURE_NOT_FOUND'),
        422: error('DEFINITION_PROBLEMS (each problem in fields, with its JSON pointer) or VALIDATION_FAILED'),
      },
      handle: async ({ body }, req, res) => {
        const { previewId, compiled } = await previews.create(req.staff!.user, body);
        res
          .status(201)
          .set('Cache-Control', 'no-store')
          .json({ previewId, procedure: view(previewId, compiled) });
      },
    }),
    route({
      method: 'get',
      path: '/staff/previews/:previewId',
      operationId: 'getDefinitionPreview',
      summary: 'An open preview’s procedure (an hour from its creation)',
      chain: staff,
      params: previewIdParam,
      responses: {
        200: { description: 'The procedure', content: json(ref('Procedure')) },
        ...unauthorised,
        404: error('PREVIEW_NOT_FOUND'),
      },
      handle: async ({ params }, req, res) => {
        const compiled = await previews.get(req.staff!.user, params.previewId);
        res.set('Cache-Control', 'no-store').json(view(params.previewId, compiled));
      },
    }),
    route({
      method: 'get',
      path: '/staff/previews/:previewId/validator/:file',
      operationId: 'getPreviewValidatorModule',
      summary: 'The precompiled validator of a preview (ES module)',
      chain: staff,
      params: previewIdParam.extend({ file: z.string().max(64).meta({ pattern: '^[0-9a-f]{16}\\.js$' }) }),
      responses: {
        200: { description: 'JavaScript module', content: { 'text/javascript': { schema: { type: 'string' } } } },
        ...unauthorised,
        404: error('PREVIEW_NOT_FOUND'),
      },
      handle: async ({ params }, req, res) => {
        const compiled = await previews.get(req.staff!.user, params.previewId);
        if (params.file !== `${compiled.validator.codeHash}.js`) throw Errors.previewNotFound();
        res.type('text/javascript').set('Cache-Control', 'private, no-store').send(compiled.validator.code);
      },
    }),
  ];
}
