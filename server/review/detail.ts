/**
 * One submission for staff: every answer labelled and formatted from the definition version the
 * resident filled in (個人番号 in full: this is the detail view), the history, the assignee and
 * the transitions allowed now. Every view is on the audit trail.
 */
import type { Knex } from 'knex';
import type { HistoryEntry, StaffSubmissionDetail } from '../../shared/api-types.ts';
import { summarize, type SummaryRow } from '../../shared/forms/answers-summary.ts';
import { statusLabel } from '../../shared/status.ts';
import { staffTargets } from '../../shared/workflow.ts';
import { japanToday } from '../../shared/forms/date-bounds.ts';
import { deadlineView } from '../workflow/processing-period.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { StaffUser } from '../auth/roles.ts';
import { isoTimestamp, jsonColumn } from '../db/connection.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { staffPaymentPanel } from '../payments/staff-view.ts';
import { Errors } from '../errors.ts';
import { attachmentMetaMap, attachmentsOf, type StoredAttachment } from '../attachments/service.ts';
import { attachmentQuestions } from '../../shared/forms/attachments.ts';
import { fieldLabel } from '../../shared/forms/schema-walk.ts';
import { staffFiling } from './filing.ts';
import { signaturesOf, staffSignature } from '../signatures/evidence.ts';
import { submissionSha256, type StoredSubmission } from '../receipts/receipts.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';

function staffAttachments(schema: SchemaNode, files: StoredAttachment[], submittedAt: string): StaffSubmissionDetail['attachments'] {
  const questions = new Set(attachmentQuestions(schema).map((q) => q.pointer));
  return files.map((f) => ({
    id: f.id,
    label: questions.has(f.field) ? fieldLabel(schema, f.field) : { ja: f.field, en: f.field },
    name: f.name,
    mediaType: f.mediaType,
    size: f.size,
    sha256: f.sha256,
    scan: f.scan,
    thumbnailUrl: f.hasThumbnail ? `/api/staff/attachments/${f.id}/thumbnail` : null,
    openUrl: f.mediaType.startsWith('image/') ? `/api/staff/attachments/${f.id}?disposition=inline` : null,
    downloadUrl: `/api/staff/attachments/${f.id}`,
    // Files attached later than the filing came with a correction.
    addedInCorrection: f.attachedAt !== null && new Date(f.attachedAt).getTime() - new Date(submittedAt).getTime() > 1000,
    replaced: f.replaced,
  }));
}

function changedRows(before: SummaryRow[], after: SummaryRow[]): NonNullable<HistoryEntry['changes']> {
  const old = new Map(before.filter((r) => r.kind === 'field').map((r) => [r.pointer, r]));
  const now = new Map(after.filter((r) => r.kind === 'field').map((r) => [r.pointer, r]));
  const pointers = [...new Set([...old.keys(), ...now.keys()])];
  const none = { ja: '（なし）', en: '(none)' };
  return pointers
    .filter((p) => old.get(p)?.value.ja !== now.get(p)?.value.ja)
    .map((p) => ({ label: (now.get(p) ?? old.get(p))!.label, before: old.get(p)?.value ?? none, after: now.get(p)?.value ?? none }));
}

