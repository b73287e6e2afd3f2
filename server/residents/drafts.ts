/**
 * Drafts of signed-in residents, kept on the server so a form started on a phone can be finished
 * on a PC: one per procedure per resident, sealed with AES-256-GCM (answers hold personal data),
 * deleted on submission or after RESIDENT_DRAFT_DAYS untouched (the resident sees the date). A
 * draft pinned to a definition version that has changed opens with the answers that still fit
 * the current version, and says which questions are new (fit.ts).
 */
import type { Knex } from 'knex';
import type { LocalizedText } from '../../shared/forms/types.ts';
import { open, seal } from '../auth/secret-box.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { fitAnswers } from './fit.ts';

export interface DraftContent {
  answers: Record<string, unknown>;
  idempotencyKey?: string;
  uploadToken?: string;
  filer?: 'self' | 'proxy';
}

export interface DraftSummary {
  procedureId: string;
  title: LocalizedText;
  definitionVersion: number;
  updatedAt: string;
  deleteAfter: string;
}

export interface DraftView extends DraftSummary, DraftContent {
  /** The version the answers are for now (the current one); differs from the saved one when the form changed. */
  currentVersion: number;
  newQuestions: LocalizedText[];
  droppedAnswers: LocalizedText[];
}

interface Row {
  procedure_id: string;
  definition_version: number;
  content: string;
  updated_at: unknown;
}

export class ResidentDrafts {
  constructor(
    private readonly db: Knex,
    private readonly key: Buffer,
    private readonly catalog: Catalog,
    private readonly days: number,
  ) {}

  private summary(row: Row): DraftSummary {
    const updated = new Date(isoTimestamp(row.updated_at));
    return {
      procedureId: row.procedure_id,
      title: this.catalog.current(row.procedure_id)?.definition.title ?? { ja: row.procedure_id, en: row.procedure_id },
      definitionVersion: Number(row.definition_version),
      updatedAt: updated.toISOString(),
      deleteAfter: new Date(updated.getTime() + this.days * 86_400_000).toISOString(),
    };
  }

  async list(subjectHash: string): Promise<DraftSummary[]> {
    const rows = (await this.db('resident_drafts')
      .where('subject_hash', subjectHash)
      .select('procedure_id', 'definition_version', 'content', 'updated_at')
      .orderBy('updated_at', 'desc')) as Row[];
    return rows.map((r) => this.summary(r));
  }

  async get(subjectHash: string, procedureId: string): Promise<DraftView> {
    const row = (await this.db('resident_drafts').where({ subject_hash: subjectHash, procedure_id: procedureId }).first()) as
      Row | undefined;
    const current = this.catalog.current(procedureId);
    if (!row || !current) throw Errors.draftNotFound();
    const content = JSON.parse(open(this.key, row.content)) as DraftContent;
    const saved = this.catalog.version(procedureId, Number(row.definition_version));
    const fitted = fitAnswers(saved?.definition.schema ?? null, current, content.answers);
    return { ...this.summary(row), ...content, answers: fitted.answers, currentVersion: current.definition.version, ...fitted.report };
  }

  async save(subjectHash: string, procedureId: string, version: number, content: DraftContent): Promise<DraftSummary> {
    const current = this.catalog.current(procedureId);
    if (!current?.definition.published) throw Errors.procedureNotFound();
    if (!this.catalog.version(procedureId, version)) throw Errors.unknownVersion();
    const now = isoTimestamp(new Date());
    const row = {
      subject_hash: subjectHash,
      procedure_id: procedureId,
      definition_version: version,
      content: seal(this.key, JSON.stringify(content)),
      created_at: now,
      updated_at: now,
    };
    await this.db('resident_drafts')
      .insert(row)
      .onConflict(['subject_hash', 'procedure_id'])
      .merge(['definition_version', 'content', 'updated_at']);
    return this.summary({ procedure_id: procedureId, definition_version: version, content: row.content, updated_at: now });
  }

  async delete(subjectHash: string, procedureId: string): Promise<boolean> {
    return (await this.db('resident_drafts').where({ subject_hash: subjectHash, procedure_id: procedureId }).delete()) > 0;
  }
}

/** Housekeeping: drafts untouched for `days`. */
export async function removeStaleDrafts(db: Knex, days: number, now = new Date()): Promise<number> {
  return db('resident_drafts')
    .where('updated_at', '<=', isoTimestamp(new Date(now.getTime() - days * 86_400_000)))
    .delete();
}
