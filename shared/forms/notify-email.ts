import { propertySchemas } from './schema-walk.ts';
import type { SchemaNode } from './types.ts';

/** The first answer to an e-mail question (format "email"): where the resident wants updates. */
export function notifyEmail(node: SchemaNode | undefined, value: unknown): string | null {
  if (!node || value === null || value === undefined) return null;
  if (typeof value === 'string') return node.format === 'email' && value !== '' ? value : null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = notifyEmail(node.items, item);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object') {
    for (const [key, child] of propertySchemas(node)) {
      const found = notifyEmail(child, (value as Record<string, unknown>)[key]);
      if (found) return found;
    }
  }
  return null;
}
