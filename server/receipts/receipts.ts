/** Builds receipt data from a stored submission, and the canonical hash a receipt carries. */
import { canonicalSubmissionSha256 } from '../submissions/digest.ts';
import type { Knex } from 'knex';
import { summarize } from '../../shared/forms/answers-summary.ts';
import { localizedLabel } from '../../shared/forms/schema-walk.ts';
import { feeDue, feeDueText, formatYen, offlineUnpaidLabel } from '../../shared/fees.ts';
import type { Lang, ProcedureDefinition } from '../../shared/forms/types.ts';
import { paymentStatusLabel } from '../../shared/payments.ts';
import { statusLabel } from '../../shared/status.ts';
import { isoTimestamp, jsonColumn } from '../db/connection.ts';
import type { Catalog } from '../procedures/catalog.ts';
import type { ReceiptData } from './render.ts';
import { attachmentMetaMap, attachmentsOf, type StoredAttachment } from '../attachments/service.ts';
import { formatBytes, mediaTypeLabel } from '../../shared/forms/attachments.ts';

/** The files a submission holds now (replaced ones are not on a receipt). */
export async function receiptFiles(db: Knex, submissionId: number): Promise<StoredAttachment[]> {
  return (await attachmentsOf(db, submissionId)).filter((f) => !f.replaced);
}

export interface StoredSubmission {
  id: number;
  reference_number: string;
  procedure_id: string;
  department_id: string;
  definition_version: number;
  definition_sha256: string;
  answers: unknown;
  status: string;
  submitted_at: unknown;
  fee_yen: number | null;
  payment_status: string | null;
  /** online or counter-assisted (a fee of a counter filing is paid there). */
  channel?: string;
}

export const RECEIPT_COLUMNS = [
  'id',
  'reference_number',
  'procedure_id',
  'department_id',
  'definition_version',
  'definition_sha256',
  'answers',
  'status',
  'submitted_at',
  'fee_yen',
  'payment_status',
  'channel',
];

/** SHA-256 of the canonical JSON (RFC 8785) of what was filed: number, procedure, version, answers, time. */
export function submissionSha256(s: StoredSubmission): string {
  return canonicalSubmissionSha256({
    referenceNumber: s.reference_number,
    procedureId: s.procedure_id,
    definitionVersion: s.definition_version,
    definitionSha256: s.definition_sha256,
    answers: jsonColumn(s.answers),
    submittedAt: isoTimestamp(s.submitted_at),
  });
}

export async function findSubmissions(db: Knex, refs: string[], departmentId?: string): Promise<StoredSubmission[]> {
  const q = db('submissions').select(RECEIPT_COLUMNS).whereIn('reference_number', refs);
  if (departmentId !== undefined) q.andWhere('department_id', departmentId);
  const rows = (await q) as StoredSubmission[];
  return refs.map((r) => rows.find((x) => x.reference_number === r)).filter((x): x is StoredSubmission => x !== undefined);
}

/** The fee line: the amount (as computed from the answers when it is) and where the payment stands. */
function feeLine(d: ProcedureDefinition, s: StoredSubmission, answers: unknown, onlinePayment: boolean): ReceiptData['fee'] {
  if (!d.fee) return null;
  const fee = d.fee;
  const feeYen = s.fee_yen === null ? null : Number(s.fee_yen);
  const due = feeDue(fee, answers);
  const amount = (lang: Lang) =>
    feeYen === null
      ? (fee.note?.[lang] ?? (lang === 'ja' ? '審査の後にお知らせします' : 'We will tell you after the review'))
      : due && due.yen === feeYen
        ? feeDueText(fee, due, lang)
        : formatYen(feeYen, lang);
  const text = { ja: amount('ja'), en: amount('en') };
  if (feeYen === null) return { text, paymentStatus: { ja: '金額は審査の後にお知らせします', en: 'The amount follows the review' } };
  const status = s.payment_status ?? 'unpaid';
  // Nothing here may suggest a payment that has not been confirmed.
  const paymentStatus = status === 'unpaid' && !onlinePayment ? offlineUnpaidLabel(fee, s.channel) : paymentStatusLabel(status);
  return { text, paymentStatus };
}

export function receiptData(
  catalog: Catalog,
  s: StoredSubmission,
  kind: ReceiptData['kind'],
  baseUrl: string,
  cityName: string,
  onlinePayment = false,
  files: StoredAttachment[] = [],
  lang: Lang = 'ja',
): ReceiptData {
  const d = catalog.version(s.procedure_id, s.definition_version)!.definition;
  const answers = jsonColumn<Record<string, unknown>>(s.answers);
  const sha = submissionSha256(s);
  const fee = feeLine(d, s, answers, onlinePayment);
  return {
    kind,
    cityName,
    referenceNumber: s.reference_number,
    procedureTitle: d.title,
    department: { name: d.department.name, phone: d.department.phone },
    submittedAt: isoTimestamp(s.submitted_at),
    statusLabel: statusLabel(s.status),
    definitionVersion: s.definition_version,
    submissionSha256: sha,
    fee,
    sections: Object.entries(d.schema.properties).map(([key, node]) => ({
      title: localizedLabel(node, key),
      rows: summarize(node, answers[key], [key], { attachments: attachmentMetaMap(files) }),
    })),
    files: files.map((f) => ({ name: f.name, type: mediaTypeLabel(f.mediaType), size: formatBytes(f.size), sha256: f.sha256 })),
    lang,
    verifyUrl: new URL(`/verify/${s.reference_number}/${sha}`, baseUrl).toString(),
  };
}
