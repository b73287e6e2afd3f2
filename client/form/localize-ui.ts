/**
 * English labels come from each schema node's `x-en`; they are applied through the uiSchema
 * (ui:title, ui:description, option titles) so the schema itself, and therefore the
 * precompiled validators keyed by its hash, stay the same in both languages.
 */
import type { Lang, SchemaNode } from '../../shared/forms/types.ts';
import { propertySchemas } from '../../shared/forms/schema-walk.ts';
import { isAttachmentQuestion } from '../../shared/forms/attachments.ts';

type Ui = Record<string, unknown>;

function optionTitles(options: SchemaNode[] | undefined): Ui[] | undefined {
  return options?.map((o) => (o['x-en']?.title ? { 'ui:title': o['x-en'].title } : {}));
}

function overlay(node: SchemaNode | undefined, ui: Ui): Ui {
  if (!node) return ui;
  const out: Ui = { ...ui };
  if (node['x-en']?.title) out['ui:title'] = node['x-en'].title;
  if (node['x-en']?.description) out['ui:description'] = node['x-en'].description;
  if (node.oneOf) out.oneOf = optionTitles(node.oneOf);
  if (node.anyOf) out.anyOf = optionTitles(node.anyOf);
  for (const [key, child] of propertySchemas(node)) out[key] = overlay(child, (ui[key] as Ui | undefined) ?? {});
  if (node.items) {
    const items = overlay(node.items, (ui.items as Ui | undefined) ?? {});
    out.items = items;
  }
  return out;
}

/** Attachment questions are drawn by AttachmentField, chosen from the format (authors need not say it). */
function attachmentFields(node: SchemaNode | undefined, ui: Ui, depth = 0): Ui {
  if (!node || depth > 12) return ui;
  if (isAttachmentQuestion(node)) return { ...ui, 'ui:field': 'attachment' };
  const out: Ui = { ...ui };
  for (const [key, child] of propertySchemas(node)) {
    const inner = attachmentFields(child, (ui[key] as Ui | undefined) ?? {}, depth + 1);
    if (Object.keys(inner).length > 0) out[key] = inner;
  }
  if (node.items) {
    const items = attachmentFields(node.items, (ui.items as Ui | undefined) ?? {}, depth + 1);
    if (Object.keys(items).length > 0) out.items = items;
  }
  return out;
}

export function localizeUiSchema(schema: SchemaNode, uiSchema: Ui, lang: Lang): Ui {
  const globalOptions = { 'ui:globalOptions': { orderable: false, copyable: false } };
  const ui = attachmentFields(schema, uiSchema);
  return lang === 'ja' ? { ...ui, ...globalOptions } : { ...overlay(schema, ui), ...globalOptions };
}
