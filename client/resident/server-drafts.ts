/**
 * Drafts of a signed-in resident kept on the server (PUT/GET /api/my/drafts/:id), so a form
 * started on a phone continues on a PC. Saving is debounced: the last answers of a burst of
 * changes are sent once; a step change sends at once (flush). A failed save is retried with the
 * next change; the browser's own draft (draft.ts) still holds the answers meanwhile.
 */
import type { LocalizedText } from '../../shared/forms/types.ts';
import { ApiError, request } from '../api.ts';
import { residentCsrf } from './session.tsx';

export interface ServerDraft {
  procedureId: string;
  definitionVersion: number;
  currentVersion: number;
  answers: Record<string, unknown>;
  filer?: 'self' | 'proxy';
  updatedAt: string;
  deleteAfter: string;
  newQuestions: LocalizedText[];
}

const DEBOUNCE_MS = 800;
const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; send: () => Promise<void> }>();

function put(id: string, definitionVersion: number, answers: Record<string, unknown>, filer?: 'self' | 'proxy'): Promise<void> {
  return request<unknown>(`/api/my/drafts/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: { 'X-CSRF-Token': residentCsrf() },
    body: JSON.stringify({ definitionVersion, answers, ...(filer ? { filer } : {}) }),
  }).then(
    () => undefined,
    () => undefined, // kept in the browser; the next change tries again
  );
}

export const serverDrafts = {
  /** Saves after a pause in typing. */
  save(id: string, definitionVersion: number, answers: Record<string, unknown>, filer?: 'self' | 'proxy'): void {
    const earlier = pending.get(id);
    if (earlier) clearTimeout(earlier.timer);
    const send = () => {
      pending.delete(id);
      return put(id, definitionVersion, answers, filer);
    };
    pending.set(id, { timer: setTimeout(() => void send(), DEBOUNCE_MS), send });
  },
  /** Sends a waiting save now (on a step change). */
  flush(id: string): Promise<void> {
    const waiting = pending.get(id);
    if (!waiting) return Promise.resolve();
    clearTimeout(waiting.timer);
    return waiting.send();
  },
  /** The resident's draft of this procedure, fitted to the current version; null when there is none. */
  async load(id: string): Promise<ServerDraft | null> {
    // The list first: no 404 in the console for the usual case of no draft.
    const { drafts } = await request<{ drafts: { procedureId: string }[] }>('/api/my/drafts');
    if (!drafts.some((d) => d.procedureId === id)) return null;
    try {
      return await request<ServerDraft>(`/api/my/drafts/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
};
