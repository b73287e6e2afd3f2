/**
 * Checks a definition in full before anything uses it: the definition meta-schema, a strict
 * compile of its form schema, English labels for every Japanese one, supported formats, the
 * national priority id, uiSchema paths and the fee's quantity field. Every problem is reported
 * with its JSON pointer; none is fatal on its own, so authors see them all at once.
 */
import { PREFILL_ATTRIBUTES } from '../../shared/identity.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { RESERVED_KEYS } from '../../shared/forms/hostile-input.ts';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { JAPANESE_FORMATS, SUPPORTED_FORMATS } from '../../shared/forms/formats.ts';
import { propertySchema, schemaAt, toPointer } from '../../shared/forms/schema-walk.ts';
import { attachmentProblems } from './attachment-checks.ts';
import { dateRuleProblems } from './date-rule-checks.ts';
import { untakenBranches } from './branch-coverage.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';
import { ROOT_DIR } from '../config.ts';

export interface Problem {
  file: string;
  pointer: string;
  message: string;
  /** The message in Japanese, where the check has it (otherwise previews/problem-text.ts words it). */
  ja?: string;
}

export const META_SCHEMA_FILE = 'definition.schema.json';

const PRIORITY_IDS = new Set(
  (
    JSON.parse(readFileSync(path.join(ROOT_DIR, 'shared', 'reference', 'priority-procedures.json'), 'utf8')) as {
      procedures: { id: string }[];
    }
  ).procedures.map((p) => p.id),
);

let metaValidator: ValidateFunction | undefined;
function validateAgainstMetaSchema(dir: string, data: unknown) {
  if (!metaValidator) {
    const meta = JSON.parse(readFileSync(path.join(dir, META_SCHEMA_FILE), 'utf8'));
    metaValidator = new Ajv({ allErrors: true, strict: true }).compile<unknown>(meta);
  }
  metaValidator(data);
  return metaValidator.errors ?? [];
}

function strictAjv() {
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictNumbers: true,
    strictTuples: true,
    strictTypes: false,
    strictRequired: false,
  });
  addFormats(ajv);
  for (const [name, f] of Object.entries(JAPANESE_FORMATS)) ajv.addFormat(name, f.validate);
  ajv
    .addKeyword('x-en')
    .addKeyword('x-errors')
    .addKeyword('x-sensitive')
    .addKeyword('x-attachment')
    .addKeyword('x-prefill')
    .addKeyword('x-date');
  return ajv;
}

/** `parent`: the object question a node is a property of (conditional branches belong to the object they sit in). */
type Visit = (node: SchemaNode, pointer: string, parent: SchemaNode | undefined) => void;
function eachSchemaNode(node: SchemaNode, pointer: string, visit: Visit, parent?: SchemaNode, owner: SchemaNode = node): void {
  visit(node, pointer, parent);
  for (const [key, child] of Object.entries(node.properties ?? {})) eachSchemaNode(child, `${pointer}/properties/${key}`, visit, owner);
  if (node.items) eachSchemaNode(node.items, `${pointer}/items`, visit);
  for (const kw of ['oneOf', 'anyOf', 'allOf'] as const)
    node[kw]?.forEach((c, i) => eachSchemaNode(c, `${pointer}/${kw}/${i}`, visit, parent, owner));
  for (const kw of ['then', 'else'] as const) if (node[kw]) eachSchemaNode(node[kw]!, `${pointer}/${kw}`, visit, parent, owner);
}

function checkUiSchema(ui: Record<string, unknown>, node: SchemaNode, pointer: string, problems: (p: string, m: string) => void): void {
  for (const [key, value] of Object.entries(ui)) {
    if (key.startsWith('ui:')) continue;
    const child = key === 'items' && node.type === 'array' ? node.items : propertySchema(node, key);
    if (!child) problems(`${pointer}/${key}`, `uiSchema refers to "${key}", which is not a field here`);
    else if (value && typeof value === 'object') checkUiSchema(value as Record<string, unknown>, child, `${pointer}/${key}`, problems);
  }
}

