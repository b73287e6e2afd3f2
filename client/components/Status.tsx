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

export function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
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
      <h1>{t('loadFailed')}</h1>
      <button type="button" className="button" onClick={retry}>
        {t('retry')}
      </button>
    </div>
  );
}
