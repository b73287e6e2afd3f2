/**
 * Attachment questions (`"format": "attachment"`): the answer is the id of a file the resident
 * uploaded for this draft, or a list of them. Options live in `x-attachment` on the answer node
 * (the string, or the array of strings): accepted types from a fixed list, the largest file, and
 * for a list the most files. Used by forms:check, the upload route, the form widget and summaries.
 */
import { pointerSegments, propertySchemas, toPointer } from './schema-walk.ts';
import type { LocalizedText, SchemaNode } from './types.ts';

export const ATTACHMENT_FORMAT = 'attachment';
/** att_ + 22 base64url characters: 128 random bits. */
export const ATTACHMENT_ID = /^att_[A-Za-z0-9_-]{22}$/u;

/** The only types a definition may accept, by the name authors write and the media type detected. */
export const ATTACHMENT_TYPES = {
  jpeg: { mediaType: 'image/jpeg', label: 'JPEG', image: true },
  png: { mediaType: 'image/png', label: 'PNG', image: true },
  heic: { mediaType: 'image/heic', label: 'HEIC', image: true },
  pdf: { mediaType: 'application/pdf', label: 'PDF', image: false },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_TYPE_NAMES = Object.keys(ATTACHMENT_TYPES) as AttachmentType[];

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** No definition may accept larger files than this (the upload route's hard limit). */
export const MAX_BYTES_LIMIT = 20 * 1024 * 1024;
export const MAX_FILES_LIMIT = 20;

export interface AttachmentOptions {
  accept: AttachmentType[];
  maxBytes: number;
  maxFiles: number;
}

interface RawOptions {
  accept?: unknown;
  maxBytes?: unknown;
  maxFiles?: unknown;
}

export const isAttachmentString = (node: SchemaNode | undefined): boolean =>
  node !== undefined && node.type === 'string' && node.format === ATTACHMENT_FORMAT;

/** An attachment question: a string with the format, or a list of them. */
export const isAttachmentQuestion = (node: SchemaNode | undefined): boolean =>
  isAttachmentString(node) || (node?.type === 'array' && isAttachmentString(node.items));

/** The options of an attachment question (defaults filled in); null when the node is not one. */
export function attachmentOptions(node: SchemaNode | undefined): AttachmentOptions | null {
  if (!node || !isAttachmentQuestion(node)) return null;
  const raw = ((node['x-attachment'] ?? node.items?.['x-attachment'] ?? {}) as RawOptions) || {};
  const accept = Array.isArray(raw.accept)
    ? raw.accept.filter((t): t is AttachmentType => ATTACHMENT_TYPE_NAMES.includes(t as AttachmentType))
    : ATTACHMENT_TYPE_NAMES;
  const list = node.type === 'array';
  return {
    accept,
    maxBytes: typeof raw.maxBytes === 'number' ? raw.maxBytes : DEFAULT_MAX_BYTES,
    maxFiles: list ? (typeof raw.maxFiles === 'number' ? raw.maxFiles : (node.maxItems ?? 1)) : 1,
  };
}

export const acceptedMediaTypes = (options: AttachmentOptions): string[] => options.accept.map((t) => ATTACHMENT_TYPES[t].mediaType);

/** The `accept` attribute of the file input: media types plus extensions (some phones only know .heic). */
export const acceptAttribute = (options: AttachmentOptions): string =>
  options.accept
    .flatMap((t) => [ATTACHMENT_TYPES[t].mediaType, `.${t === 'jpeg' ? 'jpg' : t}`, ...(t === 'jpeg' ? ['.jpeg'] : [])])
    .join(',');

/** Every attachment question of a schema, by its field pointer (list indexes left out). */
const questionCache = new WeakMap<SchemaNode, { pointer: string; node: SchemaNode }[]>();

export function attachmentQuestions(root: SchemaNode): { pointer: string; node: SchemaNode }[] {
  const cached = questionCache.get(root);
  if (cached) return cached;
  const found: { pointer: string; node: SchemaNode }[] = [];
  const visit = (node: SchemaNode, path: string[], depth: number) => {
    if (depth > 12) return;
    if (isAttachmentQuestion(node)) {
      found.push({ pointer: toPointer(path), node });
      return;
    }
    if (node.type === 'object') for (const [key, child] of propertySchemas(node)) visit(child, [...path, key], depth + 1);
    else if (node.type === 'array' && node.items) visit(node.items, path, depth + 1);
  };
  visit(root, [], 0);
  questionCache.set(root, found);
  return found;
}

/** The field pointer of a data pointer: list indexes removed (/children/0/card -> /children/card). */
export const fieldPointerOf = (dataPointer: string): string => toPointer(pointerSegments(dataPointer).filter((s) => !/^\d+$/u.test(s)));

/** Every attachment id in the answers, with the data pointer where it stands. */
export function attachmentIdsIn(root: SchemaNode, answers: unknown): { pointer: string; field: string; id: string }[] {
  const found: { pointer: string; field: string; id: string }[] = [];
  const visit = (node: SchemaNode, value: unknown, path: (string | number)[], depth: number) => {
    if (depth > 12 || value === undefined || value === null) return;
    if (isAttachmentString(node)) {
      if (typeof value === 'string') found.push({ pointer: toPointer(path), field: fieldPointerOf(toPointer(path)), id: value });
      return;
    }
    if (node.type === 'object' && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of propertySchemas(node)) visit(child, (value as Record<string, unknown>)[key], [...path, key], depth + 1);
    } else if (node.type === 'array' && node.items && Array.isArray(value)) {
      value.forEach((item, i) => visit(node.items!, item, [...path, i], depth + 1));
    }
  };
  visit(root, answers, [], 0);
  return found;
}

/** JPEG, PNG or PDF: how a stored file's type is named on pages and receipts. */
export const mediaTypeLabel = (mediaType: string): string =>
  Object.values(ATTACHMENT_TYPES).find((t) => t.mediaType === mediaType)?.label ?? mediaType;

/** What summaries show of a stored file. */
export interface AttachmentMeta {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}

/** 1.2 MB / 340 KB, as people read sizes. */
export function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(size / 1024))} KB`;
}

export function describeAttachment(meta: AttachmentMeta | undefined, id: string): LocalizedText {
  if (!meta) return { ja: `ファイル（${id}）`, en: `File (${id})` };
  return { ja: `${meta.name}（${formatBytes(meta.size)}）`, en: `${meta.name} (${formatBytes(meta.size)})` };
}
