/**
 * Repository definitions as they are once they ask for a verified identity (docs/identity.md):
 * a copy with a new version, `identity: required`, the answers to prefill from the sign-in and,
 * where given, filing for someone else. The published definitions switch over separately.
 */
import type { PrefillAttribute } from '../../shared/identity.ts';
import type { ProcedureDefinition } from '../../shared/forms/types.ts';
import { clone, definition } from './http.ts';

export function withIdentity(
  id: string,
  options: { section: string; prefill: Partial<Record<string, PrefillAttribute>>; proxy?: ProcedureDefinition['proxy'] },
): ProcedureDefinition {
  const d = clone(definition(id));
  d.version += 1;
  d.identity = 'required';
  if (options.proxy) d.proxy = options.proxy;
  const answers = d.schema.properties[options.section]!.properties!;
  for (const [key, attribute] of Object.entries(options.prefill)) answers[key]!['x-prefill'] = attribute!;
  return d;
}