/** Problems with the definition file's own shape; when there are any, nothing else is checked. */
export function metaSchemaProblems(file: string, dir: string, data: unknown): Problem[] {
  return validateAgainstMetaSchema(dir, data).map((e) => ({
    file,
    pointer: e.instancePath,
    message: `${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  }));
}

/** Content checks of a definition whose shape is valid. */
/** Formats whose own rule fixes a short maximum length (they refuse anything longer). */
const BOUNDED_FORMATS = new Set(['date', 'jp-postal-code', 'jp-phone', 'jp-my-number', 'jp-corporate-number', 'attachment']);

const isChoice = (node: SchemaNode | undefined): boolean =>
  node !== undefined &&
  (node.enum !== undefined ||
    node.const !== undefined ||
    [node.oneOf, node.anyOf].some((list) => list !== undefined && list.every((o) => o.const !== undefined)));

/**
 * Small input, small answer: every answer has a size the definition states. A string needs
 * maxLength unless it is a choice or has a bounded format; an array needs maxItems unless it is a
 * set of distinct choices.
 */
function boundProblems(node: SchemaNode): string[] {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const problems: string[] = [];
  if (types.includes('string') && node.maxLength === undefined && !isChoice(node) && !BOUNDED_FORMATS.has(node.format ?? '')) {
    problems.push('a text answer needs maxLength (or a choice list, or a format of fixed length)');
  }
  if (types.includes('array') && node.maxItems === undefined && !(node.uniqueItems === true && isChoice(node.items))) {
    problems.push('a list needs maxItems (unless it is a set of distinct choices)');
  }
  return problems;
}

export function checkDefinition(file: string, data: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (pointer: string, message: string) => problems.push({ file, pointer, message });

  const def = data as {
    schema: SchemaNode;
    uiSchema: Record<string, unknown>;
    nationalPriorityId: string | null;
    fee: { per?: { quantityPointer: string } } | null;
    identity?: 'none' | 'optional' | 'required';
    signature?: 'none' | 'required';
    proxy?: { relation: string; self: string };
  };
  try {
    strictAjv().compile(def.schema);
  } catch (error) {
    // Unknown formats are reported below, with their pointer.
    if (!/unknown format/u.test((error as Error).message)) add('/schema', `schema does not compile: ${(error as Error).message}`);
  }
  eachSchemaNode(def.schema, '/schema', (node, pointer, parent) => {
    for (const [at, problem] of dateRuleProblems(node, pointer, def.schema, parent)) add(at, problem);
    if (node.title && !node['x-en']?.title) add(pointer, `"${node.title}" has no English title (x-en.title)`);
    if (node.description && !node['x-en']?.description) add(pointer, 'description has no English text (x-en.description)');
    if (node.format && !SUPPORTED_FORMATS.includes(node.format))
      add(`${pointer}/format`, `unknown format "${node.format}" (supported: ${SUPPORTED_FORMATS.join(', ')})`);
    for (const problem of boundProblems(node)) add(pointer, problem);
    for (const [at, problem] of attachmentProblems(node, pointer)) add(at, problem);
    if (node.format === 'jp-my-number' && def.identity !== 'required')
      add(`${pointer}/format`, 'a 個人番号 needs 本人確認 (番号法 art. 16): set "identity" to "required"');
    const prefill = node['x-prefill'];
    if (prefill !== undefined) {
      if (typeof prefill !== 'string' || !(PREFILL_ATTRIBUTES as readonly string[]).includes(prefill))
        add(`${pointer}/x-prefill`, `x-prefill must be one of ${PREFILL_ATTRIBUTES.join(', ')}`);
      else if (node.type !== 'string') add(`${pointer}/x-prefill`, 'x-prefill fills a text answer (type string)');
      if (def.identity === undefined || def.identity === 'none')
        add(`${pointer}/x-prefill`, 'x-prefill needs sign-in: set "identity" to "optional" or "required"');
    }
    for (const key of Object.keys(node.properties ?? {})) {
      if (RESERVED_KEYS.has(key))
        add(`${pointer}/properties/${key}`, `"${key}" is a member of every JavaScript object: name the field otherwise`);
    }
  });
  if (def.nationalPriorityId !== null && !PRIORITY_IDS.has(def.nationalPriorityId)) {
    add('/nationalPriorityId', `"${def.nationalPriorityId}" is not an id in shared/reference/priority-procedures.json`);
  }
  checkUiSchema(def.uiSchema, def.schema, '/uiSchema', add);
  if (def.proxy) {
    const relation = schemaAt(def.schema, def.proxy.relation);
    const choices = (relation?.oneOf ?? relation?.anyOf ?? []).map((o) => o.const).concat(relation?.enum ?? []);
    if (!relation) add('/proxy/relation', `${def.proxy.relation} is not a field of the form`);
    else if (!choices.includes(def.proxy.self))
      add('/proxy/self', `"${def.proxy.self}" is not one of the choices of ${def.proxy.relation}`);
    else if (choices.length < 2) add('/proxy/relation', `${def.proxy.relation} needs a choice other than "${def.proxy.self}" for a proxy`);
    if (def.identity === undefined || def.identity === 'none') add('/proxy', 'filing for someone else needs sign-in: set "identity"');
  }
  if (def.signature === 'required') {
    // The signer's certificate is compared with the applicant's verified name and date of birth.
    if (def.identity !== 'required') add('/signature', 'a signature needs a verified sign-in: set "identity" to "required"');
    const prefilled = new Set<string>();
    eachSchemaNode(def.schema, '/schema', (node) => {
      if (typeof node['x-prefill'] === 'string') prefilled.add(node['x-prefill']);
    });
    for (const attribute of ['name', 'birthDate'])
      if (!prefilled.has(attribute))
        add('/signature', `a signature is compared with the applicant's ${attribute}: give one answer "x-prefill": "${attribute}"`);
  }
  const window = data as { opensAt?: string; closesAt?: string };
  for (const key of ['opensAt', 'closesAt'] as const)
    if (window[key] !== undefined && Number.isNaN(Date.parse(window[key]))) add(`/${key}`, `${window[key]} is not a date and time`);
  if (window.opensAt && window.closesAt && Date.parse(window.closesAt) <= Date.parse(window.opensAt))
    add('/closesAt', 'the filing period closes before it opens: closesAt must be after opensAt');
  const examples = (data as { examples?: unknown[] }).examples ?? [];
  for (const { pointer, branch } of untakenBranches(def.schema, examples))
    add(
      pointer,
      branch === 'then'
        ? 'no example meets this condition (if): add an example that takes its "then" branch'
        : 'every example meets this condition (if): add an example that takes its "else" branch',
    );
  const quantity = def.fee?.per?.quantityPointer;
  if (quantity && schemaAt(def.schema, quantity)?.type !== 'integer')
    add('/fee/per/quantityPointer', `${quantity} is not an integer field of the form`);
  return problems;
}

export function examplePointer(index: number, instancePath: string): string {
  return toPointer(['examples', index]) + instancePath;
}
