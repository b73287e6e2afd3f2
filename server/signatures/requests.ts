/**
 * Signing requests: what a signed-in resident is asked to sign (the digest of the canonical
 * submission, with the reference number and filing time it reserves), sent to the signing app;
 * its answer is verified here (verify.ts) the moment it comes back, and the evidence waits on the
 * request until the submission is filed with it, once, within the request's lifetime. A refused
 * signature leaves nothing but the request's failure code: no submission is ever stored with it.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Filer } from '../../shared/identity.ts';
import type { SigningView } from '../../shared/api-types.ts';
import { AppError, Errors } from '../errors.ts';
import { isoTimestamp } from '../db/connection.ts';
import type { SigningProvider, SigningResult } from './provider.ts';
import type { TrustSource } from './trust-source.ts';
import { verifySignature, type SignatureAlgorithm, type VerifiedSignature } from './verify.ts';

/** What the filing reserved and the resident is asked to sign. */
export interface PreparedSigning {
  subjectHash: string;
  procedureId: string;
  definitionVersion: number;
  filer: Filer;
  referenceNumber: string;
  submittedAt: string;
  /** Hex SHA-256 of the canonical submission (receipts.ts submissionSha256). */
  digest: string;
  /** signerKey() of the name and date of birth the certificate must carry. */
  expectedSigner: string;
}

export interface SigningEvidence {
  algorithm: SignatureAlgorithm;
  signature: string;
  certificate: string;
  chain: string[];
  verification: VerifiedSignature;
}

export interface SigningRow {
  id: string;
  subject_hash: string;
  procedure_id: string;
  definition_version: number;
  filer: string;
  reference_number: string;
  submitted_at: unknown;
  digest: string;
  expected_signer: string;
  status: 'pending' | 'signed' | 'failed' | 'used';
  error_code: string | null;
  evidence: string | null;
  submission_id: number | null;
  expires_at: unknown;
}

export interface SigningSettings {
  minutes: number;
  crlMaxAgeMs: number;
  /** The callback address the signing app sends the resident back to (completeSigning). */
  callbackUrl: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Names compare as the 住民票 writes them: NFKC, without any spaces (half- or full-width). */
export function signerKey(secret: string, name: string | null | undefined, birthDate: string | null | undefined): string {
  const n = (name ?? '').normalize('NFKC').replace(/[\s\u3000]+/gu, '');
  return createHmac('sha256', secret)
    .update(`signer-v1\n${n}\n${birthDate ?? ''}`)
    .digest('hex');
}

export class SigningRequests {
  constructor(
    private readonly db: Knex,
    private readonly secret: string,
    private readonly provider: SigningProvider,
    private readonly trust: TrustSource,
    private readonly settings: SigningSettings,
    private readonly logger: Logger,
  ) {}

  async start(p: PreparedSigning): Promise<{ signingRequestId: string; signUrl: string; expiresAt: string; digest: string }> {
    const id = randomBytes(18).toString('base64url');
    const state = randomBytes(24).toString('base64url');
    const now = Date.now();
    const expiresAt = isoTimestamp(new Date(now + this.settings.minutes * 60_000));
    await this.db('signing_requests').insert({
      id: sha256(id),
      state_hash: sha256(state),
      subject_hash: p.subjectHash,
      procedure_id: p.procedureId,
      definition_version: p.definitionVersion,
      filer: p.filer,
      reference_number: p.referenceNumber,
      submitted_at: p.submittedAt,
      digest: p.digest,
      expected_signer: p.expectedSigner,
      status: 'pending',
      created_at: isoTimestamp(new Date(now)),
      expires_at: expiresAt,
    });
    const signUrl = this.provider.signUrl({ digest: p.digest, state, redirectUri: this.settings.callbackUrl });
    return { signingRequestId: id, signUrl, expiresAt, digest: p.digest };
  }

