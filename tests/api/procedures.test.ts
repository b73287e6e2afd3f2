/** The public catalog, unpublished procedures, and definition versions, through HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionsDir } from '../helpers/definitions-dir.ts';
import { call, clone, currentVersion, definition, repoDefinitions, submit } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const draft = clone(definition('sodai-gomi'));
draft.id = 'inkan-toroku';
draft.title = { ja: '印鑑登録', en: 'Seal registration' };
draft.published = false;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ FORM_DEFINITIONS_DIR: definitionsDir({ 'inkan-toroku.json': draft }) });
});
afterAll(async () => {
  await server.close();
});

describe('listProcedures / getProcedure', () => {
  it('lists the published procedures only, with what the home page needs', async () => {
    const res = await call(`${server.url}/api/procedures`);
    expect(res.status).toBe(200);
    const ids = res.body.procedures.map((p: any) => p.id).sort();
    expect(ids).toEqual(
      repoDefinitions()
        .filter((d) => d.published)
        .map((d) => d.id)
        .sort(),
    );
    expect(ids).toHaveLength(33);
    expect(ids).not.toContain('koseki-shomei');
    const juminhyo = res.body.procedures.find((p: any) => p.id === 'juminhyo-copy');
    expect(juminhyo).toMatchObject({
      nationalPriorityId: null,
      fee: { payment: 'on_submission', yen: 300 },
      department: { id: 'shimin' },
      category: 'certificates',
    });
  });

  it('gives one procedure with its schema, uiSchema, hash and validator module, without the examples', async () => {
    const res = await call(`${server.url}/api/procedures/kosodate-15`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'kosodate-15',
      version: currentVersion('kosodate-15'),
      nationalPriorityId: 'kosodate-15',
      published: true,
      identity: 'required',
    });
    expect(res.body.examples).toBeUndefined();
    expect(res.body.sha256).toBe(server.catalog.current('kosodate-15')!.sha256);
    const js = await fetch(`${server.url}${res.body.validatorUrl}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    const code = await js.text();
    expect(code).toContain('export');
    expect(code).not.toMatch(/\bnew Function\b|\beval\(/u);
  });

  it('answers 404 for an unknown procedure and for an unpublished one, and the unpublished one takes no submissions', async () => {
    expect((await call(`${server.url}/api/procedures/nothing`)).body.error.code).toBe('PROCEDURE_NOT_FOUND');
    const hidden = await call(`${server.url}/api/procedures/inkan-toroku`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('PROCEDURE_NOT_PUBLISHED');
    const res = await submit(server.url, 'inkan-toroku', draft.examples[0]);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('PROCEDURE_NOT_PUBLISHED');
    const [row] = await server.testDb.db('submissions').where({ procedure_id: 'inkan-toroku' }).count({ n: '*' });
    expect(Number(row?.n)).toBe(0);
  });

  it('serves the pages of the client with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${server.url}/procedures/kosodate-15`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('openapi.json', () => {
  it('is OpenAPI 3.1 and names every operation of the resident API', async () => {
    const res = await call(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const ops = Object.values(res.body.paths).flatMap((p: any) => Object.values(p).map((o: any) => o.operationId));
    expect(ops).toEqual(
      expect.arrayContaining([
        'listProcedures',
        'getProcedure',
        'createSubmission',
        'getSubmissionStatus',
        'staffLogin',
        'listQueue',
        'getSubmission',
        'transitionSubmission',
        'exportSubmissions',
        'getDashboard',
        'exportOpenData',
        'downloadReceipt',
        'verifyReceipt',
        'createPayment',
        'stripeWebhook',
        'refundPayment',
      ]),
    );
  });

  it('documents every API route the server has', async () => {
    const res = await call(`${server.url}/api/openapi.json`);
    const documented = Object.keys(res.body.paths).map((p) => p.replace(/\{[^}]+\}/gu, ':param'));
    const documentedOps = Object.entries(res.body.paths).flatMap(([path, ops]: [string, any]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/gu, ':param')}`),
    );
    // Every route registered on the Express app, read from its router stack.
    const { createApp } = await import('../../server/app.ts');
    const app = createApp({ config: server.config, db: server.testDb.db, catalog: server.catalog }) as any;
    const routes: string[] = [];
    const walk = (stack: any[], prefix: string) => {
      for (const layer of stack) {
        if (layer.route)
          for (const m of Object.keys(layer.route.methods))
            routes.push(`${m.toUpperCase()} ${prefix}${layer.route.path}`.replace(/:[a-z]+/giu, ':param'));
        else if (layer.handle?.stack) walk(layer.handle.stack, prefix === '' && layer.matchers ? '/api' : prefix);
      }
    };
    walk(app.router.stack, '');
    const apiRoutes = routes.filter((r) => /^\w+ \/(api|healthz)/u.test(r) && !r.includes('(?'));
    expect(apiRoutes.length).toBeGreaterThan(20);
    for (const r of apiRoutes) expect(documentedOps).toContain(r);
    expect(documented.length).toBeGreaterThan(0);
  });
});
