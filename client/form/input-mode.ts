/**
 * The on-screen keyboard a text box asks for, from what its answer looks like, so definition
 * authors need not remember it: a number pad for 個人番号, postcodes, account numbers and other
 * digits-only answers, the phone pad for phone numbers, the e-mail keyboard for addresses. A
 * definition can still say `ui:options.inputMode` itself.
 */
import type { SchemaNode } from '../../shared/forms/types.ts';

export type InputMode = 'numeric' | 'tel' | 'email' | 'decimal' | 'text';

const BY_FORMAT: Record<string, InputMode> = {
  'jp-my-number': 'numeric',
  'jp-postal-code': 'numeric',
  'jp-phone': 'tel',
  email: 'email',
};

/** A pattern that accepts digits (and dashes) only: ^[0-9]{7}$, ^\d{4}-?\d{3}$ … */
const DIGITS_ONLY = /^\^(?:\[0-9\]|\\d|-|\{\d+(?:,\d*)?\}|[+*?])+\$$/u;

export function inputModeFor(schema: SchemaNode, options: Record<string, unknown>): InputMode | undefined {
  const own = options.inputMode;
  if (typeof own === 'string') return own as InputMode;
  if (typeof schema.format === 'string' && BY_FORMAT[schema.format]) return BY_FORMAT[schema.format];
  if (schema.type === 'integer') return 'numeric';
  if (schema.type === 'number') return 'decimal';
  if (typeof schema.pattern === 'string' && DIGITS_ONLY.test(schema.pattern)) return 'numeric';
  return undefined;
}
