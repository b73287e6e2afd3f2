/** Builds receipt data from a stored submission, and the canonical hash a receipt carries. */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Knex } from 'knex';
import { summarize } from '../../shared/forms/answers-summary.ts';
import { getByPointer } from '../../shared/forms/schema-walk.ts';
import { statusLabel } from '../../shared/status.ts';
import { isoTimestamp, jsonColumn } from '../db/connection.ts';
import type { Catalog } from '../procedures/catalog.ts';
import type { ReceiptData } from './render.ts';

export interface StoredSubmission {
  reference_number: string;
  procedure_id: string;
  department_id: string;
  definition_version: number;
  definition_sha256: string;
  answers: unknown;
  status: string;
  submitted_at: unknown;
}

export const RECEIPT_COLUMNS = ['reference_number', 'procedure_id', 'department_id', 'definition_version', 'definition_sha256', 'answers', 'status', 'submitted_at'];

/** SHA-256 of the canonical JSON (RFC 8785) of what was filed: number, procedure, version, answers, time. */
export function submissionSha256(s: StoredSubmission): string {
  const canonical = canonicalize({
    referenceNumber: s.reference_number,
    procedureId: s.procedure_id,
    definitionVersion: s.definition_version,
    definitionSha256: s.definition_sha256,
    answers: jsonColumn(s.answers),
    submittedAt: isoTimestamp(s.submitted_at),
  });
  return createHash('sha256').update(canonical ?? '').digest('hex');
}

export async function findSubmissions(db: Knex, refs: string[], departmentId?: string): Promise<StoredSubmission[]> {
  const q = db('submissions').select(RECEIPT_COLUMNS).whereIn('reference_number', refs);
  if (departmentId !== undefined) q.andWhere('department_id', departmentId);
  const rows = (await q) as StoredSubmission[];
  return refs.map((r) => rows.find((x) => x.reference_number === r)).filter((x): x is StoredSubmission => x !== undefined);
}

export function receiptData(catalog: Catalog, s: StoredSubmission, kind: ReceiptData['kind'], baseUrl: string, cityName: string): ReceiptData {
  const d = catalog.version(s.procedure_id, s.definition_version)!.definition;
  const answers = jsonColumn<Record<string, unknown>>(s.answers);
  const sha = submissionSha256(s);
  let fee: ReceiptData['fee'] = null;
  if (d.fee) {
    const quantity = d.fee.per ? Number(getByPointer(answers, d.fee.per.quantityPointer) ?? 1) : 1;
    const total = d.fee.yen * quantity;
    const text = d.fee.per ? `${d.fee.yen.toLocaleString('ja-JP')}円 × ${quantity}${d.fee.per.label.ja.replace(/^1/u, '')} = ${total.toLocaleString('ja-JP')}円` : `${total.toLocaleString('ja-JP')}円`;
    // Online payment comes later: nothing here may suggest that a fee was paid.
    fee = { text, paymentStatus: '未払い・窓口でお支払いください' };
  }
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
    sections: Object.entries(d.schema.properties).map(([key, node]) => ({ title: node.title ?? key, rows: summarize(node, answers[key], [key]) })),
    verifyUrl: new URL(`/verify/${s.reference_number}/${sha}`, baseUrl).toString(),
  };
}
