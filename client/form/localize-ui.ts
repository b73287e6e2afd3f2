/**
 * English labels come from each schema node's `x-en`; they are applied through the uiSchema
 * (ui:title, ui:description, option titles) so the schema itself, and therefore the
 * precompiled validators keyed by its hash, stay the same in both languages.
 */
import type { Lang, SchemaNode } from '../../shared/forms/types.ts';
import { propertySchemas } from '../../shared/forms/schema-walk.ts';

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

export function localizeUiSchema(schema: SchemaNode, uiSchema: Ui, lang: Lang): Ui {
  const globalOptions = { 'ui:globalOptions': { orderable: false, copyable: false } };
  return lang === 'ja' ? { ...uiSchema, ...globalOptions } : { ...overlay(schema, uiSchema), ...globalOptions };
}