export async function getSubmissionDetail(
  { db, catalog }: { db: Knex; catalog: Catalog },
  actor: StaffUser,
  ref: string,
  address: string | null,
): Promise<StaffSubmissionDetail> {
  return db.transaction(async (trx) => {
    const row = (await trx('submissions as s')
      .leftJoin('staff_users as u', 'u.id', 's.assignee_id')
      .select('s.*', 'u.display_name as assignee_name')
      .where({ 's.reference_number': ref, 's.department_id': actor.departmentId ?? '' })
      .first()) as Record<string, unknown> | undefined;
    if (!row) throw Errors.submissionNotFound();
    const version = catalog.version(String(row.procedure_id), Number(row.definition_version));
    if (!version) throw Errors.submissionNotFound();
    const schema = version.definition.schema;
    const answers = jsonColumn<Record<string, unknown>>(row.answers);
    const files = await attachmentsOf(trx, Number(row.id));
    const shown = { revealSensitive: true, attachments: attachmentMetaMap(files) };
    const events = (await trx('submission_events as e')
      .leftJoin('staff_users as u', 'u.id', 'e.actor_id')
      .select('e.*', 'u.display_name')
      .where('e.submission_id', row.id as number)
      .orderBy('e.id')) as Record<string, unknown>[];
    await appendAudit(trx, { actorType: 'staff', actorId: String(actor.id), action: 'submission.view', target: ref, address });
    const history: HistoryEntry[] = events.map((e) => {
      const entry: HistoryEntry = {
        at: isoTimestamp(e.at),
        actor: { type: String(e.actor_type), displayName: (e.display_name as string | null) ?? null },
        kind: String(e.kind),
        fromStatus: (e.from_status as string | null) ?? null,
        toStatus: (e.to_status as string | null) ?? null,
        text: (e.text as string | null) ?? null,
      };
      if (e.kind === 'correction' && e.details) {
        const { previous, current } = JSON.parse(String(e.details)) as { previous: unknown; current: unknown };
        entry.changes = changedRows(summarize(schema, previous, [], shown), summarize(schema, current, [], shown));
      }
      return entry;
    });
    return {
      resubmission: resubmissionOf(history, String(row.status)),
      deadline: deadlineView(
        version.definition.processingPeriod,
        {
          status: String(row.status),
          due_on: (row.due_on as string | null) ?? null,
          decided_on: (row.decided_on as string | null) ?? null,
        },
        japanToday(new Date()),
      ),
      referenceNumber: ref,
      procedure: {
        id: version.definition.id,
        title: version.definition.title,
        version: version.definition.version,
        sha256: version.sha256,
      },
      status: String(row.status),
      statusLabel: statusLabel(String(row.status)),
      submittedAt: isoTimestamp(row.submitted_at),
      updatedAt: isoTimestamp(row.updated_at),
      assignee: row.assignee_id ? { id: Number(row.assignee_id), displayName: String(row.assignee_name ?? '') } : null,
      allowedTransitions: staffTargets(String(row.status), catalog.rules(version.definition.id, version.definition.version)).map((t) => ({
        to: t.to,
        label: statusLabel(t.to),
        reasonRequired: t.reason,
      })),
      answers: Object.entries(schema.properties).map(([key, node]) => ({
        key,
        title: { ja: node.title ?? key, en: node['x-en']?.title ?? node.title ?? key },
        rows: summarize(node, answers[key], [key], shown),
      })),
      history,
      payment: await staffPaymentPanel(trx, catalog, {
        id: Number(row.id),
        procedure_id: String(row.procedure_id),
        definition_version: Number(row.definition_version),
        status: String(row.status),
        fee_yen: row.fee_yen === null || row.fee_yen === undefined ? null : Number(row.fee_yen),
        payment_status: (row.payment_status as string | null) ?? null,
      }),
      attachments: staffAttachments(schema, files, isoTimestamp(row.submitted_at)),
      attachmentQuestions: attachmentQuestions(schema).map((q) => ({ pointer: q.pointer, label: fieldLabel(schema, q.pointer) })),
      filing: await staffFiling(trx, row, version.definition),
      signature: staffSignature(
        (await signaturesOf(trx, [Number(row.id)])).get(Number(row.id)),
        submissionSha256(row as unknown as StoredSubmission),
      ),
    };
  });
}

/**
 * The latest resubmission after a 差戻し, while it waits for staff again: when, the reason it was
 * returned with, and what the resident changed (answers and files) against the returned version.
 */
function resubmissionOf(history: HistoryEntry[], status: string): StaffSubmissionDetail['resubmission'] {
  if (status === 'returned') return null;
  const at = history.findLastIndex((h) => h.kind === 'correction');
  if (at < 0) return null;
  const returned = history.slice(0, at).findLast((h) => h.kind === 'status' && h.toStatus === 'returned');
  return { at: history[at]!.at, returnReason: returned?.text ?? null, changes: history[at]!.changes ?? [] };
}
