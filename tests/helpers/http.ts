/** Small helpers for API tests through HTTP. */
import { readFileSync } from 'node:fs';
import { definitionFiles } from '../../server/procedures/catalog.ts';
import { resolveSharedParts, SharedParts } from '../../server/procedures/shared-parts.ts';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { ATTACHMENT_ID, attachmentIdsIn } from '../../shared/forms/attachments.ts';
import type { ProcedureDefinition } from '../../shared/forms/types.ts';
import { answerAt, prefillPointers, type Filer } from '../../shared/identity.ts';
import { DEMO_RESIDENTS } from '../../server/demo/identity-provider.ts';
import { Agent, signIn } from './oidc.ts';

export const DEFINITIONS_DIR = path.resolve(import.meta.dirname, '../../form-definitions');

let cached: ProcedureDefinition[] | undefined;

/** One definition file of the repository, resolved with its shared parts (a fresh copy to change). */
export function repoDefinitionFile(file: string): ProcedureDefinition {
  return resolveSharedParts(JSON.parse(readFileSync(path.join(DEFINITIONS_DIR, file), 'utf8')), new SharedParts(DEFINITIONS_DIR))
    .definition as unknown as ProcedureDefinition;
}

/** Every definition file of the repository, resolved with its shared parts (as the server reads it). */
export function repoDefinitions(): ProcedureDefinition[] {
  const parts = new SharedParts(DEFINITIONS_DIR);
  cached ??= definitionFiles(DEFINITIONS_DIR).map(
    (f) =>
      resolveSharedParts(JSON.parse(readFileSync(path.join(DEFINITIONS_DIR, f), 'utf8')), parts)
        .definition as unknown as ProcedureDefinition,
  );
  return structuredClone(cached);
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

/** The status, headers and body (parsed when it is JSON, the text otherwise). */
async function readJson<T>(res: Response): Promise<JsonResponse<T>> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export async function call<T = any>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<JsonResponse<T>> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  return readJson<T>(res);
}

/** The version in form-definitions/ (1 for an id that has no definition, e.g. in 404 tests). */
export function currentVersion(id: string): number {
  return repoDefinitions().find((d) => d.id === id)?.version ?? 1;
}

/**
 * Files a submission. Examples hold placeholder attachment ids (no file exists for them): real
 * files are uploaded first and their ids put in, once per Idempotency-Key so that a retry sends
 * the very same answers. A procedure that asks for a verified identity is filed signed in, as the
 * synthetic resident the answers name (the applicant), or, when the answers say someone else
 * files, as 小金井 花子 for them (代理人); `agent` files as a resident already signed in.
 */
export async function submit(
  base: string,
  id: string,
  answers: unknown,
  options: { version?: number; key?: string; uploadFiles?: boolean; agent?: Agent; filer?: Filer } = {},
) {
  const { json, filing, def } = await prepareFiling(base, id, answers, options);
  const headers: Record<string, string> = options.key ? { 'Idempotency-Key': options.key } : {};
  if (!filing) return call(`${base}/api/procedures/${id}/submissions`, { method: 'POST', headers, json });
  const res = await agentCall(filing.agent, `${base}/api/procedures/${id}/submissions`, { method: 'POST', headers, json });
  if (res.status !== 401 || options.agent) return res;
  // A cached agent of an earlier server on the same port: sign in afresh, once.
  for (const [k, a] of agents) if ((await a.catch(() => null)) === filing.agent) agents.delete(k);
  const again = await residentFor(base, def!, answers, options.filer);
  return agentCall(again.agent, `${base}/api/procedures/${id}/submissions`, { method: 'POST', headers, json });
}

/**
 * The request body a filing of these answers sends (files uploaded, placeholders replaced) and who
 * files it: the signed-in synthetic resident (or 代理人), with the card they would sign with.
 */
export async function prepareFiling(
  base: string,
  id: string,
  answers: unknown,
  options: { version?: number; key?: string; uploadFiles?: boolean; agent?: Agent; filer?: Filer } = {},
) {
  const version = options.version ?? currentVersion(id);
  const prepared =
    options.uploadFiles === false ? { answers, token: null } : await withUploadedFiles(base, id, version, answers, options.key);
  const def = repoDefinitions().find((d) => d.id === id && d.version === version) ?? repoDefinitions().find((d) => d.id === id);
  const filing = options.agent
    ? { agent: options.agent, filer: options.filer, card: undefined }
    : def?.identity === 'required'
      ? await residentFor(base, def, answers, options.filer)
      : null;
  const json = {
    definitionVersion: version,
    answers: prepared.answers,
    ...(prepared.token ? { draftToken: prepared.token } : {}),
    ...(filing?.filer ? { filer: filing.filer } : {}),
  };
  return { json, filing, def };
}

/** A JSON call through a signed-in agent (its cookies and CSRF token). */
export async function agentCall<T = any>(agent: Agent, url: string, init: RequestInit & { json?: unknown } = {}): Promise<JsonResponse<T>> {
  const { json, ...rest } = init;
  const res = await agent.fetch(url, {
    ...rest,
    headers: { accept: 'application/json', ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  return readJson<T>(res);
}

const agents = new Map<string, Promise<Agent>>();

/** One signed-in agent per app and synthetic resident (signing in is a dozen requests). */
export function residentAgent(base: string, account: string): Promise<Agent> {
  const k = `${base} ${account}`;
  let agent = agents.get(k);
  if (!agent) {
    agent = (async () => {
      const a = new Agent();
      await signIn(a, base, account);
      return a;
    })();
    agent.catch(() => agents.delete(k));
    agents.set(k, agent);
  }
  return agent;
}

async function residentFor(base: string, def: ProcedureDefinition, answers: unknown, filer: Filer | undefined) {
  const relation = def.proxy ? answerAt(answers as Record<string, unknown>, def.proxy.relation) : undefined;
  const asProxy =
    filer === 'proxy' || (filer === undefined && def.proxy !== undefined && relation !== undefined && relation !== def.proxy.self);
  if (asProxy) return { agent: await residentAgent(base, 'demo-hanako'), filer: 'proxy' as const, card: 'demo-hanako' };
  const namePointer = prefillPointers(def.schema).find((p) => p.attribute === 'name')?.pointer;
  const name = namePointer ? answerAt(answers as Record<string, unknown>, namePointer) : undefined;
  const resident = DEMO_RESIDENTS.find((r) => r.name === name) ?? DEMO_RESIDENTS[0]!;
  return { agent: await residentAgent(base, resident.sub), filer, card: resident.sub };
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

/** A moment when the procedure accepts filings: inside its filing period, if it has one. */
export function filingTime(d: Pick<ProcedureDefinition, 'opensAt' | 'closesAt'>): Date {
  if (d.opensAt) return new Date(Date.parse(d.opensAt) + 60_000);
  if (d.closesAt) return new Date(Date.parse(d.closesAt) - 60_000);
  return new Date();
}

/** A clock for a test server that tests move into a procedure's filing period. */
export function testClock(): {
  now: () => Date;
  at: (d: Pick<ProcedureDefinition, 'opensAt' | 'closesAt'>) => void;
  set: (t: Date | null) => void;
} {
  let fixed: Date | null = null;
  return {
    now: () => fixed ?? new Date(),
    at: (d) => {
      fixed = d.opensAt || d.closesAt ? filingTime(d) : null;
    },
    set: (t) => {
      fixed = t;
    },
  };
}
