/**
 * The one rule for how a resident reaches their own submission after filing: with the reference
 * number and the access code, or, when signed in, with the reference number alone if they filed it
 * (its identity_subject_hash is theirs; submissions/service.ts verifyResident compares). A change made
 * through the session needs its CSRF token (403 without); a read does not (the cookie is SameSite
 * and these are POSTs). Neither a code nor a session: 401, sign in or give the access code.
 */
import type { Request } from 'express';
import { Errors } from '../errors.ts';
import type { ResidentProof, ResidentProofInput } from '../http/inputs.ts';
import { residentOf } from './middleware.ts';

export function residentAccess(req: Request, input: ResidentProofInput, use: 'read' | 'change'): ResidentProof {
  const { referenceNumber, accessCode } = input;
  if (accessCode !== undefined) return { referenceNumber, accessCode };
  if (!req.resident) throw Errors.residentSignInRequired();
  if (use === 'change' && !residentOf(req)) throw Errors.csrf();
  return { referenceNumber, subjectHash: req.resident.subjectHash };
}
