/**
 * Storage of submissions (knex; SQLite or PostgreSQL), with group commit: submissions that
 * arrive while a commit is being prepared are written by one multi-row INSERT, one transaction,
 * one fsync. Each caller is answered only after the commit holding its row, so an acknowledged
 * submission is durable (SQLite synchronous=FULL; PostgreSQL synchronous_commit on).
 */
import type { Knex } from 'knex';
import { isoTimestamp, jsonColumn } from '../db/connection.ts';
import { enqueueMails, type OutboxMail } from '../notifications/notifier.ts';

export interface NewSubmission {
  referenceNumber: string;
  procedureId: string;
  departmentId: string;
  definitionVersion: number;
  definitionSha256: string;
  /** The answers as stored (JSON text). */
  answersJson: string;
  answersSha256: string;
  accessCodeHash: string;
  idempotencyKeyHash: string | null;
  submittedAt: string;
  notifyEmail: string | null;
  /** 受付, or 支払待ち when the fee is paid online before review. */
  status: string;
  /** 標準処理期間: the day a decision is due (null: no period, or its clock waits for the fee). */
  dueOn: string | null;
  /** Amount owed (integer yen) and its payment status, when the fee is known at submission. */
  feeYen: number | null;
  paymentStatus: string | null;
  /** online, or counter-assisted (a clerk filed it with the resident at the counter). */
  channel: 'online' | 'counter-assisted';
  /** The signed-in filer (マイページ), and what is kept about who filed and how they were verified (JSON). */
  identitySubjectHash: string | null;
  identityJson: string | null;
  /** The receipt mail, written to the outbox in the same transaction as the submission. */
  receiptMail: OutboxMail | null;
  /** Attaches the uploaded files in the same transaction (throws when another request took one). */
  /** Work that commits with the row or not at all: claiming its attachments, the audit entry of a counter filing. */
  inTransaction?: ((trx: Knex.Transaction, submissionId: number) => Promise<void>) | null;
}

export interface SubmissionRow {
  id: number;
  reference_number: string;
  procedure_id: string;
  definition_version: number;
  definition_sha256: string;
  answers_sha256: string;
  status: string;
  access_code_hash: string;
  /** Who filed it when signed in (HMAC of issuer + sub), else null. */
  identity_subject_hash: string | null;
  submitted_at: unknown;
  updated_at: unknown;
  fee_yen: number | null;
  payment_status: string | null;
  channel: string;
}

const SUMMARY_COLUMNS = [
  'id',
  'reference_number',
  'procedure_id',
  'definition_version',
  'definition_sha256',
  'answers_sha256',
  'status',
  'access_code_hash',
  'identity_subject_hash',
  'submitted_at',
  'updated_at',
  'fee_yen',
  'payment_status',
  'channel',
];
/** Rows per INSERT: 19 bindings each, well inside SQLite's and PostgreSQL's limits. */
const MAX_BATCH = 200;

const INSERT_COLUMNS = [
  'reference_number',
  'procedure_id',
  'department_id',
  'definition_version',
  'definition_sha256',
  'answers',
  'answers_sha256',
  'status',
  'access_code_hash',
  'idempotency_key_hash',
  'submitted_at',
  'updated_at',
  'notify_email',
  'fee_yen',
  'payment_status',
  'channel',
  'identity_subject_hash',
  'identity',
  'due_on',
] as const;
const ROW_PLACEHOLDERS = `(${INSERT_COLUMNS.map(() => '?').join(', ')})`;
const insertSql = new Map<number, string>();

/** INSERT of n rows that skips rows whose unique columns are taken; cached per batch size. */
function insertStatement(n: number): string {
  let sql = insertSql.get(n);
  if (!sql) {
    sql = `insert into submissions (${INSERT_COLUMNS.join(', ')}) values ${Array.from({ length: n }, () => ROW_PLACEHOLDERS).join(', ')} on conflict do nothing returning reference_number, id`;
    insertSql.set(n, sql);
  }
  return sql;
}

interface Pending {
  row: (string | number | null)[];
  mail: OutboxMail | null;
  claim: NewSubmission['inTransaction'];
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

export class SubmissionRepository {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: Knex) {}

