/**
 * A definition's form is split into steps: each top-level property of the schema is one step
 * (an object with its own title), shown on its own page with a progress indicator.
 */
import { localizedLabel } from './schema-walk.ts';
import type { LocalizedText, ProcedureDefinition, SchemaNode } from './types.ts';

export interface Step {
  key: string;
  title: LocalizedText;
  /** The root schema narrowed to this step's property (its sub-schemas are the same objects). */
  schema: SchemaNode;
  uiSchema: Record<string, unknown>;
}

export function stepsOf(definition: Pick<ProcedureDefinition, 'schema' | 'uiSchema'>): Step[] {
  const root = definition.schema;
  return Object.entries(root.properties).map(([key, node]) => ({
    key,
    title: localizedLabel(node, key),
    schema: {
      type: 'object',
      properties: { [key]: node },
      required: root.required?.includes(key) ? [key] : [],
    },
    uiSchema: { [key]: definition.uiSchema[key] ?? {} },
  }));
}
