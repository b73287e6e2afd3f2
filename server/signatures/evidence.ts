/**
 * A filed submission's signature as staff and the public verification page read it: the evidence
 * kept in the filing's transaction (signatures/requests.ts consume), and whether it still covers
 * the submission as it is now (a correction changes the answers, and so the digest).
 */
import type { Knex } from 'knex';
import type { StaffSignature } from '../../shared/api-types.ts';
import { isoTimestamp } from '../db/connection.ts';
import type { VerifiedSignature } from './verify.ts';

interface Row {
  submission_id: number;
  algorithm: string;
  digest: string;
  verification: string;
  verified_at: unknown;
}

export async function signaturesOf(db: Knex | Knex.Transaction, submissionIds: number[]): Promise<Map<number, Row>> {
  if (submissionIds.length === 0) return new Map();
  const rows = (await db('submission_signatures')
    .select('submission_id', 'algorithm', 'digest', 'verification', 'verified_at')
    .whereIn('submission_id', submissionIds)) as Row[];
  return new Map(rows.map((r) => [Number(r.submission_id), r]));
}

/** The staff panel: 電子署名: 検証済み, the signer and the certificate; `currentDigest` is the submission's digest now. */
export function staffSignature(row: Row | undefined, currentDigest: string): StaffSignature | null {
  if (!row) return null;
  const v = JSON.parse(row.verification) as VerifiedSignature;
  return {
    status: 'verified',
    label: { ja: '電子署名：検証済み', en: 'Electronic signature: verified' },
    signer: { name: v.signer.name, birthDate: v.signer.birthDate, address: v.signer.address },
    certificate: {
      serialNumber: v.certificate.serialNumber,
      issuer: v.certificate.issuer,
      notBefore: v.certificate.notBefore,
      notAfter: v.certificate.notAfter,
    },
    algorithm: row.algorithm,
    digest: row.digest,
    verifiedAt: isoTimestamp(row.verified_at),
    crlThisUpdate: v.crlThisUpdate,
    coversCurrentAnswers: row.digest === currentDigest,
  };
}

/** One line for the department's PDF. */
export function signatureLine(s: StaffSignature): string {
  const day = (iso: string) => iso.slice(0, 10);
  return `電子署名：検証済み（署名者 ${s.signer.name ?? '—'}、証明書シリアル ${s.certificate.serialNumber}、有効期間 ${day(s.certificate.notBefore)}〜${day(s.certificate.notAfter)}、検証 ${s.verifiedAt.replace('T', ' ').slice(0, 16)} UTC）${s.coversCurrentAnswers ? '' : '。訂正後の内容には署名がありません'}`;
}
