/**
 * Resident identity, shared by client and server: the verified attributes a provider returns
 * (基本4情報 and the assurance level), who may file a procedure (`identity`), which answers are
 * filled from the verified attributes (`x-prefill`) and locked, and filing for someone else
 * (`proxy`). The server is the one that enforces it (server/residents/identity-policy.ts); the
 * browser uses the same rules to show what it will accept.
 */
import { propertySchemas, toPointer } from './forms/schema-walk.ts';
import type { LocalizedText, SchemaNode } from './forms/types.ts';

export type IdentityRequirement = 'none' | 'optional' | 'required';

/** What an answer can be filled from: one of the 基本4情報. */
export const PREFILL_ATTRIBUTES = ['name', 'address', 'birthDate', 'sex'] as const;
export type PrefillAttribute = (typeof PREFILL_ATTRIBUTES)[number];

/** The 基本4情報 as the provider verified them (absent when the provider did not send one). */
export interface VerifiedAttributes {
  name?: string;
  address?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  sex?: 'male' | 'female' | 'other';
}

/** A definition's proxy declaration: the answer that says who is filing, and its value for "myself". */
export interface ProxyDeclaration {
  relation: string;
  self: string;
}

/** Who filed: the applicant themself, or someone for them (代理人). */
export type Filer = 'self' | 'proxy';

/** What GET /api/resident/session answers. */
export interface ResidentSessionView {
  signedIn: boolean;
  /** Whether this installation has a provider at all. */
  available: boolean;
  provider?: { issuer: string; label: LocalizedText; demo: boolean };
  attributes?: VerifiedAttributes;
  assurance?: string | null;
  verifiedAt?: string;
  expiresAt?: string;
  csrfToken?: string;
}

/** How a clerk checked the resident's identity at the counter (書かない窓口): the document they were shown. */
export const COUNTER_DOCUMENTS = ['my-number-card', 'driving-licence', 'passport', 'residence-card', 'other'] as const;
export type CounterDocument = (typeof COUNTER_DOCUMENTS)[number];

/** What is stored with a submission about who filed it and how they were verified. */
export type SubmissionIdentity = OnlineIdentity | CounterIdentity;

/** Filed online by a signed-in resident. */
export interface OnlineIdentity {
  method: 'oidc';
  provider?: string;
  assurance?: string | null;
  verifiedAt?: string;
  filer: Filer;
  /** When filed by a proxy: the filer's verified name (the applicant is in the answers). */
  filerName?: string;
  /** The relation answer (its value) when the definition declares a proxy. */
  relation?: string;
}

/** Filed by a clerk with the resident at the counter; `document` null: no identity document was checked. */
export interface CounterIdentity {
  method: 'counter';
  document: CounterDocument | null;
  note?: string;
  /** The clerk's staff id, and when they filed it. */
  clerkId: number;
  verifiedAt: string;
  filer: Filer;
  relation?: string;
}

/** Every answer filled from a verified attribute, by JSON pointer (x-prefill on a string property). */
export function prefillPointers(schema: SchemaNode): { pointer: string; attribute: PrefillAttribute }[] {
  const found: { pointer: string; attribute: PrefillAttribute }[] = [];
  const walk = (node: SchemaNode, path: string[], depth: number) => {
    if (depth > 6) return;
    for (const [key, child] of propertySchemas(node)) {
      const attr = child['x-prefill'];
      if (typeof attr === 'string' && (PREFILL_ATTRIBUTES as readonly string[]).includes(attr))
        found.push({ pointer: toPointer([...path, key]), attribute: attr as PrefillAttribute });
      if (child.type === 'object') walk(child, [...path, key], depth + 1);
    }
  };
  walk(schema, [], 0);
  return found;
}

function getAt(answers: Record<string, unknown>, pointer: string): unknown {
  let node: unknown = answers;
  for (const seg of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

function setAt(answers: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  const segs = pointer.split('/').slice(1);
  const copy: Record<string, unknown> = { ...answers };
  let node = copy;
  for (const seg of segs.slice(0, -1)) {
    const next = node[seg];
    const child = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    node[seg] = child;
    node = child;
  }
  node[segs.at(-1)!] = value;
  return copy;
}

export const answerAt = getAt;

/**
 * The locked answers for a filer: their verified attributes (when filing for themself) and the
 * proxy relation's "self" value. Pointers whose attribute the provider did not verify are not locked.
 */
export function lockedAnswers(
  schema: SchemaNode,
  proxy: ProxyDeclaration | undefined,
  attributes: VerifiedAttributes,
  filer: Filer,
): { pointer: string; value: string }[] {
  if (filer === 'proxy') return [];
  const locked = prefillPointers(schema).flatMap(({ pointer, attribute }) => {
    const value = attributes[attribute];
    return value === undefined ? [] : [{ pointer, value }];
  });
  if (proxy) locked.push({ pointer: proxy.relation, value: proxy.self });
  return locked;
}

/** The answers with every locked value written in (used by the browser before it renders). */
export function applyLocked(
  answers: Record<string, unknown>,
  locked: readonly { pointer: string; value: string }[],
): Record<string, unknown> {
  return locked.reduce((acc, { pointer, value }) => (getAt(acc, pointer) === value ? acc : setAt(acc, pointer, value)), answers);
}
