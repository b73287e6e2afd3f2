/**
 * An attachment question (`"format": "attachment"`, one file or a list): pick from the photo
 * library or files, or take a photo with the camera (`capture`), see the upload's progress, a
 * preview or the file's name and size, remove or replace it, and errors at the field in plain
 * words (too large, wrong type, too many, virus found, connection lost: try again). The answer
 * holds only the ids the server gave; the files are sent before the check page.
 */
import { getUiOptions, type FieldProps } from '@rjsf/utils';
import { createContext, useContext, useId, useRef, useState } from 'react';
import { acceptAttribute, attachmentOptions, ATTACHMENT_TYPES, formatBytes } from '../../shared/forms/attachments.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { deleteFile, sendFile, uploads, type UploadedFile } from '../uploads.ts';

export interface AttachmentTarget {
  procedureId: string;
  version: number;
  /** A correction of a returned submission: its files live in this tab only. */
  correction: boolean;
}

export const AttachmentContext = createContext<AttachmentTarget | null>(null);

type Pending = { key: string; name: string; share: number; file: File; error: string | null };

/** JSON pointer of the question, list indexes left out (what the upload route expects). */
const questionPointer = (path: (string | number)[]) => `/${path.filter((p) => typeof p === 'string').join('/')}`;

export function AttachmentField(props: FieldProps) {
  const { t, pick, lang } = useI18n();
  const target = useContext(AttachmentContext);
  const schema = props.schema as SchemaNode;
  const options = attachmentOptions(schema)!;
  const list = schema.type === 'array';
  const ids: string[] = list ? ((props.formData as string[] | undefined) ?? []) : props.formData ? [props.formData as string] : [];
  const [files, setFiles] = useState(() => (target ? uploads.files(target.procedureId) : new Map<string, UploadedFile>()));
  const [pending, setPending] = useState<Pending[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const uid = useId();
  const current = useRef(ids);
  current.current = ids;

  const id = props.fieldPathId.$id;
  const ui = getUiOptions(props.uiSchema);
  const title = (ui.title as string | undefined) ?? schema.title ?? props.name;
  const description = (ui.description as string | undefined) ?? schema.description;
  const itemErrors = list
    ? ids.flatMap((_, i) => (props.errorSchema as Record<number, { __errors?: string[] }> | undefined)?.[i]?.__errors ?? [])
    : [];
  const errors = [localError, ...(props.errorSchema?.__errors ?? []), ...itemErrors].filter((e): e is string => Boolean(e));
  const types = options.accept.map((a) => ATTACHMENT_TYPES[a].label).join(lang === 'ja' ? '・' : ', ');
  const photos = options.accept.some((a) => ATTACHMENT_TYPES[a].image);
  const room = options.maxFiles - ids.length - pending.filter((p) => !p.error).length;
  const commit = (next: string[]) => {
    // Uploads finish one after another before React renders again: the next one must see this one.
    current.current = next;
    props.onChange((list ? next : next[0]) as never, props.fieldPathId.path);
  };

  const messageFor = (error: unknown): string => {
    if (error instanceof ApiError && error.status > 0 && error.text.ja) return pick(error.text);
    return t('uploadNetwork');
  };

  const send = (pick1: Pending) => {
    if (!target) return;
    const state = uploads.state(target.procedureId, target.correction);
    const query = new URLSearchParams({ field: questionPointer(props.fieldPathId.path), version: String(target.version) });
    const request = sendFile(
      `/api/procedures/${encodeURIComponent(target.procedureId)}/attachments?${query}`,
      state.token,
      pick1.file,
      (share) => setPending((all) => all.map((p) => (p.key === pick1.key ? { ...p, share } : p))),
    );
    request.done.then(
      (result) => {
        uploads.remember(target.procedureId, target.correction, result, result.thumbnail);
        setFiles(uploads.files(target.procedureId));
        setPending((all) => all.filter((p) => p.key !== pick1.key));
        const replaced = list ? null : current.current[0];
        if (replaced) {
          uploads.forget(target.procedureId, target.correction, replaced);
          void deleteFile(replaced, state.token);
        }
        commit(list ? [...current.current, result.id] : [result.id]);
        setAnnouncement(t('uploadDone', { name: result.name }));
      },
      (error: unknown) => {
        setPending((all) => all.map((p) => (p.key === pick1.key ? { ...p, error: messageFor(error) } : p)));
        setAnnouncement(messageFor(error));
      },
    );
  };

  const choose = (chosen: FileList | null) => {
    setLocalError(null);
    if (!chosen || chosen.length === 0) return;
    const picked = [...chosen];
    if (list && picked.length > room) {
      setLocalError(t('uploadTooMany', { n: options.maxFiles }));
      return;
    }
    const tooLarge = picked.find((f) => f.size > options.maxBytes);
    if (tooLarge) {
      setLocalError(t('uploadTooLarge', { name: tooLarge.name, max: formatBytes(options.maxBytes) }));
      return;
    }
    const next = picked.map((file, i) => ({ key: `${Date.now()}-${i}-${file.name}`, name: file.name, share: 0, file, error: null }));
    setPending((all) => [...all.filter((p) => !p.error), ...next]);
    next.forEach(send);
  };

  const remove = (fileId: string) => {
    if (!target) return;
    const name = files.get(fileId)?.name ?? '';
    uploads.forget(target.procedureId, target.correction, fileId);
    setFiles(uploads.files(target.procedureId));
    // A file of the returned submission itself stays on the server (staff see it as replaced).
    void deleteFile(fileId, uploads.state(target.procedureId, target.correction).token);
    commit(current.current.filter((x) => x !== fileId));
    setAnnouncement(t('uploadRemoved', { name }));
    document.getElementById(`${id}-file`)?.focus();
  };

  const hintId = `${id}__hint`;
  const rulesId = `${id}__rules`;
  const errorId = `${id}__error`;
  return (
    <fieldset
      className={`field attachment${errors.length > 0 ? ' field--error' : ''}`}
      id={id}
      aria-describedby={[description && hintId, rulesId, errors.length > 0 && errorId].filter(Boolean).join(' ')}
    >
      <legend className="field-label">
        {title}
        {(props.required || Number(schema.minItems ?? 0) > 0) && <span className="tag-required">{t('required')}</span>}
      </legend>
      {description && (
        <p id={hintId} className="field-hint">
          {description}
        </p>
      )}
      <p id={rulesId} className="field-hint">
        {t(list ? 'uploadRulesList' : 'uploadRules', { types, max: formatBytes(options.maxBytes), n: options.maxFiles })}
      </p>
      {errors.length > 0 && (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">{t('errorPrefix')}</span>
          {errors.join(' ')}
        </p>
      )}
      {ids.length > 0 && (
        <ul className="attachment-list" aria-label={t('uploadListLabel', { label: title })}>
          {ids.map((fileId, i) => {
            const meta = files.get(fileId);
            const preview = uploads.preview(fileId);
            return (
              <li key={fileId} className="attachment-item" id={list ? `${id}_${i}` : undefined}>
                {preview ? (
                  <img src={preview} alt="" className="attachment-thumb" width={64} height={64} />
                ) : (
                  <span className="attachment-icon" aria-hidden="true">
                    {meta?.mediaType === 'application/pdf' ? 'PDF' : '📄'}
                  </span>
                )}
                <span className="attachment-name">
                  {meta?.name ?? t('uploadUnknownFile')}
                  {meta && <span className="attachment-size">{formatBytes(meta.size)}</span>}
                </span>
                <button type="button" className="button button--link-danger" onClick={() => remove(fileId)}>
                  {t('uploadRemove')}
                  <span className="visually-hidden">{` ${meta?.name ?? fileId}`}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {pending.map((p) => (
        <div key={p.key} className={`attachment-progress${p.error ? ' attachment-progress--failed' : ''}`}>
          <span className="attachment-name">{p.name}</span>
          {p.error ? (
            <>
              <p className="field-error" role="alert">
                {p.error}
              </p>
              <div className="attachment-actions">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    const again = { ...p, error: null, share: 0 };
                    setPending((all) => all.map((x) => (x.key === p.key ? again : x)));
                    send(again);
                  }}
                >
                  {t('uploadRetry')}
                </button>
                <button
                  type="button"
                  className="button button--link"
                  onClick={() => setPending((all) => all.filter((x) => x.key !== p.key))}
                >
                  {t('uploadCancel')}
                </button>
              </div>
            </>
          ) : (
            <progress max={1} value={p.share} aria-label={t('uploadProgress', { name: p.name })} />
          )}
        </div>
      ))}
      {(room > 0 || !list) && (
        <div className="attachment-actions">
          {photos && (
            <span className="file-button">
              <input
                id={`${id}-camera`}
                className="file-input"
                type="file"
                accept="image/*"
                capture="environment"
                onChange={(e) => {
                  choose(e.target.files);
                  e.target.value = '';
                }}
              />
              <label htmlFor={`${id}-camera`} className="button button--secondary">
                {t('uploadCamera')}
              </label>
            </span>
          )}
          <span className="file-button">
            <input
              id={`${id}-file`}
              className="file-input"
              type="file"
              accept={acceptAttribute(options)}
              multiple={list}
              aria-describedby={rulesId}
              onChange={(e) => {
                choose(e.target.files);
                e.target.value = '';
              }}
            />
            <label htmlFor={`${id}-file`} className="button button--secondary">
              {ids.length > 0 && !list ? t('uploadReplace') : t('uploadChoose')}
            </label>
          </span>
        </div>
      )}
      <p className="visually-hidden" aria-live="polite" id={`${uid}-status`}>
        {announcement}
      </p>
    </fieldset>
  );
}
