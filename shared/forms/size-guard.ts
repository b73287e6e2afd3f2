/**
 * Small input, small answer. Before the full validator runs (it reports every error, which on a
 * hostile body of thousands of list items costs seconds), answers longer than the definition
 * allows are found by one cheap walk, and at most MAX_FIELD_ERRORS errors are ever reported.
 */
import type { AjvLikeError, FieldError } from './messages.ts';
import { propertySchemas, toPointer } from './schema-walk.ts';
import type { SchemaNode } from './types.ts';

export const MAX_FIELD_ERRORS = 50;

/** Strings over maxLength and lists over maxItems, as validator errors (at most `max`). */
export function oversized(schema: SchemaNode, answers: unknown, max = MAX_FIELD_ERRORS): AjvLikeError[] {
  const found: AjvLikeError[] = [];
  const stack: [SchemaNode, unknown, (string | number)[]][] = [[schema, answers, []]];
  while (stack.length > 0 && found.length < max) {
    const [node, value, path] = stack.pop()!;
    if (typeof value === 'string' && node.maxLength !== undefined && value.length > node.maxLength) {
      found.push({ instancePath: toPointer(path), keyword: 'maxLength', params: { limit: node.maxLength } });
    } else if (Array.isArray(value)) {
      if (node.maxItems !== undefined && value.length > node.maxItems) {
        found.push({ instancePath: toPointer(path), keyword: 'maxItems', params: { limit: node.maxItems } });
      } else if (node.items) {
        for (let i = value.length - 1; i >= 0; i -= 1) stack.push([node.items, value[i], [...path, i]]);
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of [...propertySchemas(node)].reverse()) {
        if (Object.hasOwn(value, key)) stack.push([child, (value as Record<string, unknown>)[key], [...path, key]]);
      }
    }
  }
  return found;
}

/** The first `max` errors, and a last line saying how many more there were. */
export function capErrors(errors: FieldError[], max = MAX_FIELD_ERRORS): FieldError[] {
  if (errors.length <= max) return errors;
  const more = errors.length - max;
  return [
    ...errors.slice(0, max),
    { pointer: '', keyword: 'more', message: { ja: `ほかに${more}件の誤りがあります。`, en: `…and ${more} more.` } },
  ];
}
