/** Public catalog endpoints: list, one procedure (current or a given version), its validator module. */
import { Router } from 'express';
import type { ProcedureSummary, ProcedureView } from '../../shared/forms/types.ts';
import { Errors } from '../errors.ts';
import type { Catalog, CompiledVersion } from './catalog.ts';

export function validatorUrl(c: CompiledVersion): string {
  return `/api/validators/${c.definition.id}/${c.definition.version}/${c.validator.codeHash}.js`;
}

function view(c: CompiledVersion, onlinePayment: boolean): ProcedureView {
  const { examples: _examples, $schema: _schema, ...definition } = c.definition;
  return { ...definition, sha256: c.sha256, validatorUrl: validatorUrl(c), onlinePayment: onlinePayment && definition.fee !== null };
}

function summary(c: CompiledVersion): ProcedureSummary {
  const d = c.definition;
  return { id: d.id, version: d.version, title: d.title, summary: d.summary, category: d.category, department: d.department, fee: d.fee, nationalPriorityId: d.nationalPriorityId, keywords: d.keywords ?? [] };
}

export function procedureRoutes(catalog: Catalog, onlinePayment: boolean): Router {
  const router = Router();

  // operationId: listProcedures
  router.get('/procedures', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json({ procedures: catalog.published().map(summary) });
  });

  // operationId: getProcedure
  router.get('/procedures/:id', (req, res) => {
    const current = catalog.current(req.params.id);
    if (!current) throw Errors.procedureNotFound();
    if (!current.definition.published) throw Errors.procedureNotPublished();
    res.set('Cache-Control', 'no-cache').json(view(current, onlinePayment));
  });

  // operationId: getProcedureVersion — a draft started on an earlier version keeps that version.
  router.get('/procedures/:id/versions/:version', (req, res) => {
    const version = catalog.version(req.params.id, Number(req.params.version));
    if (!version || !catalog.current(req.params.id)?.definition.published) throw Errors.procedureNotFound();
    res.set('Cache-Control', 'public, max-age=86400').json(view(version, onlinePayment));
  });

  // operationId: getValidatorModule — precompiled, content-addressed: cache forever.
  router.get('/validators/:id/:version/:file', (req, res) => {
    const version = catalog.version(req.params.id, Number(req.params.version));
    if (!version || req.params.file !== `${version.validator.codeHash}.js`) throw Errors.notFound();
    res.type('text/javascript').set('Cache-Control', 'public, max-age=31536000, immutable').send(version.validator.code);
  });

  return router;
}
