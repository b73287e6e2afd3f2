/**
 * Who may file, enforced on the server: a definition with "identity": "required" needs a signed-in
 * resident (401 otherwise); answers with x-prefill must equal what the provider verified when the
 * resident files for themself (422 at the field otherwise; missing ones are filled in); filing for
 * someone else needs a definition that allows it and a relation other than "self". The result is
 * what the submission stores about its filer.
 */
import {
  answerAt,
  applyLocked,
  lockedAnswers,
  prefillPointers,
  type CounterDocument,
  type Filer,
  type SubmissionIdentity,
  type VerifiedAttributes,
} from '../../shared/identity.ts';
import type { ProcedureDefinition } from '../../shared/forms/types.ts';
import { Errors } from '../errors.ts';

/** The signed-in filer as the submission path needs them (a resident session, or a clerk at the counter). */
export interface Filing {
  subjectHash: string | null;
  identity: SubmissionIdentity;
}

export interface ResidentFiler {
  subjectHash: string;
  provider: string;
  assurance: string | null;
  verifiedAt: string;
  attributes: VerifiedAttributes;
}

export function checkIdentity(
  definition: ProcedureDefinition,
  answers: Record<string, unknown>,
  resident: ResidentFiler | null,
  filer: Filer,
): { answers: Record<string, unknown>; filing: Filing | null } {
  const requirement = definition.identity ?? 'none';
  if (filer === 'proxy' && !definition.proxy) throw Errors.proxyNotAllowed();
  if (!resident) {
    if (requirement === 'required') throw Errors.residentSignInRequired();
    if (filer === 'proxy') throw Errors.residentSignInRequired();
    return { answers, filing: null };
  }
  // Signed in, whatever the definition asks: the submission is theirs (マイページ), with how they were verified.
  const locked = lockedAnswers(definition.schema, definition.proxy, resident.attributes, filer);
  for (const { pointer, value } of locked) {
    const given = answerAt(answers, pointer);
    if (given !== undefined && given !== value) throw Errors.verifiedAnswerChanged(pointer);
  }
  if (filer === 'proxy' && definition.proxy && answerAt(answers, definition.proxy.relation) === definition.proxy.self)
    throw Errors.proxyRelation(definition.proxy.relation);
  const relation = definition.proxy ? answerAt(answers, definition.proxy.relation) : undefined;
  return {
    answers: applyLocked(answers, locked),
    filing: {
      subjectHash: resident.subjectHash,
      identity: {
        method: 'oidc',
        provider: resident.provider,
        assurance: resident.assurance,
        verifiedAt: resident.verifiedAt,
        filer,
        ...(filer === 'proxy' && resident.attributes.name ? { filerName: resident.attributes.name } : {}),
        ...(typeof relation === 'string' ? { relation } : {}),
      },
    },
  };
}

/** A clerk filing at the counter (書かない窓口), and the identity document they checked (absent: none). */
export interface CounterFiler {
  clerkId: number;
  /** The clerk's address, for the audit entry. */
  address?: string | null;
  identityCheck?: { document: CounterDocument; note?: string | undefined } | undefined;
}

/**
 * At the counter the clerk checked the resident's identity themself: no resident sign-in is asked
 * for and no answer is locked (nothing was verified online), but a definition that needs a
 * verified identity needs the document the clerk checked (422 at /identityCheck otherwise).
 */
export function checkCounterIdentity(definition: ProcedureDefinition, answers: Record<string, unknown>, clerk: CounterFiler): Filing {
  if ((definition.identity ?? 'none') === 'required' && !clerk.identityCheck) throw Errors.counterIdentityRequired();
  const relation = definition.proxy ? answerAt(answers, definition.proxy.relation) : undefined;
  const note = clerk.identityCheck?.note?.trim();
  return {
    subjectHash: null,
    identity: {
      method: 'counter',
      document: clerk.identityCheck?.document ?? null,
      ...(note ? { note } : {}),
      clerkId: clerk.clerkId,
      verifiedAt: new Date().toISOString(),
      filer: definition.proxy && relation !== undefined && relation !== definition.proxy.self ? 'proxy' : 'self',
      ...(typeof relation === 'string' ? { relation } : {}),
    },
  };
}

/**
 * The answers a correction must keep as filed: what the sign-in verified when the resident filed
 * for themself online (the x-prefill answers, and "self" as the relation). A correction opened
 * with the access code cannot change them (docs/identity.md); nothing is kept for a proxy's filing
 * or one made at the counter, whose answers were typed.
 */
export function verifiedAtFiling(
  definition: ProcedureDefinition,
  identity: SubmissionIdentity | null,
  answers: Record<string, unknown>,
): { pointer: string; value: unknown }[] {
  if (!identity || identity.method !== 'oidc' || identity.filer !== 'self') return [];
  const pointers = prefillPointers(definition.schema).map((p) => p.pointer);
  if (definition.proxy) pointers.push(definition.proxy.relation);
  return pointers.flatMap((pointer) => {
    const value = answerAt(answers, pointer);
    return value === undefined ? [] : [{ pointer, value }];
  });
}

/** Refuses corrected answers that change what was verified at filing (422 at the first such field). */
export function keepVerified(verified: { pointer: string; value: unknown }[], corrected: Record<string, unknown>): void {
  for (const { pointer, value } of verified) if (answerAt(corrected, pointer) !== value) throw Errors.verifiedAnswerChanged(pointer);
}
