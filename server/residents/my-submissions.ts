/** マイページ: the submissions a signed-in resident filed, found by who they are, not by access codes. */
import type { Knex } from 'knex';
import type { LocalizedText } from '../../shared/forms/types.ts';
import { statusLabel } from '../../shared/status.ts';
import { isoTimestamp } from '../db/connection.ts';
import type { Catalog } from '../procedures/catalog.ts';

export interface MySubmission {
  referenceNumber: string;
  procedureId: string;
  title: LocalizedText;
  status: string;
  statusLabel: LocalizedText;
  submittedAt: string;
  updatedAt: string;
  feeYen: number | null;
  paymentStatus: string | null;
  messages: number;
}

export async function listMySubmissions(db: Knex, catalog: Catalog, subjectHash: string): Promise<MySubmission[]> {
  const rows = (await db('submissions as s')
    .where('s.identity_subject_hash', subjectHash)
    .select(
      's.reference_number',
      's.procedure_id',
      's.status',
      's.submitted_at',
      's.updated_at',
      's.fee_yen',
      's.payment_status',
      db('submission_events as e').count('*').whereRaw('e.submission_id = s.id').where('e.kind', 'message').as('messages'),
    )
    .orderBy('s.submitted_at', 'desc')
    .limit(200)) as {
    reference_number: string;
    procedure_id: string;
    status: string;
    submitted_at: unknown;
    updated_at: unknown;
    fee_yen: number | null;
    payment_status: string | null;
    messages: number | string;
  }[];
  return rows.map((r) => ({
    referenceNumber: r.reference_number,
    procedureId: r.procedure_id,
    title: catalog.current(r.procedure_id)?.definition.title ?? { ja: r.procedure_id, en: r.procedure_id },
    status: r.status,
    statusLabel: statusLabel(r.status),
    submittedAt: isoTimestamp(r.submitted_at),
    updatedAt: isoTimestamp(r.updated_at),
    feeYen: r.fee_yen === null ? null : Number(r.fee_yen),
    paymentStatus: r.payment_status,
    messages: Number(r.messages),
  }));
}
