/** Loads a procedure (a given version when resuming a draft) and its precompiled validator, once per page load. */
import type { ValidatorType } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import type { ProcedureView } from '../shared/forms/types.ts';
import { api } from './api.ts';
import { previewMode } from './preview-mode.ts';

export interface LoadedProcedure {
  procedure: ProcedureView;
  validator: ValidatorType;
}

const cache = new Map<string, Promise<LoadedProcedure>>();

export function loadProcedure(id: string, version?: number): Promise<LoadedProcedure> {
  // In a staff preview, the preview's definition (whatever its id or version).
  const preview = previewMode.id();
  const key = preview ? `preview:${preview}` : `${id}@${version ?? 'current'}`;
  let pending = cache.get(key);
  if (!pending) {
    const loading = preview ? api.getPreview(preview) : api.getProcedure(id, version);
    pending = loading.then(async (procedure) => {
      const { loadRootValidator } = await import('./form/step-validator.ts');
      return { procedure, validator: await loadRootValidator(procedure.validatorUrl, procedure.schema) };
    });
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: unknown; retry: () => void } | { state: 'ready'; value: T };

/** `keepPrevious`: while reloading, keep showing what was loaded (no flash, nothing unmounted). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], options: { keepPrevious?: boolean } = {}): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => (options.keepPrevious && previous.state === 'ready' ? previous : { state: 'loading' }));
    // A loader that throws before returning its promise fails the same way as one that rejects.
    new Promise<T>((resolve) => resolve(load())).then(
      (value) => live && setState({ state: 'ready', value }),
      (error: unknown) => live && setState({ state: 'error', error, retry: () => setAttempt((a) => a + 1) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);
  return state;
}
