import { Link } from 'react-router';
import { usePageTitle } from '../components/Layout.tsx';
import { useI18n } from '../i18n.tsx';

export function NotFoundPage({ message }: { message?: string }) {
  const { t } = useI18n();
  usePageTitle(t('notFoundTitle'));
  return (
    <>
      <h1 tabIndex={-1}>{t('notFoundTitle')}</h1>
      <p>{message || t('notFoundBody')}</p>
      <p>
        <Link to="/">{t('backToList')}</Link>
      </p>
    </>
  );
}
