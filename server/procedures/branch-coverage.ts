/**
 * forms:check rule: the examples take every branch. Each conditional (`if` with `then`, and its
 * `else`) anywhere in the form — a step, a list item, inside `allOf` — must be met by at least one
 * example (and, when it has an `else`, missed by one), so that the test suite files every branch a
 * resident can take and every question appears in some example.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { SchemaNode } from '../../shared/forms/types.ts';

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });

interface Seen {
  pointer: string;
  node: SchemaNode;
  met: boolean;
  missed: boolean;
}

/** Pointers of conditionals whose `then` (or `else`) no example reaches. */
export function untakenBranches(schema: SchemaNode, examples: unknown[]): { pointer: string; branch: 'then' | 'else' }[] {
  const seen = new Map<string, Seen>();
  const visit = (node: SchemaNode | undefined, data: unknown, pointer: string) => {
    if (!node || typeof node !== 'object') return;
    if (node.if && (node.then || node.else)) {
      const entry = seen.get(pointer) ?? { pointer, node, met: false, missed: false };
      seen.set(pointer, entry);
      if (data === undefined) {
        visit(node.then, undefined, `${pointer}/then`);
        visit(node.else, undefined, `${pointer}/else`);
      } else {
        const ok = ajv.validate(node.if as object, data);
        if (ok) entry.met = true;
        else entry.missed = true;
        visit(ok ? node.then : node.else, data, `${pointer}/${ok ? 'then' : 'else'}`);
        // Questions of the branch not taken still hold conditionals of their own: note them, unmet.
        visit(ok ? node.else : node.then, undefined, `${pointer}/${ok ? 'else' : 'then'}`);
      }
    }
    node.allOf?.forEach((sub, i) => visit(sub, data, `${pointer}/allOf/${i}`));
    const record = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, record?.[key], `${pointer}/properties/${key}`);
    if (node.items) {
      const list = Array.isArray(data) ? data : [];
      if (list.length === 0) visit(node.items, undefined, `${pointer}/items`);
      for (const item of list) visit(node.items, item, `${pointer}/items`);
    }
  };
  for (const example of examples) visit(schema, example, '/schema');
  const untaken: { pointer: string; branch: 'then' | 'else' }[] = [];
  for (const s of seen.values()) {
    if (s.node.then && !s.met) untaken.push({ pointer: s.pointer, branch: 'then' });
    if (s.node.else && !s.missed) untaken.push({ pointer: s.pointer, branch: 'else' });
  }
  return untaken;
}
