/**
 * Shared parts (form-definitions/common/*.json): blocks of questions written once (applicant,
 * address, bank account, child, insured person, proxy) and used by reference from definitions:
 *
 *   "claimant": { "$ref": "common/applicant.json", "title": "請求者について", "x-en": { … },
 *                 "x-omit": ["occupation"], "required": ["email"], "properties": { "pension": { … } } }
 *
 * The reference is replaced by the block's schema, merged with the keys written beside it:
 * `properties` are added to (or replace) the block's, `required` adds to the block's, `x-omit`
 * removes questions, `x-optional` makes required questions optional, and every other key replaces
 * the block's. The block's uiSchema is merged
 * into the definition's uiSchema at the same place (the definition's own entries win). Blocks may
 * use other blocks. The result is an ordinary definition: it is what is checked, compiled, hashed
 * and stored as the version's snapshot, so a submission stays pinned to what the resident saw.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import type { SchemaNode } from '../../shared/forms/types.ts';

export const SHARED_DIR = 'common';
export const SHARED_PART_SCHEMA_FILE = 'shared-part.schema.json';
const REF_PATTERN = /^common\/[a-z][a-z0-9-]*\.json$/u;

export interface SharedPart {
  /** e.g. common/applicant.json */
  file: string;
  description?: { ja: string; en: string };
  schema: SchemaNode;
  uiSchema?: Record<string, unknown>;
  /** SHA-256 of the file's canonical content (the lock file records it). */
  sha256: string;
}

export interface ResolveProblem {
  pointer: string;
  message: string;
}

