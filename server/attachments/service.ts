/**
 * Attachments from upload to submission. A resident's browser makes a random draft token; each
 * upload names the procedure, the question and the token (its HMAC is stored, never the token).
 * The bytes are received to a temporary file, their type read from the bytes, scanned by clamd,
 * cleaned (photos) and stored. A submission may use only ids uploaded for its own draft token and
 * question and not used before; they are claimed in the submission's own transaction. Files never
 * attached are deleted after 24 hours.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Request } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import {
  acceptedMediaTypes,
  ATTACHMENT_TYPES,
  attachmentIdsIn,
  attachmentOptions,
  attachmentQuestions,
  MAX_BYTES_LIMIT,
  type AttachmentMeta,
  type AttachmentOptions,
} from '../../shared/forms/attachments.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';
import type { FieldError } from '../../shared/forms/messages.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { cleanImage, ConverterMissing, detectType, storedName, UnreadableFile } from './content.ts';
import { discard, receiveFile, type ReceivedFile } from './receive.ts';
import { ScanError, type Scanner } from './scanner.ts';
import type { AttachmentStore } from './store.ts';

/** Uploads not attached to a submission within this time are deleted. */
export const UNATTACHED_HOURS = 24;
/** At most this many files waiting per draft, whatever the questions allow (storage abuse). */
const MAX_PENDING_PER_DRAFT = 60;

export const DRAFT_TOKEN = /^[A-Za-z0-9_-]{32,128}$/u;

export interface UploadedAttachment extends AttachmentMeta {
  sha256: string;
  scan: 'clean' | 'not_scanned';
  /** A small JPEG preview of a photo (data URL), for the resident's own page only. */
  thumbnail: string | null;
}

/** What a submission claims in its transaction. */
export interface AttachmentClaim {
  ids: string[];
  tokenHash: string;
}

export interface StoredAttachment extends AttachmentMeta {
  submissionId: number;
  field: string;
  sha256: string;
  scan: string;
  hasThumbnail: boolean;
  replaced: boolean;
  attachedAt: string | null;
}

interface Row {
  id: string;
  procedure_id: string;
  field_pointer: string;
  draft_token_hash: string;
  submission_id: number | null;
  name: string;
  media_type: string;
  size: number | string;
  sha256: string;
  scan_status: string;
  thumbnail?: Buffer | null;
  attached_at: unknown;
  replaced_at: unknown;
}

const META_COLUMNS = [
  'id',
  'procedure_id',
  'field_pointer',
  'draft_token_hash',
  'submission_id',
  'name',
  'media_type',
  'size',
  'sha256',
  'scan_status',
  'attached_at',
  'replaced_at',
];

const toStored = (r: Row & { has_thumbnail?: unknown }): StoredAttachment => ({
  id: r.id,
  submissionId: Number(r.submission_id),
  field: r.field_pointer,
  name: r.name,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  scan: r.scan_status,
  hasThumbnail: Boolean(r.has_thumbnail),
  replaced: r.replaced_at !== null && r.replaced_at !== undefined,
  attachedAt: r.attached_at ? isoTimestamp(r.attached_at) : null,
});

export interface AttachmentSettings {
  secret: string;
  /** heif-convert (Debian's libheif-examples); without it HEIC photos are refused with a clear message. */
  heifConvert: string;
}

export class AttachmentService {
  constructor(
    private readonly db: Knex,
    private readonly catalog: Catalog,
    private readonly store: AttachmentStore,
    private readonly scanner: Scanner,
    private readonly settings: AttachmentSettings,
    private readonly logger: Logger,
  ) {}

  tokenHash(token: string): string {
    return createHmac('sha256', this.settings.secret).update(`draft-token:${token}`).digest('hex');
  }

  /** The attachment question `field` of the procedure's version (the current one by default). */
  private question(procedureId: string, version: number | undefined, field: string): AttachmentOptions {
    const current = this.catalog.current(procedureId);
    if (!current) throw Errors.procedureNotFound();
    if (!current.definition.published) throw Errors.procedureNotPublished();
    const compiled = version === undefined ? current : this.catalog.version(procedureId, version);
    if (!compiled) throw Errors.unknownVersion();
    const found = attachmentQuestions(compiled.definition.schema).find((q) => q.pointer === field);
    const options = attachmentOptions(found?.node);
    if (!options) throw Errors.attachmentQuestionUnknown();
    return options;
  }

  async upload(
    input: { procedureId: string; version: number | undefined; field: string; draftToken: string },
    req: Request,
  ): Promise<UploadedAttachment> {
    const options = this.question(input.procedureId, input.version, input.field);
    const tokenHash = this.tokenHash(input.draftToken);
    await this.checkRoom(tokenHash, input.field, options.maxFiles);
    let received: ReceivedFile | null = null;
    try {
      received = await receiveFile(req, Math.min(options.maxBytes, MAX_BYTES_LIMIT));
      return await this.keep(received, input, options, tokenHash);
    } finally {
      await discard(received);
    }
  }

