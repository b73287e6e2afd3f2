/**
 * Answers filled from the signed-in resident's verified attributes (x-prefill): written into the
 * answers and shown read-only with a 本人確認済み badge (templates.tsx reads `ui:options.verified`).
 * The server enforces the same rule (shared/identity.ts); this only shows what it will accept.
 */
import { lockedAnswers } from '../../shared/identity.ts';
import type { ResidentSessionView } from '../../shared/identity.ts';
import type { ProcedureView } from '../../shared/forms/types.ts';

type Ui = Record<string, unknown>;

/** The locked answers for this resident filing for themself (none when signed out). */
export function lockedFor(procedure: ProcedureView, session: ResidentSessionView | null): { pointer: string; value: string }[] {
  if (!session?.signedIn || !session.attributes) return [];
  // The proxy relation is asked by the definition's own question; only the verified attributes are locked here.
  return lockedAnswers(procedure.schema, undefined, session.attributes, 'self');
}

/** The uiSchema with each locked answer read-only and marked as verified. */
export function markVerified(uiSchema: Ui, pointers: readonly string[]): Ui {
  const out: Ui = { ...uiSchema };
  for (const pointer of pointers) {
    const segs = pointer.split('/').slice(1);
    let node = out;
    for (const seg of segs) {
      const child = { ...((node[seg] as Ui | undefined) ?? {}) };
      node[seg] = child;
      node = child;
    }
    node['ui:readonly'] = true;
    node['ui:options'] = { ...((node['ui:options'] as Ui | undefined) ?? {}), verified: true };
  }
  return out;
}
