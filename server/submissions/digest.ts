/**
 * The digest of a submission: SHA-256 of the canonical JSON (RFC 8785) of its reference number,
 * procedure, definition version and hash, answers and filing time. The receipt prints it, the
 * public verification page checks it, and a resident who signs signs exactly it.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export interface CanonicalSubmission {
  referenceNumber: string;
  procedureId: string;
  definitionVersion: number;
  definitionSha256: string;
  answers: unknown;
  /** ISO 8601 with milliseconds (isoTimestamp). */
  submittedAt: string;
}

export function canonicalSubmissionSha256(s: CanonicalSubmission): string {
  const canonical = canonicalize({
    referenceNumber: s.referenceNumber,
    procedureId: s.procedureId,
    definitionVersion: s.definitionVersion,
    definitionSha256: s.definitionSha256,
    answers: s.answers,
    submittedAt: s.submittedAt,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}
