/**
 * Answers a browser must not keep after the tab closes: 個人番号 (formats in SENSITIVE_FORMATS) and
 * fields a definition marks `"x-sensitive": true` (bank account numbers). The draft kept for days
 * holds the rest; these live in the tab's session storage only.
 */
import { SENSITIVE_FORMATS } from './formats.ts';
import { pointerSegments, propertySchemas, toPointer } from './schema-walk.ts';
import type { SchemaNode } from './types.ts';

const isSensitive = (node: SchemaNode) => node['x-sensitive'] === true || (node.format !== undefined && SENSITIVE_FORMATS.has(node.format));

/** The answers without their sensitive values, and those values by JSON pointer. */
export function splitSensitive(
  schema: SchemaNode,
  answers: Record<string, unknown>,
): { kept: Record<string, unknown>; sensitive: Record<string, unknown> } {
  const sensitive: Record<string, unknown> = {};
  const strip = (node: SchemaNode, value: unknown, path: (string | number)[]): unknown => {
    if (isSensitive(node)) {
      sensitive[toPointer(path)] = value;
      return undefined;
    }
    if (Array.isArray(value)) return value.map((item, i) => (node.items ? strip(node.items, item, [...path, i]) : item));
    if (value !== null && typeof value === 'object') {
      const schemas = new Map(propertySchemas(node));
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        const childSchema = schemas.get(key);
        const kept = childSchema ? strip(childSchema, child, [...path, key]) : child;
        if (kept !== undefined) out[key] = kept;
      }
      return out;
    }
    return value;
  };
  return { kept: strip(schema, answers, []) as Record<string, unknown>, sensitive };
}

/** Puts sensitive values back where they were (only into objects and lists that still exist). */
export function mergeSensitive(answers: Record<string, unknown>, sensitive: Record<string, unknown>): Record<string, unknown> {
  const merged = structuredClone(answers);
  for (const [pointer, value] of Object.entries(sensitive)) {
    const segments = pointerSegments(pointer);
    let target: unknown = merged;
    for (const segment of segments.slice(0, -1))
      target = target !== null && typeof target === 'object' ? (target as Record<string, unknown>)[segment] : undefined;
    if (target !== null && typeof target === 'object') (target as Record<string, unknown>)[segments.at(-1)!] = value;
  }
  return merged;
}
