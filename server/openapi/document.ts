/**
 * OpenAPI 3.1 description of every endpoint, served at /api/openapi.json. Paths, parameters and
 * request bodies are generated from the routes' own declarations (http/route.ts: the zod schemas
 * that validate each request), so the document cannot drift from what the server accepts; the
 * response schemas are written here.
 */
import { z } from 'zod';
import { staffAccess } from '../auth/middleware.ts';
import type { Route } from '../http/route.ts';
import { ref } from '../http/responses.ts';
import { responseSchemas } from './schemas.ts';

const text = { type: 'object', required: ['ja', 'en'], properties: { ja: { type: 'string' }, en: { type: 'string' } } };
const csrfHeader = {
  name: 'X-CSRF-Token',
  in: 'header',
  required: true,
  schema: { type: 'string' },
  description: 'The csrfToken from staffLogin / getStaffSession',
};

/** JSON Schema of what a zod schema accepts (its input side). */
export function inputSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** Path or query parameters from an object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): object[] {
  if (!schema) return [];
  const json = inputSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s as { description?: string };
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
}

function operation(r: Route) {
  const access = staffAccess(r.chain);
  const requestBody = r.body
    ? { required: true, content: { 'application/json': { schema: inputSchema(r.body) } } }
    : r.rawBody
      ? { required: true, content: { [r.rawBody.contentType]: { schema: r.rawBody.schema } } }
      : undefined;
  return {
    operationId: r.operationId,
    summary: r.summary,
    ...(access ? { 'x-staff-roles': access.roles.length > 0 ? access.roles : 'any' } : {}),
    // The sign-in stages a session may be at (mfa: code owed, enrol: factor to set up, password: to change, done).
    ...(access ? { 'x-staff-sign-in-stages': access.stages } : {}),
    parameters: [
      ...parameters(r.params, 'path'),
      ...parameters(r.query, 'query'),
      ...(r.headers ?? []).map((h) => ({ ...h, in: 'header' })),
      ...(access?.csrf ? [csrfHeader] : []),
    ],
    ...(requestBody ? { requestBody } : {}),
    responses: r.responses,
  };
}

/** Routes mounted under each prefix (/api, or the root for /healthz). */
export function openApiDocument(groups: { prefix: string; routes: readonly Route[] }[]) {
  const paths: Record<string, Record<string, object>> = {};
  for (const { prefix, routes } of groups) {
    for (const r of routes) {
      const path = `${prefix}${r.path}`.replace(/:([A-Za-z]+)/gu, '{$1}');
      (paths[path] ??= {})[r.method] = operation(r);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Online procedures API (小金井市 オンライン手続)',
      version: '1.0.0',
      description:
        'Residents find a procedure, file it, and look up its status. Errors always use the Error envelope with a stable code and Japanese and English messages.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: {
        ...responseSchemas,
        LocalizedText: text,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', examples: ['VALIDATION_FAILED'] },
                message: ref('LocalizedText'),
                fields: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['pointer', 'keyword', 'message'],
                    properties: {
                      pointer: { type: 'string', description: 'JSON pointer into the request body answers' },
                      keyword: { type: 'string' },
                      message: ref('LocalizedText'),
                    },
                  },
                },
                requestId: { type: 'string' },
              },
            },
          },
        },
        ProcedureSummary: {
          type: 'object',
          required: ['id', 'version', 'title', 'summary', 'category', 'department', 'fee', 'nationalPriorityId'],
          properties: {
            id: { type: 'string' },
            version: { type: 'integer' },
            title: ref('LocalizedText'),
            summary: ref('LocalizedText'),
            category: { type: 'string' },
            department: { type: 'object' },
            fee: { type: ['object', 'null'] },
            nationalPriorityId: { type: ['string', 'null'] },
            keywords: { type: 'array', items: { type: 'string' } },
            opensAt: { type: 'string', format: 'date-time', description: 'Filing period start, when the procedure has one' },
            closesAt: { type: 'string', format: 'date-time', description: 'Filing period end (submissions are refused from then on)' },
          },
        },
        Procedure: {
          type: 'object',
          description:
            'A procedure definition (see form-definitions/definition.schema.json) without its examples, plus sha256 and validatorUrl.',
          required: ['id', 'version', 'schema', 'uiSchema', 'sha256', 'validatorUrl'],
          properties: {
            id: { type: 'string' },
            version: { type: 'integer' },
            schema: { type: 'object' },
            uiSchema: { type: 'object' },
            sha256: { type: 'string' },
            validatorUrl: { type: 'string' },
            opensAt: { type: 'string', format: 'date-time', description: 'Filing period start, when the procedure has one' },
            closesAt: { type: 'string', format: 'date-time', description: 'Filing period end (submissions are refused from then on)' },
          },
        },
        SubmissionReceipt: {
          type: 'object',
          required: ['referenceNumber', 'accessCode', 'procedureId', 'definitionVersion', 'status', 'statusLabel', 'submittedAt'],
          properties: {
            referenceNumber: { type: 'string', pattern: '^[A-Z3-9]{3}-[A-Z3-9]{3}-[A-Z3-9]{3}$' },
            accessCode: { type: 'string', pattern: '^[A-Z3-9]{5}-[A-Z3-9]{5}$' },
            procedureId: { type: 'string' },
            definitionVersion: { type: 'integer' },
            status: { type: 'string' },
            statusLabel: ref('LocalizedText'),
            submittedAt: { type: 'string', format: 'date-time' },
            payment: ref('Payment'),
          },
        },
        UploadedAttachment: {
          type: 'object',
          required: ['id', 'name', 'mediaType', 'size', 'sha256', 'scan'],
          properties: {
            id: { type: 'string', pattern: '^att_[A-Za-z0-9_-]{22}$' },
            name: { type: 'string', description: 'File name as stored (the extension of the stored type)' },
            mediaType: { type: 'string', enum: ['image/jpeg', 'image/png', 'application/pdf'] },
            size: { type: 'integer' },
            sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            scan: { type: 'string', enum: ['clean', 'not_scanned'] },
            thumbnail: { type: ['string', 'null'], description: 'data: URL of a small JPEG preview (photos)' },
          },
        },
        SubmissionStatus: {
          type: 'object',
          required: ['referenceNumber', 'procedure', 'status', 'statusLabel', 'submittedAt', 'updatedAt'],
          properties: {
            referenceNumber: { type: 'string' },
            procedure: { type: 'object' },
            status: {
              type: 'string',
              enum: ['awaiting_payment', 'submitted', 'in_review', 'approved', 'rejected', 'returned', 'withdrawn'],
            },
            statusLabel: ref('LocalizedText'),
            submittedAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
            payment: ref('Payment'),
          },
        },
      },
    },
  };
}