  /**
   * Stores the row, or resolves false when a unique column (reference number or idempotency
   * key) is already taken; the row is then not stored at all.
   */
  insert(s: NewSubmission): Promise<boolean> {
    // In INSERT_COLUMNS order.
    const row = [
      s.referenceNumber,
      s.procedureId,
      s.departmentId,
      s.definitionVersion,
      s.definitionSha256,
      s.answersJson,
      s.answersSha256,
      s.status,
      s.accessCodeHash,
      s.idempotencyKeyHash,
      s.submittedAt,
      s.submittedAt,
      s.notifyEmail,
      s.feeYen,
      s.paymentStatus,
      s.channel,
      s.identitySubjectHash,
      s.identityJson,
      s.dueOn,
    ];
    return new Promise((resolve, reject) => {
      this.queue.push({ row, mail: s.receiptMail, claim: s.inTransaction, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Let every request parsed in this turn of the event loop join the same commit.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const stored = await this.commit(batch);
        for (const p of batch) p.resolve(stored.has(p.row[0] as string));
      } catch (error) {
        if (batch.length === 1) {
          // The error handler logs it with this request's id.
          batch[0]!.reject(error);
          continue;
        }
        // One row the database refuses must not fail the others: each is tried on its own.
        for (const p of batch) {
          try {
            p.resolve((await this.commit([p])).has(p.row[0] as string));
          } catch (own) {
            p.reject(own);
          }
        }
      }
    }
    this.flushing = false;
  }

  /** One transaction: the rows (skipping taken unique values), their attachments and their receipt mails. */
  private commit(batch: Pending[]): Promise<Map<string, number>> {
    return this.db.transaction(async (trx) => {
      const result = await trx.raw(
        insertStatement(batch.length),
        batch.flatMap((p) => p.row),
      );
      // pg returns { rows }, SQLite drivers the rows themselves.
      const inserted = ((result as { rows?: unknown[] }).rows ?? result) as { reference_number: string; id: number }[];
      const ids = new Map(inserted.map((r) => [r.reference_number, Number(r.id)]));
      // A refused claim fails this transaction; the batch is then tried row by row (flush).
      for (const p of batch) {
        const id = ids.get(p.row[0] as string);
        if (id !== undefined && p.claim) await p.claim(trx, id);
      }
      const mails = batch.flatMap((p) => {
        const id = ids.get(p.row[0] as string);
        return id !== undefined && p.mail ? [{ submissionId: id, mail: p.mail }] : [];
      });
      await enqueueMails(trx, mails);
      return ids;
    });
  }

  async findByIdempotencyKey(keyHash: string): Promise<SubmissionRow | undefined> {
    return (await this.db('submissions').select(SUMMARY_COLUMNS).where('idempotency_key_hash', keyHash).first()) as
      SubmissionRow | undefined;
  }

  /** What staff told the resident: the reason of the last return (while returned) and the messages. */
  async residentMessages(
    submissionId: number,
    status: string,
  ): Promise<{ returnReason: string | null; requestedDocuments: string[]; messages: { at: string; text: string }[] }> {
    const events = (await this.db('submission_events')
      .select('kind', 'to_status', 'text', 'at', 'details')
      .where('submission_id', submissionId)
      .whereIn('kind', ['status', 'message'])
      .orderBy('id')) as { kind: string; to_status: string | null; text: string | null; at: unknown; details: unknown }[];
    const lastReturn = events.filter((e) => e.kind === 'status' && e.to_status === 'returned').at(-1);
    return {
      returnReason: status === 'returned' ? (lastReturn?.text ?? null) : null,
      requestedDocuments:
        status === 'returned' && lastReturn?.details
          ? (jsonColumn<{ requestedDocuments?: string[] }>(lastReturn.details).requestedDocuments ?? [])
          : [],
      messages: events.filter((e) => e.kind === 'message').map((e) => ({ at: isoTimestamp(e.at), text: e.text ?? '' })),
    };
  }

  async findByReference(referenceNumber: string): Promise<SubmissionRow | undefined> {
    return (await this.db('submissions').select(SUMMARY_COLUMNS).where('reference_number', referenceNumber).first()) as
      SubmissionRow | undefined;
  }
}
