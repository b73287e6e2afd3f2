/**
 * Files a resident attached to a draft: the draft token they were uploaded with (a random value
 * the server knows only as an HMAC) and the names and sizes to show, kept with the draft's own
 * lifetime (localStorage, or session storage for a correction). Previews (small JPEGs) are kept
 * for this tab only. Uploading goes through XMLHttpRequest for its progress events.
 */
import type { AttachmentMeta } from '../shared/forms/attachments.ts';
import type { LocalizedText } from '../shared/forms/types.ts';
import { ApiError } from './api.ts';
import { longStorage, previewMode, tabStorage } from './preview-mode.ts';

export interface UploadedFile extends AttachmentMeta {
  scan: string;
}

interface Stored {
  token: string;
  files: Record<string, UploadedFile>;
  updatedAt: string;
}

export const UPLOADS_PREFIX = 'koganei.uploads.';
const key = (procedureId: string) => `${UPLOADS_PREFIX}${procedureId}`;
const thumbKey = (id: string) => `koganei.upload-preview.${id}`;

function read(storage: Storage, k: string): Stored | null {
  try {
    const raw = storage.getItem(k);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

function write(storage: Storage, k: string, value: unknown): void {
  try {
    storage.setItem(k, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the files stay attached on the server for this page view */
  }
}

const newToken = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/gu, '-')
    .replace(/\//gu, '_')
    .replace(/=+$/u, '');
};

function storageFor(correction: boolean): Storage {
  return correction ? tabStorage() : longStorage();
}

export const uploads = {
  /** This draft's state, made (with a fresh token) on first use. */
  state(procedureId: string, correction: boolean): Stored {
    const storage = storageFor(correction);
    const existing = read(storage, key(procedureId));
    if (existing) return existing;
    const fresh = { token: newToken(), files: {}, updatedAt: new Date().toISOString() };
    write(storage, key(procedureId), fresh);
    return fresh;
  },
  /** The token to send with the submission, or undefined when nothing was uploaded for this draft. */
  token(procedureId: string): string | undefined {
    return (read(tabStorage(), key(procedureId)) ?? read(longStorage(), key(procedureId)))?.token;
  },
  remember(procedureId: string, correction: boolean, file: UploadedFile, preview: string | null): void {
    const state = uploads.state(procedureId, correction);
    state.files[file.id] = { id: file.id, name: file.name, mediaType: file.mediaType, size: file.size, scan: file.scan };
    write(storageFor(correction), key(procedureId), { ...state, updatedAt: new Date().toISOString() });
    if (preview) write(tabStorage(), thumbKey(file.id), preview);
  },
  /** Files shown for a correction: the ones already attached to the returned submission. */
  seed(procedureId: string, files: AttachmentMeta[]): void {
    const state = uploads.state(procedureId, true);
    for (const f of files) state.files[f.id] = { ...f, scan: 'clean' };
    write(tabStorage(), key(procedureId), state);
  },
  forget(procedureId: string, correction: boolean, id: string): void {
    const state = uploads.state(procedureId, correction);
    delete state.files[id];
    write(storageFor(correction), key(procedureId), state);
    try {
      tabStorage().removeItem(thumbKey(id));
    } catch {
      /* nothing was kept */
    }
  },
  files(procedureId: string): Map<string, UploadedFile> {
    const state = read(tabStorage(), key(procedureId)) ?? read(longStorage(), key(procedureId));
    return new Map(Object.entries(state?.files ?? {}));
  },
  preview(id: string): string | null {
    try {
      const raw = tabStorage().getItem(thumbKey(id));
      return raw ? (JSON.parse(raw) as string) : null;
    } catch {
      return null;
    }
  },
  clear(procedureId: string): void {
    for (const storage of [longStorage(), tabStorage()]) {
      try {
        const state = read(storage, key(procedureId));
        for (const id of Object.keys(state?.files ?? {})) tabStorage().removeItem(thumbKey(id));
        storage.removeItem(key(procedureId));
      } catch {
        /* storage disabled: nothing was kept */
      }
    }
  },
};

export interface UploadResult extends UploadedFile {
  sha256: string;
  thumbnail: string | null;
}

/** Sends one file; `onProgress` gets 0..1. Rejects with ApiError (status 0 and NETWORK when the connection failed). */
export function sendFile(
  url: string,
  token: string,
  file: File,
  onProgress: (share: number) => void,
): { done: Promise<UploadResult>; abort: () => void } {
  if (previewMode.id()) return { done: Promise.resolve(previewFile(file)), abort: () => undefined };
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadResult>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('X-Draft-Token', token);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { error?: { code: string; message: LocalizedText } } | null;
      if (xhr.status === 201) return resolve(body as unknown as UploadResult);
      const e = body?.error;
      reject(new ApiError(xhr.status, e?.code ?? 'NETWORK', e?.message ?? { ja: '', en: '' }));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', { ja: '', en: '' }));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', { ja: '', en: '' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** In a staff preview nothing is uploaded: the file is only named, under an id of the right shape. */
function previewFile(file: File): UploadResult {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const random = crypto.getRandomValues(new Uint8Array(22));
  const id = `att_${[...random].map((b) => letters[b % letters.length]).join('')}`;
  const mediaType = file.type === 'application/pdf' ? 'application/pdf' : file.type === 'image/png' ? 'image/png' : 'image/jpeg';
  return { id, name: file.name, mediaType, size: file.size, sha256: '', scan: 'not_scanned', thumbnail: null };
}

/** Removes a file not yet submitted (best effort: the server deletes unattached files after 24 hours anyway). */
export function deleteFile(id: string, token: string): Promise<void> {
  if (previewMode.id()) return Promise.resolve();
  return fetch(`/api/attachments/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'X-Draft-Token': token } }).then(
    () => undefined,
    () => undefined,
  );
}
