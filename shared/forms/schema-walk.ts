/**
 * Walking a definition's schema alongside answers: property schemas may be declared directly,
 * or inside allOf / if-then-else / dependencies (conditional fields), so look in all of them.
 */
import type { Lang, LocalizedText, SchemaNode } from './types.ts';

function conditionalBranches(node: SchemaNode): SchemaNode[] {
  const branches: SchemaNode[] = [];
  for (const list of [node.allOf, node.anyOf, node.oneOf]) if (list) branches.push(...list);
  if (node.then) branches.push(node.then);
  if (node.else) branches.push(node.else);
  for (const dep of Object.values(node.dependencies ?? {})) if (!Array.isArray(dep)) branches.push(dep);
  return branches;
}

const propertyCache = new WeakMap<SchemaNode, readonly (readonly [string, SchemaNode])[]>();

/**
 * Every property schema an object node can have, in declaration order (first declaration wins).
 * Definitions never change once loaded, so the answer is kept per schema node, frozen: a caller
 * that sorted or reversed it in place would change the order for every later caller.
 */
export function propertySchemas(node: SchemaNode): readonly (readonly [string, SchemaNode])[] {
  const cached = propertyCache.get(node);
  if (cached) return cached;
  const seen = new Map<string, SchemaNode>();
  const visit = (n: SchemaNode, depth: number): void => {
    if (depth > 8) return;
    for (const [key, child] of Object.entries(n.properties ?? {})) {
      const existing = seen.get(key);
      // Conditional branches often narrow a property with just `const`/`enum`: keep the titled one.
      if (!existing || (!existing.title && child.title)) seen.set(key, child);
    }
    for (const branch of conditionalBranches(n)) visit(branch, depth + 1);
  };
  visit(node, 0);
  const entries = Object.freeze([...seen.entries()].map((e) => Object.freeze(e)));
  propertyCache.set(node, entries);
  return entries;
}

export function propertySchema(node: SchemaNode, key: string): SchemaNode | undefined {
  return propertySchemas(node).find(([k]) => k === key)?.[1];
}

/** Splits a JSON pointer into unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/gu, '/').replace(/~0/gu, '~'));
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/gu, '~0').replace(/\//gu, '~1')}`).join('');
}

/** The schema node for a data pointer such as /children/0/name. */
export function schemaAt(root: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of pointerSegments(pointer)) {
    if (!node) return undefined;
    node = /^\d+$/u.test(segment) && node.items ? node.items : propertySchema(node, segment);
  }
  return node;
}

export function labelOf(node: SchemaNode | undefined, lang: Lang, fallback = ''): string {
  if (!node) return fallback;
  return (lang === 'en' ? node['x-en']?.title : undefined) ?? node.title ?? fallback;
}

export function localizedLabel(node: SchemaNode | undefined, fallback = ''): LocalizedText {
  return { ja: labelOf(node, 'ja', fallback), en: labelOf(node, 'en', fallback) };
}

/**
 * The label of the field at a data pointer, with the list item it belongs to when it sits in a
 * repeating group: 「子ども（2件目）の氏名」 / "Name (Child 2)".
 */
export function fieldLabel(root: SchemaNode, pointer: string): LocalizedText {
  const segments = pointerSegments(pointer);
  const own = localizedLabel(schemaAt(root, pointer), segments.at(-1) ?? '');
  for (let i = segments.length - 1; i >= 0; i -= 1) {
    const seg = segments[i]!;
    if (/^\d+$/u.test(seg) && i < segments.length - 1) {
      const listNode = schemaAt(root, toPointer(segments.slice(0, i)));
      const list = localizedLabel(listNode);
      // In English an item is named in the singular when the list's items have their own title: "Child 2".
      const item = listNode?.items?.title ? localizedLabel(listNode.items) : null;
      const n = Number(seg) + 1;
      return { ja: `${list.ja}（${n}件目）の${own.ja}`, en: item ? `${own.en} (${item.en} ${n})` : `${own.en} (${list.en}, item ${n})` };
    }
  }
  return own;
}

/** Choices of a single-choice node: oneOf/anyOf of `const` options with titles, or a bare enum. */
export function choicesOf(node: SchemaNode | undefined): { value: unknown; label: LocalizedText }[] | null {
  if (!node) return null;
  const options = node.oneOf ?? node.anyOf;
  if (options && options.every((o) => 'const' in o)) {
    return options.map((o) => ({ value: o.const, label: localizedLabel(o, String(o.const)) }));
  }
  if (node.enum) return node.enum.map((v) => ({ value: v, label: { ja: String(v), en: String(v) } }));
  return null;
}

/** The value at a JSON pointer in answers, or undefined (own members only: never an inherited one). */
export function getByPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const segment of pointerSegments(pointer)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
