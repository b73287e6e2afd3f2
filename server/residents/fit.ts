/**
 * A draft saved against an earlier version of a form, opened against the current one: answers
 * whose question is gone, or whose value the current version refuses, are left out (and named);
 * questions the earlier version did not have are named as new.
 */
import type { LocalizedText, SchemaNode } from '../../shared/forms/types.ts';
import { fieldLabel, pointerSegments, propertySchemas, schemaAt, toPointer } from '../../shared/forms/schema-walk.ts';
import type { CompiledVersion } from '../procedures/catalog.ts';

function leafPointers(node: SchemaNode, path: string[], out: string[], depth = 0): void {
  if (depth > 6) return;
  for (const [key, child] of propertySchemas(node)) {
    if (child.type === 'object') leafPointers(child, [...path, key], out, depth + 1);
    else out.push(toPointer([...path, key]));
  }
}

const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Only answers themselves are left out: an error about a whole step (a condition, a missing answer) keeps it. */
function valueAt(answers: Record<string, unknown>, pointer: string): unknown {
  let node: unknown = answers;
  for (const seg of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

function removeAt(answers: Record<string, unknown>, pointer: string): void {
  const segs = pointerSegments(pointer);
  let node: unknown = answers;
  for (const seg of segs.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, seg)) return;
    node = (node as Record<string, unknown>)[seg];
  }
  if (node !== null && typeof node === 'object') delete (node as Record<string, unknown>)[segs.at(-1)!];
}

/** Keeps only keys the schema declares (recursively for objects). */
function prune(node: SchemaNode, value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object' || Array.isArray(value) || node.type !== 'object') return value;
  const out: Record<string, unknown> = {};
  const known = new Map(propertySchemas(node));
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const child = known.get(k);
    if (child) out[k] = prune(child, v, depth + 1);
  }
  return out;
}

export function fitAnswers(
  savedSchema: SchemaNode | null,
  current: CompiledVersion,
  answers: Record<string, unknown>,
): { answers: Record<string, unknown>; report: { newQuestions: LocalizedText[]; droppedAnswers: LocalizedText[] } } {
  const schema = current.definition.schema;
  if (savedSchema === schema) return { answers, report: { newQuestions: [], droppedAnswers: [] } };
  const fitted = prune(schema, structuredClone(answers)) as Record<string, unknown>;
  const dropped = new Set<string>();
  // Values the current version refuses (other than missing answers) are left out.
  for (let round = 0; round < 3; round += 1) {
    const result = current.validator.validate(fitted);
    const wrong = result.valid
      ? []
      : result.errors
          .filter((e) => e.keyword !== 'required' && e.instancePath !== '' && !isObject(valueAt(fitted, e.instancePath)))
          .map((e) => e.instancePath);
    if (wrong.length === 0) break;
    for (const p of wrong) {
      removeAt(fitted, p);
      dropped.add(p);
    }
  }
  const before: string[] = [];
  if (savedSchema) leafPointers(savedSchema, [], before);
  const now: string[] = [];
  leafPointers(schema, [], now);
  const known = new Set(before);
  const newQuestions = savedSchema ? now.filter((p) => !known.has(p) && schemaAt(schema, p)?.title).map((p) => fieldLabel(schema, p)) : [];
  return { answers: fitted, report: { newQuestions, droppedAnswers: [...dropped].map((p) => fieldLabel(schema, p)) } };
}