  /**
   * The signing app's redirect back: the request it answers (by state; pending, unexpired, this
   * resident's), then the result fetched and verified. Returns the procedure to go back to, and the
   * error when the signing did not succeed (the request is then failed: sign again).
   */
  async complete(
    query: { state?: string | undefined; code?: string | undefined; error?: string | undefined },
    subjectHash: string | null,
  ): Promise<{ procedureId: string; error: AppError | null }> {
    const row = query.state
      ? ((await this.db('signing_requests').where('state_hash', sha256(query.state)).first()) as SigningRow | undefined)
      : undefined;
    if (!row) throw Errors.signingRequestUnknown();
    // Used, expired, or come back in another resident's session: nothing changes.
    if (row.status !== 'pending' || expired(row) || row.subject_hash !== subjectHash)
      return { procedureId: row.procedure_id, error: Errors.signingRequestUnknown() };
    const fail = async (error: AppError) => {
      await this.db('signing_requests').where({ id: row.id, status: 'pending' }).update({ status: 'failed', error_code: error.code });
      return { procedureId: row.procedure_id, error };
    };
    if (query.error || !query.code) return fail(Errors.signingCancelled());
    try {
      const result = await this.provider.result(query.code, this.settings.callbackUrl);
      const verification = await this.verify(row, result);
      const evidence: SigningEvidence = {
        algorithm: result.algorithm,
        signature: result.signature.toString('base64'),
        certificate: result.certificate.toString('base64'),
        chain: result.chain.map((c) => c.toString('base64')),
        verification,
      };
      const updated = await this.db('signing_requests')
        .where({ id: row.id, status: 'pending' })
        .update({ status: 'signed', evidence: JSON.stringify(evidence) });
      // A replayed callback that raced this one: the first answer stands.
      if (updated === 0) return { procedureId: row.procedure_id, error: Errors.signingRequestUnknown() };
      return { procedureId: row.procedure_id, error: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.logger.info({ code: error.code, procedureId: row.procedure_id }, 'signature refused');
      return fail(error);
    }
  }

  private async verify(row: SigningRow, result: SigningResult): Promise<VerifiedSignature> {
    const trust = await this.trust.current();
    if (!trust) throw Errors.signatureRevocationUnknown();
    const verified = await verifySignature(
      {
        digest: Buffer.from(row.digest, 'hex'),
        signature: result.signature,
        algorithm: result.algorithm,
        certificate: result.certificate,
        chain: result.chain,
      },
      trust,
      { at: new Date(), crlMaxAgeMs: this.settings.crlMaxAgeMs },
    );
    if (signerKey(this.secret, verified.signer.name, verified.signer.birthDate) !== row.expected_signer)
      throw Errors.signatureSignerMismatch();
    return verified;
  }

  /** The resident's own request, by the id the browser holds; anyone else's is the same 404. */
  async find(id: string, subjectHash: string): Promise<SigningRow> {
    const row = (await this.db('signing_requests').where('id', sha256(id)).first()) as SigningRow | undefined;
    if (!row || row.subject_hash !== subjectHash) throw Errors.signingRequestUnknown();
    return row;
  }

  async view(id: string, subjectHash: string): Promise<SigningView> {
    const row = await this.find(id, subjectHash);
    const evidence = row.evidence ? (JSON.parse(row.evidence) as SigningEvidence) : null;
    // A request left pending past its lifetime failed as an unknown one would.
    const lapsed = row.status === 'pending' && expired(row);
    const failed = row.error_code ? errorNamed(row.error_code) : lapsed ? Errors.signingRequestUnknown() : null;
    return {
      status: lapsed ? 'failed' : row.status,
      procedureId: row.procedure_id,
      error: failed ? { code: failed.code, message: failed.text } : null,
      signer: evidence ? { name: evidence.verification.signer.name } : null,
      certificate: evidence
        ? { serialNumber: evidence.verification.certificate.serialNumber, notAfter: evidence.verification.certificate.notAfter }
        : null,
      expiresAt: isoTimestamp(row.expires_at),
    };
  }

  /** The signed request a filing uses: signed, unexpired, for this procedure version and filer. */
  async forFiling(id: string, subjectHash: string, procedureId: string, definitionVersion: number, filer: Filer): Promise<SigningRow> {
    const row = await this.find(id, subjectHash);
    if (row.status === 'used') throw Errors.signingRequestUsed();
    if (row.procedure_id !== procedureId || row.definition_version !== definitionVersion || row.filer !== filer)
      throw Errors.signatureForOtherAnswers();
    if (row.status !== 'signed' || !row.evidence) throw Errors.signingNotFinished();
    if (expired(row)) throw Errors.signingRequestUnknown();
    return row;
  }

  /** In the filing's transaction: the request is used (once) and its evidence kept with the submission. */
  static async consume(trx: Knex.Transaction, row: SigningRow, submissionId: number): Promise<void> {
    // The evidence moves to the submission: the request keeps only that it was used (its number stays taken).
    const used = await trx('signing_requests')
      .where({ id: row.id, status: 'signed' })
      .update({ status: 'used', submission_id: submissionId, evidence: null });
    if (used === 0) throw Errors.signingRequestUsed();
    const evidence = JSON.parse(row.evidence!) as SigningEvidence;
    await trx('submission_signatures').insert({
      submission_id: submissionId,
      algorithm: evidence.algorithm,
      digest: row.digest,
      signature: evidence.signature,
      certificate: evidence.certificate,
      chain: JSON.stringify(evidence.chain),
      verification: JSON.stringify(evidence.verification),
      verified_at: evidence.verification.verifiedAt,
    });
  }
}

/** Housekeeping: requests past their lifetime go (a signature never used to file, and its signer's details, with them). */
export async function removeExpiredSigningRequests(db: Knex, now = new Date()): Promise<number> {
  return db('signing_requests').where('expires_at', '<=', isoTimestamp(now)).delete();
}

const expired = (row: Pick<SigningRow, 'expires_at'>) => new Date(isoTimestamp(row.expires_at)).getTime() <= Date.now();

/** Why a signing failed, as stored on its request (code → the catalogued error, for its messages). */
const FAILURES = new Map(
  [
    Errors.signingCancelled,
    Errors.signingAppUnreachable,
    Errors.signingRequestUnknown,
    Errors.signatureInvalid,
    Errors.signatureSignerMismatch,
    Errors.signatureCertificateExpired,
    Errors.signatureCertificateRevoked,
    Errors.signatureCertificateUntrusted,
    Errors.signatureCertificateUnusable,
    Errors.signatureRevocationUnknown,
  ].map((make) => [make().code, make] as const),
);

const errorNamed = (code: string): AppError => (FAILURES.get(code) ?? Errors.signingCancelled)();
