/**
 * Brings answers to their canonical stored form before validation, on the server and in the
 * browser alike: Japanese formats (postcode, katakana, phone, identity numbers) are NFKC-folded
 * and canonicalized. Names, addresses and other free text are stored exactly as typed.
 */
import { JAPANESE_FORMATS } from './formats.ts';
import { propertySchema } from './schema-walk.ts';
import type { SchemaNode } from './types.ts';

export function normalizeAnswers(node: SchemaNode | undefined, value: unknown): unknown {
  if (!node) return value;
  if (typeof value === 'string') {
    const format = node.format ? JAPANESE_FORMATS[node.format] : undefined;
    return format && format.validate(value) ? format.normalize(value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => normalizeAnswers(node.items, item));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = normalizeAnswers(propertySchema(node, key), child);
    return out;
  }
  return value;
}
