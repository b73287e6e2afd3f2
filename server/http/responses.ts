/** Small builders for the response side of the OpenAPI document (requests come from the zod schemas). */
import type { ResponseDoc } from './route.ts';

export const json = (schema: object) => ({ 'application/json': { schema } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const error = (description: string): ResponseDoc => ({ description, content: json(ref('Error')) });
export const csv = (description = 'CSV for Excel (UTF-8 with BOM, CRLF)'): ResponseDoc => ({
  description,
  content: { 'text/csv': { schema: { type: 'string' } } },
});
export const pdf = (description = 'PDF'): ResponseDoc => ({
  description,
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
});
export const ok = (description: string, schema: object = { type: 'object' }): ResponseDoc => ({ description, content: json(schema) });