export interface Resolved {
  definition: Record<string, unknown>;
  /** The shared parts the definition uses, directly or through another part. */
  uses: string[];
  problems: ResolveProblem[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and caches shared parts from `dir`; a part that cannot be read is reported where it is used. */
export class SharedParts {
  private readonly cache = new Map<string, SharedPart | string>();
  private validateShape: ValidateFunction | undefined;
  constructor(private readonly dir: string) {}

  private shapeProblems(data: unknown): string | null {
    this.validateShape ??= new Ajv({ allErrors: true, strict: true }).compile<unknown>(
      JSON.parse(readFileSync(path.join(this.dir, SHARED_PART_SCHEMA_FILE), 'utf8')),
    );
    if (this.validateShape(data)) return null;
    return (this.validateShape.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`).join('; ');
  }

  get(ref: string): SharedPart | string {
    const hit = this.cache.get(ref);
    if (hit !== undefined) return hit;
    let result: SharedPart | string;
    try {
      const text = readFileSync(path.join(this.dir, ref), 'utf8');
      const data = JSON.parse(text) as unknown;
      const shape = this.shapeProblems(data);
      if (shape) result = `${ref} is not a valid shared part: ${shape}`;
      else if (!isObject(data)) result = `${ref} is not an object`;
      else
        result = {
          file: ref,
          description: data.description as SharedPart['description'],
          schema: data.schema as SchemaNode,
          uiSchema: data.uiSchema as Record<string, unknown> | undefined,
          sha256: createHash('sha256').update(JSON.stringify(data)).digest('hex'),
        };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') result = `${ref} does not exist`;
      else if (error instanceof SyntaxError) result = `${ref} is not valid JSON: ${error.message}`;
      else throw error;
    }
    this.cache.set(ref, result);
    return result;
  }
}

function mergeUi(base: unknown, own: unknown): unknown {
  if (!isObject(base)) return own === undefined ? base : own;
  if (!isObject(own)) return own === undefined ? structuredClone(base) : own;
  const out: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(own)) out[k] = mergeUi(out[k], v);
  return out;
}

function uiAt(ui: Record<string, unknown>, uiPath: string[]): Record<string, unknown> | undefined {
  let node: unknown = ui;
  for (const part of uiPath) node = isObject(node) ? node[part] : undefined;
  return isObject(node) ? node : undefined;
}

function setUiAt(ui: Record<string, unknown>, uiPath: string[], value: unknown): void {
  let node = ui;
  for (const part of uiPath.slice(0, -1)) {
    if (!isObject(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  if (uiPath.length > 0) node[uiPath[uiPath.length - 1]!] = value;
}

/** The answers a condition (`if`) looks at. */
function conditionKeys(condition: unknown): string[] {
  if (!isObject(condition)) return [];
  const keys = [...Object.keys(isObject(condition.properties) ? condition.properties : {})];
  if (Array.isArray(condition.required)) keys.push(...condition.required.filter((k): k is string => typeof k === 'string'));
  return keys;
}

/** Removes the part's conditions (if/then/else, and those in allOf) that depend on an omitted question. */
function dropConditionsOn(node: Record<string, unknown>, omitted: string[]): void {
  if (conditionKeys(node.if).some((k) => omitted.includes(k))) {
    delete node.if;
    delete node.then;
    delete node.else;
  }
  if (Array.isArray(node.allOf)) {
    node.allOf = node.allOf.filter((sub) => !(isObject(sub) && conditionKeys(sub.if).some((k) => omitted.includes(k))));
    if ((node.allOf as unknown[]).length === 0) delete node.allOf;
  }
}

/** Resolves every `common/…` reference in a parsed definition file (others, like "#/$defs/x", are left to JSON Schema). */
export function resolveSharedParts(data: unknown, parts: SharedParts): Resolved {
  const problems: ResolveProblem[] = [];
  const uses = new Set<string>();
  if (!isObject(data) || !isObject(data.schema)) return { definition: data as Record<string, unknown>, uses: [], problems };
  const definition = structuredClone(data);
  const ui: Record<string, unknown> = isObject(definition.uiSchema) ? (definition.uiSchema as Record<string, unknown>) : {};
  const blockUi: { uiPath: string[]; ui: Record<string, unknown> }[] = [];

  /** The node's sub-schemas, each resolved. */
  const walkChildren = (node: Record<string, unknown>, pointer: string, uiPath: string[], chain: string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...node };
    if (isObject(out.properties))
      out.properties = Object.fromEntries(
        Object.entries(out.properties).map(([k, v]) => [k, walk(v, `${pointer}/properties/${k}`, [...uiPath, k], chain)]),
      );
    if (isObject(out.items)) out.items = walk(out.items, `${pointer}/items`, [...uiPath, 'items'], chain);
    for (const kw of ['then', 'else']) if (isObject(out[kw])) out[kw] = walk(out[kw], `${pointer}/${kw}`, uiPath, chain);
    for (const kw of ['allOf', 'anyOf', 'oneOf'])
      if (Array.isArray(out[kw])) out[kw] = (out[kw] as unknown[]).map((c, i) => walk(c, `${pointer}/${kw}/${i}`, uiPath, chain));
    return out;
  };

  const walk = (node: unknown, pointer: string, uiPath: string[], chain: string[]): unknown => {
    if (!isObject(node)) return node;
    const ref = node.$ref;
    if (typeof ref !== 'string' || ref.startsWith('#')) return walkChildren(node, pointer, uiPath, chain);
    if (!REF_PATTERN.test(ref)) {
      problems.push({ pointer: `${pointer}/$ref`, message: `"${ref}" is not a shared part: write "common/<name>.json"` });
      return node;
    }
    if (chain.includes(ref)) {
      problems.push({ pointer: `${pointer}/$ref`, message: `shared parts refer to each other in a loop: ${[...chain, ref].join(' -> ')}` });
      return node;
    }
    const part = parts.get(ref);
    if (typeof part === 'string') {
      problems.push({ pointer: `${pointer}/$ref`, message: part });
      return node;
    }
    uses.add(ref);
    const block = walk(structuredClone(part.schema), `${ref}#/schema`, uiPath, [...chain, ref]) as Record<string, unknown>;
    const written = { ...node };
    delete written.$ref;
    const omit = Array.isArray(written['x-omit']) ? (written['x-omit'] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
    delete written['x-omit'];
    const optional = Array.isArray(written['x-optional'])
      ? (written['x-optional'] as unknown[]).filter((k): k is string => typeof k === 'string')
      : [];
    delete written['x-optional'];
    // What the definition writes beside the reference may use shared parts too.
    const own = walkChildren(written, pointer, uiPath, chain);
    const merged: Record<string, unknown> = { ...block };
    for (const [k, v] of Object.entries(own)) {
      if (k === 'properties' && isObject(v)) merged.properties = { ...(isObject(block.properties) ? block.properties : {}), ...v };
      else if (k === 'required' && Array.isArray(v))
        merged.required = [...new Set([...(Array.isArray(block.required) ? (block.required as string[]) : []), ...(v as string[])])];
      else merged[k] = v;
    }
    for (const key of omit) {
      if (!isObject(merged.properties) || !(key in merged.properties)) {
        problems.push({ pointer: `${pointer}/x-omit`, message: `"${key}" is not a question of ${ref}` });
        continue;
      }
      const props = { ...merged.properties };
      delete props[key];
      merged.properties = props;
      if (Array.isArray(merged.required)) merged.required = (merged.required as string[]).filter((r) => r !== key);
    }
    // A condition of the part about a question the definition removed can never hold: it goes too.
    if (omit.length > 0) dropConditionsOn(merged, omit);
    for (const key of optional) {
      if (!Array.isArray(merged.required) || !(merged.required as string[]).includes(key)) {
        problems.push({ pointer: `${pointer}/x-optional`, message: `"${key}" is not a required question of ${ref}` });
        continue;
      }
      merged.required = (merged.required as string[]).filter((r) => r !== key);
    }
    const uiBase = part.uiSchema ? structuredClone(part.uiSchema) : undefined;
    if (uiBase) {
      for (const key of omit) delete uiBase[key];
      blockUi.push({ uiPath, ui: uiBase });
    }
    return merged;
  };

  definition.schema = walk(definition.schema, '/schema', [], []);
  // Inner parts are found first; merge outer parts first so their hints win over those of the parts inside them.
  let mergedUi: Record<string, unknown> = {};
  for (const { uiPath, ui: partUi } of [...blockUi].reverse()) {
    if (uiPath.length === 0) continue;
    setUiAt(mergedUi, uiPath, mergeUi(partUi, uiAt(mergedUi, uiPath)));
  }
  mergedUi = mergeUi(mergedUi, ui) as Record<string, unknown>;
  if (blockUi.length > 0 || isObject(definition.uiSchema)) definition.uiSchema = mergedUi;
  return { definition, uses: [...uses].sort(), problems };
}
