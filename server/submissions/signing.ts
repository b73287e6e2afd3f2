/**
 * What a signed filing is bound to: the digest of the canonical submission with the reference
 * number and time its signing request reserved, and the person whose certificate must sign it —
 * the applicant (their verified name and date of birth, locked in the answers) or, filing as
 * 代理人, the signed-in filer themself.
 */
import { answerAt, prefillPointers, type Filer } from '../../shared/identity.ts';
import type { ProcedureDefinition } from '../../shared/forms/types.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import type { CompiledVersion } from '../procedures/catalog.ts';
import { signerKey, type SigningRow } from '../signatures/requests.ts';
import { canonicalSubmissionSha256 } from './digest.ts';
import type { ResidentFiler } from './identity.ts';

export function signingFor(version: CompiledVersion, answers: Record<string, unknown>, referenceNumber: string, submittedAt: string) {
  const d = version.definition;
  return {
    procedureId: d.id,
    definitionVersion: d.version,
    referenceNumber,
    submittedAt,
    digest: canonicalSubmissionSha256({
      referenceNumber,
      procedureId: d.id,
      definitionVersion: d.version,
      definitionSha256: version.sha256,
      answers,
      submittedAt,
    }),
  };
}

/** The answers filed must be the ones signed (same digest with the reserved number and time), or 409. */
export function signedDigest(row: SigningRow, version: CompiledVersion, answers: Record<string, unknown>): void {
  const { digest } = signingFor(version, answers, row.reference_number, isoTimestamp(row.submitted_at));
  if (digest !== row.digest) throw Errors.signatureForOtherAnswers();
}

/** Whose certificate must sign: the applicant's verified name and date of birth, or the proxy filer's own. */
export function expectedSigner(
  secret: string,
  definition: ProcedureDefinition,
  answers: Record<string, unknown>,
  resident: ResidentFiler,
  filer: Filer,
): string {
  if (filer === 'proxy') return signerKey(secret, resident.attributes.name, resident.attributes.birthDate);
  const prefilled = prefillPointers(definition.schema);
  const at = (attribute: string) => {
    const p = prefilled.find((x) => x.attribute === attribute);
    const value = p ? answerAt(answers, p.pointer) : undefined;
    return typeof value === 'string' ? value : null;
  };
  return signerKey(secret, at('name'), at('birthDate'));
}
