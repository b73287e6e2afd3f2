/** Small helpers for API tests through HTTP. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { ATTACHMENT_ID, attachmentIdsIn } from '../../shared/forms/attachments.ts';
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

/**
 * Files a submission. Examples hold placeholder attachment ids (no file exists for them): real
 * files are uploaded first and their ids put in, once per Idempotency-Key so that a retry sends
 * the very same answers.
 */
export async function submit(
  base: string,
  id: string,
  answers: unknown,
  options: { version?: number; key?: string; uploadFiles?: boolean } = {},
) {
  const version = options.version ?? currentVersion(id);
  const prepared =
    options.uploadFiles === false ? { answers, token: null } : await withUploadedFiles(base, id, version, answers, options.key);
  return call(`${base}/api/procedures/${id}/submissions`, {
    method: 'POST',
    headers: options.key ? { 'Idempotency-Key': options.key } : {},
    json: { definitionVersion: version, answers: prepared.answers, ...(prepared.token ? { draftToken: prepared.token } : {}) },
  });
}

let tinyPng: Promise<Buffer> | null = null;
const uploadedFor = new Map<string, Promise<{ answers: unknown; token: string | null }>>();

async function withUploadedFiles(base: string, id: string, version: number, answers: unknown, key: string | undefined) {
  const schema = repoDefinitions().find((d) => d.id === id && d.version === version)?.schema;
  const placeholders = schema ? attachmentIdsIn(schema, answers).filter((p) => ATTACHMENT_ID.test(p.id)) : [];
  if (placeholders.length === 0) return { answers, token: null };
  const cacheKey = key ? `${base} ${id} ${key}` : null;
  const cached = cacheKey ? uploadedFor.get(cacheKey) : undefined;
  if (cached) return cached;
  const work = (async () => {
    tinyPng ??= sharp({ create: { width: 8, height: 8, channels: 3, background: '#888888' } })
      .png()
      .toBuffer();
    const bytes = await tinyPng;
    const token = `test_${randomBytes(24).toString('base64url')}`;
    const replaced = structuredClone(answers) as Record<string, unknown>;
    for (const p of placeholders) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'document.png');
      const res = await call(
        `${base}/api/procedures/${id}/attachments?${new URLSearchParams({ field: p.field, version: String(version) })}`,
        {
          method: 'POST',
          headers: { 'X-Draft-Token': token },
          body: form,
        },
      );
      if (res.status !== 201) throw new Error(`upload for ${p.pointer}: ${res.status} ${JSON.stringify(res.body)}`);
      setByPointer(replaced, p.pointer, (res.body as { id: string }).id);
    }
    return { answers: replaced, token };
  })();
  if (cacheKey) uploadedFor.set(cacheKey, work);
  return work;
}

function setByPointer(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = pointer.split('/').slice(1);
  let node = target as Record<string, unknown>;
  for (const s of segments.slice(0, -1)) node = node[s] as Record<string, unknown>;
  node[segments.at(-1)!] = value;
}

export const clone = <T>(value: T): T => structuredClone(value);
