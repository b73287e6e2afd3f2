/**
 * Answers as a resident (and later a clerk or a receipt) reads them: every answer with its label,
 * dates in 和暦 and 西暦, choices by their labels, 個人番号 masked unless asked otherwise.
 */
import { formatDateBoth } from '../japanese/wareki.ts';
import { maskMyNumber } from '../japanese/identity-numbers.ts';
import { ATTACHMENT_FORMAT, describeAttachment, type AttachmentMeta } from './attachments.ts';
import { SENSITIVE_FORMATS } from './formats.ts';
import { choicesOf, localizedLabel, propertySchemas, toPointer } from './schema-walk.ts';
import type { LocalizedText, SchemaNode } from './types.ts';

export interface SummaryRow {
  kind: 'field' | 'group';
  pointer: string;
  label: LocalizedText;
  value: LocalizedText;
  depth: number;
}

export interface SummaryOptions {
  /** Show 個人番号 in full (staff detail view only). */
  revealSensitive?: boolean;
  /** Names and sizes of attached files, by id (an answer holds only the id). */
  attachments?: ReadonlyMap<string, AttachmentMeta>;
}

const NOT_ANSWERED: LocalizedText = { ja: '（未入力）', en: '(not answered)' };
const same = (s: string): LocalizedText => ({ ja: s, en: s });

export function formatValue(node: SchemaNode, value: unknown, options: SummaryOptions = {}): LocalizedText {
  if (value === undefined || value === null || value === '') return NOT_ANSWERED;
  if (typeof value === 'boolean') return value ? { ja: 'はい', en: 'Yes' } : { ja: 'いいえ', en: 'No' };
  const choices = choicesOf(node);
  if (choices) return choices.find((c) => c.value === value)?.label ?? same(String(value));
  if (node.format === ATTACHMENT_FORMAT && typeof value === 'string') return describeAttachment(options.attachments?.get(value), value);
  if (Array.isArray(value) && node.items?.format === ATTACHMENT_FORMAT) {
    if (value.length === 0) return NOT_ANSWERED;
    const files = value.map((v) => describeAttachment(options.attachments?.get(String(v)), String(v)));
    return { ja: files.map((f) => f.ja).join('、'), en: files.map((f) => f.en).join(', ') };
  }
  if (Array.isArray(value)) {
    const itemChoices = choicesOf(node.items);
    const labels = value.map((v) => itemChoices?.find((c) => c.value === v)?.label ?? same(String(v)));
    return { ja: labels.map((l) => l.ja).join('、'), en: labels.map((l) => l.en).join(', ') };
  }
  if (typeof value === 'string' && node.format === 'date') return { ja: formatDateBoth(value, 'ja'), en: formatDateBoth(value, 'en') };
  if (typeof value === 'string' && node.format && SENSITIVE_FORMATS.has(node.format) && !options.revealSensitive) {
    return same(maskMyNumber(value));
  }
  if (typeof value === 'number') return same(value.toLocaleString('ja-JP'));
  return same(String(value));
}

function walk(
  node: SchemaNode,
  value: unknown,
  path: (string | number)[],
  depth: number,
  rows: SummaryRow[],
  options: SummaryOptions,
): void {
  if (node.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    const answers = value as Record<string, unknown>;
    const direct = new Set(Object.keys(node.properties ?? {}));
    for (const [key, child] of propertySchemas(node)) {
      // Conditional fields appear only when they apply (the resident has answered them).
      if (!direct.has(key) && answers[key] === undefined) continue;
      const childPath = [...path, key];
      if (child.type === 'object' || (child.type === 'array' && child.items?.type === 'object')) {
        rows.push({ kind: 'group', pointer: toPointer(childPath), label: localizedLabel(child, key), value: same(''), depth });
        walk(child, answers[key], childPath, depth + 1, rows, options);
      } else {
        rows.push({
          kind: 'field',
          pointer: toPointer(childPath),
          label: localizedLabel(child, key),
          value: formatValue(child, answers[key], options),
          depth,
        });
      }
    }
    return;
  }
  if (node.type === 'array' && Array.isArray(value) && node.items) {
    const list = localizedLabel(node);
    // In English an item is named in the singular when the list's items have their own title: "Item 2", not "Items 2".
    const itemLabel = node.items.title ? localizedLabel(node.items).en : list.en;
    value.forEach((item, i) => {
      const itemPath = [...path, i];
      rows.push({
        kind: 'group',
        pointer: toPointer(itemPath),
        label: { ja: `${list.ja}（${i + 1}件目）`, en: `${itemLabel} ${i + 1}` },
        value: same(''),
        depth,
      });
      walk(node.items!, item, itemPath, depth + 1, rows, options);
    });
    if (value.length === 0) rows.push({ kind: 'field', pointer: toPointer(path), label: list, value: NOT_ANSWERED, depth });
  }
}

/** Rows for one object node (a step, or the whole form). */
export function summarize(node: SchemaNode, value: unknown, path: (string | number)[] = [], options: SummaryOptions = {}): SummaryRow[] {
  const rows: SummaryRow[] = [];
  walk(node, value ?? {}, path, 0, rows, options);
  return rows;
}