  private async checkRoom(tokenHash: string, field: string, maxFiles: number): Promise<void> {
    const rows = (await this.db('attachments')
      .select('field_pointer')
      .where({ draft_token_hash: tokenHash })
      .whereNull('submission_id')) as { field_pointer: string }[];
    if (rows.length >= MAX_PENDING_PER_DRAFT || rows.filter((r) => r.field_pointer === field).length >= maxFiles)
      throw Errors.attachmentTooMany(maxFiles);
  }

  private async keep(
    file: ReceivedFile,
    input: { procedureId: string; field: string },
    options: AttachmentOptions,
    tokenHash: string,
  ): Promise<UploadedAttachment> {
    const detected = await detectType(file.path);
    if (!detected.type || !acceptedMediaTypes(options).includes(ATTACHMENT_TYPES[detected.type].mediaType))
      throw Errors.attachmentTypeNotAllowed(options.accept.map((t) => ATTACHMENT_TYPES[t].label));
    // Scanned as uploaded, before anything else reads the bytes.
    let scan: 'clean' | 'not_scanned';
    try {
      const result = await this.scanner.scanFile(file.path);
      if (result.status === 'infected') {
        this.logger.warn({ signature: result.signature, procedureId: input.procedureId }, 'infected upload refused');
        throw Errors.attachmentInfected();
      }
      scan = result.status;
    } catch (error) {
      if (error instanceof ScanError) {
        this.logger.error({ err: error }, 'virus scanner unavailable');
        throw Errors.scanUnavailable();
      }
      throw error;
    }
    const image = ATTACHMENT_TYPES[detected.type].image;
    let cleaned: Awaited<ReturnType<typeof cleanImage>> | null = null;
    if (image) {
      try {
        cleaned = await cleanImage(file.path, detected.type, this.settings.heifConvert);
      } catch (error) {
        if (error instanceof UnreadableFile) throw Errors.attachmentUnreadable();
        if (error instanceof ConverterMissing) throw Errors.heicUnsupported();
        throw error;
      }
    }
    const mediaType = cleaned?.mediaType ?? ATTACHMENT_TYPES[detected.type].mediaType;
    const id = `att_${randomBytes(16).toString('base64url')}`;
    const hash = createHash('sha256');
    let size = 0;
    const counted = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    };
    const name = storedName(file.name, mediaType);
    let sha256 = '';
    await this.db.transaction(async (trx) => {
      await trx('attachments').insert({
        id,
        procedure_id: input.procedureId,
        field_pointer: input.field,
        draft_token_hash: tokenHash,
        submission_id: null,
        name,
        media_type: mediaType,
        original_media_type: ATTACHMENT_TYPES[detected.type!].mediaType,
        size: 0,
        sha256: '',
        scan_status: scan,
        thumbnail: cleaned?.thumbnail ?? null,
        width: cleaned?.width ?? null,
        height: cleaned?.height ?? null,
        created_at: isoTimestamp(new Date()),
      });
      const source: AsyncIterable<Buffer> = cleaned
        ? (async function* () {
            yield cleaned.data;
          })()
        : (createReadStream(file.path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>);
      await this.store.write(trx, id, counted(source));
      sha256 = hash.digest('hex');
      await trx('attachments').where({ id }).update({ size, sha256 });
    });
    return {
      id,
      name,
      mediaType,
      size,
      sha256,
      scan,
      thumbnail: cleaned ? `data:image/jpeg;base64,${cleaned.thumbnail.toString('base64')}` : null,
    };
  }

  /** Removes a file the resident uploaded and has not submitted yet (404 otherwise: not told apart). */
  async remove(id: string, draftToken: string): Promise<void> {
    const deleted = await this.db('attachments')
      .where({ id, draft_token_hash: this.tokenHash(draftToken) })
      .whereNull('submission_id')
      .delete();
    if (deleted === 0) throw Errors.attachmentNotFound();
  }

