/**
 * A resident's unfinished answers stay in this browser only as long as they need them: the draft
 * survives a reload, the back button and closing the tab for up to DRAFT_DAYS untouched, then is
 * deleted. 個人番号 and account numbers (shared/forms/sensitive.ts) are never written to storage that
 * outlives the tab: they live in session storage, and a draft that corrects a returned submission
 * (it carries the access code) lives there entirely. The resident can delete a draft from the
 * procedure page. The completion details are kept in session storage for this tab only.
 */
import { mergeSensitive, splitSensitive } from '../shared/forms/sensitive.ts';
import type { LocalizedText, SchemaNode } from '../shared/forms/types.ts';
import type { SubmissionReceipt } from './api.ts';
import { longStorage, tabStorage } from './preview-mode.ts';
import { UPLOADS_PREFIX, uploads } from './uploads.ts';

export const DRAFT_DAYS = 7;

export interface Draft {
  procedureId: string;
  version: number;
  answers: Record<string, unknown>;
  /** Reused for every submit attempt of this draft, so retries never file twice. */
  idempotencyKey?: string;
  /** Set when the draft corrects a submission staff returned (差戻し). */
  correction?: {
    referenceNumber: string;
    accessCode: string;
    verified?: string[];
    /** Staff's reason for returning it and the documents they asked for, shown on every step while correcting. */
    reason?: string;
    documents?: LocalizedText[];
  };
  /** Signed in, where the procedure allows a proxy: filing for oneself or as 代理人 (nothing locked then). */
  filer?: 'self' | 'proxy';
  /** A procedure that needs a signature: the signing request these answers were sent to sign (dropped when a step is saved again). */
  signing?: { id: string };
  updatedAt: string;
}

const PREFIX = 'koganei.draft.';
const draftKey = (id: string) => `${PREFIX}${id}`;
const sensitiveKey = (id: string) => `koganei.draft-sensitive.${id}`;
const completionKey = (id: string) => `koganei.completed.${id}`;

function read<T>(storage: Storage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null; // unreadable or storage disabled: as if there were no draft
  }
}

function write(storage: Storage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the form still works for this page view */
  }
}

function remove(storage: Storage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    /* storage disabled: nothing was kept */
  }
}

const expired = (draft: Pick<Draft, 'updatedAt'>) => Date.now() - new Date(draft.updatedAt).getTime() > DRAFT_DAYS * 86_400_000;

export const drafts = {
  load(id: string): Draft | null {
    const correction = read<Draft>(tabStorage(), draftKey(id));
    if (correction) return correction;
    const draft = read<Draft>(longStorage(), draftKey(id));
    if (!draft) return null;
    if (expired(draft)) {
      drafts.clear(id);
      return null;
    }
    return { ...draft, answers: mergeSensitive(draft.answers, read<Record<string, unknown>>(tabStorage(), sensitiveKey(id)) ?? {}) };
  },
  /** `schema` says which answers are sensitive; a correction draft is kept in this tab only. */
  save(draft: Omit<Draft, 'updatedAt'>, schema: SchemaNode | null): void {
    const updatedAt = new Date().toISOString();
    if (draft.correction || !schema) {
      write(tabStorage(), draftKey(draft.procedureId), { ...draft, updatedAt });
      remove(longStorage(), draftKey(draft.procedureId));
      return;
    }
    const { kept, sensitive } = splitSensitive(schema, draft.answers);
    write(longStorage(), draftKey(draft.procedureId), { ...draft, answers: kept, updatedAt });
    write(tabStorage(), sensitiveKey(draft.procedureId), sensitive);
  },
  clear(id: string): void {
    uploads.clear(id);
    remove(longStorage(), draftKey(id));
    remove(tabStorage(), draftKey(id));
    remove(tabStorage(), sensitiveKey(id));
  },
  saveCompletion: (receipt: SubmissionReceipt) => write(tabStorage(), completionKey(receipt.procedureId), receipt),
  loadCompletion: (id: string) => read<SubmissionReceipt>(tabStorage(), completionKey(id)),
};

/** Deletes every draft left untouched for more than DRAFT_DAYS (run when the app starts). */
export function sweepDrafts(): void {
  try {
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith(PREFIX))) {
      const draft = read<Draft>(localStorage, key);
      if (!draft || expired(draft)) remove(localStorage, key);
    }
    // The names of a draft's files go with the draft.
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith(UPLOADS_PREFIX))) {
      if (localStorage.getItem(draftKey(key.slice(UPLOADS_PREFIX.length))) === null) uploads.clear(key.slice(UPLOADS_PREFIX.length));
    }
  } catch {
    /* storage disabled: nothing was kept */
  }
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
