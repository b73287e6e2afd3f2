/**
 * A resident's unfinished answers live in this browser's localStorage until the submission is
 * acknowledged (so they survive a reload, the back button and closing the tab), then are removed.
 * The completion details are kept in sessionStorage for this tab only.
 */
import type { SubmissionReceipt } from './api.ts';

export interface Draft {
  procedureId: string;
  version: number;
  answers: Record<string, unknown>;
  /** Reused for every submit attempt of this draft, so retries never file twice. */
  idempotencyKey?: string;
  /** Set when the draft corrects a submission staff returned (差戻し). */
  correction?: { referenceNumber: string; accessCode: string };
  updatedAt: string;
}

const draftKey = (id: string) => `koganei.draft.${id}`;
const completionKey = (id: string) => `koganei.completed.${id}`;

function read<T>(storage: Storage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(storage: Storage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the form still works for this page view */
  }
}

export const drafts = {
  load: (id: string) => read<Draft>(localStorage, draftKey(id)),
  save: (draft: Omit<Draft, 'updatedAt'>) =>
    write(localStorage, draftKey(draft.procedureId), { ...draft, updatedAt: new Date().toISOString() }),
  clear: (id: string) => localStorage.removeItem(draftKey(id)),
  saveCompletion: (receipt: SubmissionReceipt) => write(sessionStorage, completionKey(receipt.procedureId), receipt),
  loadCompletion: (id: string) => read<SubmissionReceipt>(sessionStorage, completionKey(id)),
};

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