  /**
   * Checks the attachment answers of a submission (or a correction of `submissionId`): each id
   * uploaded for this draft token and this question, none twice. Returns what to claim, or null
   * when the answers hold no new file. Throws 422 with one message per field.
   */
  async check(
    schema: SchemaNode,
    procedureId: string,
    answers: unknown,
    draftToken: string | undefined,
    submissionId: number | null = null,
  ): Promise<AttachmentClaim | null> {
    const used = attachmentIdsIn(schema, answers);
    if (used.length === 0) return null;
    const rows = (await this.db('attachments')
      .select(META_COLUMNS)
      .whereIn(
        'id',
        used.map((u) => u.id),
      )) as Row[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const tokenHash = draftToken ? this.tokenHash(draftToken) : null;
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    const fresh: string[] = [];
    for (const u of used) {
      const row = byId.get(u.id);
      const own =
        submissionId !== null &&
        row?.submission_id !== null &&
        row?.submission_id !== undefined &&
        Number(row.submission_id) === Number(submissionId);
      if (seen.has(u.id)) problems.push(Errors.attachmentUsed(u.pointer));
      else if (row && own && row.field_pointer === u.field) {
        /* kept from the submission being corrected */
      } else if (!row || row.procedure_id !== procedureId || row.field_pointer !== u.field || row.draft_token_hash !== tokenHash)
        problems.push(Errors.attachmentMissing(u.pointer));
      else if (row.submission_id !== null) problems.push(Errors.attachmentUsed(u.pointer));
      else fresh.push(u.id);
      seen.add(u.id);
    }
    if (problems.length > 0) throw Errors.validation(problems);
    return fresh.length > 0 && tokenHash ? { ids: fresh, tokenHash } : null;
  }

  /** Attaches the files in the submission's transaction; refuses when another request took one first. */
  async claim(trx: Knex.Transaction, submissionId: number, claim: AttachmentClaim): Promise<void> {
    const updated = await trx('attachments')
      .whereIn('id', claim.ids)
      .where({ draft_token_hash: claim.tokenHash })
      .whereNull('submission_id')
      .update({ submission_id: submissionId, attached_at: isoTimestamp(new Date()) });
    if (updated !== claim.ids.length) throw Errors.validation([Errors.attachmentUsed('')]);
  }

  /** After a correction: files no longer in the answers are marked replaced (kept for the record). */
  async markReplaced(trx: Knex.Transaction, submissionId: number, schema: SchemaNode, answers: unknown): Promise<void> {
    const kept = attachmentIdsIn(schema, answers).map((u) => u.id);
    const q = trx('attachments').where({ submission_id: submissionId }).whereNull('replaced_at');
    if (kept.length > 0) q.whereNotIn('id', kept);
    await q.update({ replaced_at: isoTimestamp(new Date()) });
  }

  /** One stored file of a submission in the staff member's department, or 404. */
  async forDepartment(id: string, departmentId: string | null): Promise<StoredAttachment & { referenceNumber: string }> {
    const row = (await this.db('attachments as a')
      .join('submissions as s', 's.id', 'a.submission_id')
      .select(...META_COLUMNS.map((c) => `a.${c}`), 's.reference_number', this.db.raw('a.thumbnail is not null as has_thumbnail'))
      .where({ 'a.id': id, 's.department_id': departmentId ?? '' })
      .first()) as (Row & { reference_number: string; has_thumbnail: unknown }) | undefined;
    if (!row) throw Errors.attachmentNotFound();
    return { ...toStored(row), referenceNumber: row.reference_number };
  }

  read(id: string): AsyncIterable<Buffer> {
    return this.store.read(id);
  }

  async thumbnail(id: string): Promise<Buffer | null> {
    const row = (await this.db('attachments').select('thumbnail').where({ id }).first()) as { thumbnail: Buffer | null } | undefined;
    return row?.thumbnail ? Buffer.from(row.thumbnail) : null;
  }
}

/** Deletes uploads never attached to a submission within UNATTACHED_HOURS (housekeeping); their chunks go by ON DELETE CASCADE. */
export function removeUnattachedUploads(db: Knex, now = new Date()): Promise<number> {
  const before = isoTimestamp(new Date(now.getTime() - UNATTACHED_HOURS * 3_600_000));
  return db('attachments').whereNull('submission_id').where('created_at', '<', before).delete();
}

/** Every file of a submission (replaced ones too), in the order they were attached. */
export async function attachmentsOf(db: Knex | Knex.Transaction, submissionId: number): Promise<StoredAttachment[]> {
  const rows = (await db('attachments')
    .select(...META_COLUMNS, db.raw('thumbnail is not null as has_thumbnail'))
    .where({ submission_id: submissionId })
    .orderBy([{ column: 'attached_at' }, { column: 'id' }])) as (Row & { has_thumbnail: unknown })[];
  return rows.map(toStored);
}

/** Names and sizes by id, for summaries of the answers. */
export const attachmentMetaMap = (files: readonly AttachmentMeta[]): Map<string, AttachmentMeta> => new Map(files.map((f) => [f.id, f]));

/** Names and sizes of the files of many submissions (the queue CSV), read 500 submissions at a time. */
export async function attachmentMetaOf(db: Knex, submissionIds: number[]): Promise<Map<string, AttachmentMeta>> {
  const files = new Map<string, AttachmentMeta>();
  for (let i = 0; i < submissionIds.length; i += 500) {
    const found = (await db('attachments')
      .select('id', 'name', 'media_type', 'size')
      .whereIn('submission_id', submissionIds.slice(i, i + 500))) as {
      id: string;
      name: string;
      media_type: string;
      size: number | string;
    }[];
    for (const f of found) files.set(f.id, { id: f.id, name: f.name, mediaType: f.media_type, size: Number(f.size) });
  }
  return files;
}
