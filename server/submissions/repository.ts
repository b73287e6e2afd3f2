/** Storage of submissions (knex; SQLite or PostgreSQL). */
import type { Knex } from 'knex';
import { isoTimestamp, uniqueViolation } from '../db/connection.ts';

export interface NewSubmission {
  referenceNumber: string;
  procedureId: string;
  definitionVersion: number;
  definitionSha256: string;
  answers: unknown;
  answersSha256: string;
  accessCodeHash: string;
  idempotencyKeyHash: string | null;
  submittedAt: string;
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
  submitted_at: unknown;
  updated_at: unknown;
}

export type InsertResult = { inserted: true } | { inserted: false; conflict: 'reference_number' | 'idempotency_key' };

const SUMMARY_COLUMNS = ['id', 'reference_number', 'procedure_id', 'definition_version', 'definition_sha256', 'answers_sha256', 'status', 'access_code_hash', 'submitted_at', 'updated_at'];

export class SubmissionRepository {
  constructor(private readonly db: Knex) {}

  /** One INSERT: the row is stored whole or not at all. */
  async insert(s: NewSubmission): Promise<InsertResult> {
    try {
      await this.db('submissions').insert({
        reference_number: s.referenceNumber,
        procedure_id: s.procedureId,
        definition_version: s.definitionVersion,
        definition_sha256: s.definitionSha256,
        answers: JSON.stringify(s.answers),
        answers_sha256: s.answersSha256,
        status: 'submitted',
        access_code_hash: s.accessCodeHash,
        idempotency_key_hash: s.idempotencyKeyHash,
        submitted_at: s.submittedAt,
        updated_at: s.submittedAt,
      });
      return { inserted: true };
    } catch (error) {
      const column = uniqueViolation(error);
      if (column === null) throw error;
      return { inserted: false, conflict: column.includes('idempotency') ? 'idempotency_key' : 'reference_number' };
    }
  }

  async findByIdempotencyKey(keyHash: string): Promise<SubmissionRow | undefined> {
    return (await this.db('submissions').select(SUMMARY_COLUMNS).where('idempotency_key_hash', keyHash).first()) as SubmissionRow | undefined;
  }

  async findByReference(referenceNumber: string): Promise<SubmissionRow | undefined> {
    return (await this.db('submissions').select(SUMMARY_COLUMNS).where('reference_number', referenceNumber).first()) as SubmissionRow | undefined;
  }
}

export { isoTimestamp };
