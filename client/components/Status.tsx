/** Loading and load-failure states shared by the pages. */
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}

/**
 * What a page shows instead of its data when loading failed: the message and a button to load
 * again. `headingLevel` 2 when the page has already shown its own h1.
 */
export function LoadFailed({ error, retry, headingLevel = 1 }: { error: unknown; retry: () => void; headingLevel?: 1 | 2 }) {
  const { t, pick } = useI18n();
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage message={pick(error.text)} />;
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{pick(error.text)}</p>
        <p>{t('staffNoAccess')}</p>
      </div>
    );
  }
  return (
    <div className="notice notice--error" role="alert">
      {headingLevel === 1 ? <h1 tabIndex={-1}>{t('loadFailed')}</h1> : <h2>{t('loadFailed')}</h2>}
      <button type="button" className="button" onClick={retry}>
        {t('retry')}
      </button>
    </div>
  );
}

/** A failed action, said next to where it was asked for (announced by screen readers). */
export function ErrorNotice({ text }: { text: string }) {
  return (
    <p className="notice notice--error" role="alert">
      {text}
    </p>
  );
}
