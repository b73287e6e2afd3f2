/**
 * Answers filled from the signed-in resident's verified attributes (x-prefill): written into the
 * answers and shown read-only with a 本人確認済み badge (templates.tsx reads `ui:options.verified`).
 * The server enforces the same rule (shared/identity.ts); this only shows what it will accept.
 */
import { answerAt, lockedAnswers } from '../../shared/identity.ts';
import type { Filer, ResidentSessionView } from '../../shared/identity.ts';
import type { ProcedureView } from '../../shared/forms/types.ts';

type Ui = Record<string, unknown>;

/**
 * The locked answers for this resident (none when signed out, or filing as a proxy): the verified
 * attributes and, where the procedure allows a proxy, its relation answer set to "myself".
 */
export function lockedFor(
  procedure: ProcedureView,
  session: ResidentSessionView | null,
  filer: Filer = 'self',
): { pointer: string; value: string; verified: boolean }[] {
  if (!session?.signedIn || !session.attributes) return [];
  return lockedAnswers(procedure.schema, procedure.proxy, session.attributes, filer).map((l) => ({
    ...l,
    verified: l.pointer !== procedure.proxy?.relation,
  }));
}

/** In a correction: the answers the sign-in verified at filing stay locked at their filed values (the server keeps them too). */
export function verifiedInCorrection(
  pointers: readonly string[],
  answers: Record<string, unknown>,
  procedure: ProcedureView,
): { pointer: string; value: string; verified: boolean }[] {
  return pointers.flatMap((pointer) => {
    const value = answerAt(answers, pointer);
    return typeof value === 'string' ? [{ pointer, value, verified: pointer !== procedure.proxy?.relation }] : [];
  });
}

/** The uiSchema with each locked answer read-only, and those from the verified sign-in marked so. */
export function markVerified(uiSchema: Ui, locked: readonly { pointer: string; verified: boolean }[]): Ui {
  const out: Ui = { ...uiSchema };
  for (const { pointer, verified } of locked) {
    const segs = pointer.split('/').slice(1);
    let node = out;
    for (const seg of segs) {
      const child = { ...((node[seg] as Ui | undefined) ?? {}) };
      node[seg] = child;
      node = child;
    }
    node['ui:readonly'] = true;
    if (verified) node['ui:options'] = { ...((node['ui:options'] as Ui | undefined) ?? {}), verified: true };
  }
  return out;
}
