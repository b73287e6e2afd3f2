/** Small helpers for API tests through HTTP. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProcedureDefinition } from '../../shared/forms/types.ts';

export const DEFINITIONS_DIR = path.resolve(import.meta.dirname, '../../form-definitions');

export function repoDefinitions(): ProcedureDefinition[] {
  return readdirSync(DEFINITIONS_DIR)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && f !== 'catalog.json')
    .map((f) => JSON.parse(readFileSync(path.join(DEFINITIONS_DIR, f), 'utf8')) as ProcedureDefinition);
}

export function definition(id: string): ProcedureDefinition {
  const found = repoDefinitions().find((d) => d.id === id);
  if (!found) throw new Error(`no definition ${id}`);
  return found;
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = any>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<JsonResponse<T>> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

/** The version in form-definitions/ (1 for an id that has no definition, e.g. in 404 tests). */
export function currentVersion(id: string): number {
  return repoDefinitions().find((d) => d.id === id)?.version ?? 1;
}

export function submit(base: string, id: string, answers: unknown, options: { version?: number; key?: string } = {}) {
  return call(`${base}/api/procedures/${id}/submissions`, {
    method: 'POST',
    headers: options.key ? { 'Idempotency-Key': options.key } : {},
    json: { definitionVersion: options.version ?? currentVersion(id), answers },
  });
}

export const clone = <T>(value: T): T => structuredClone(value);
