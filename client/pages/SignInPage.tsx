/** Sign-in: what it gives the resident, the provider's button, and why a sign-in failed (?error=CODE). */
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../components/Layout.tsx';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { signInHref, useResident } from '../resident/session.tsx';

const KNOWN = ['SIGN_IN_CANCELLED', 'SIGN_IN_REQUEST_UNKNOWN', 'SIGN_IN_OTHER_BROWSER'];

export function SignInPage() {
  const { t, pick } = useI18n();
  const { session } = useResident();
  const [params] = useSearchParams();
  const error = params.get('error');
  const returnTo = params.get('returnTo') ?? '/mypage';
  usePageTitle(error ? `${t('signInErrorTitle')} - ${t('signInTitle')}` : t('signInTitle'));
  const errorKey = (error && KNOWN.includes(error) ? `signInError_${error}` : 'signInError_other') as MessageKey;
  return (
    <>
      {error && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2 className="error-summary__title">{t('signInErrorTitle')}</h2>
          <p>{t(errorKey)}</p>
        </div>
      )}
      <h1 tabIndex={-1}>{t('signInTitle')}</h1>
      <p className="lead">{t('signInLead')}</p>
      {session?.available && session.provider ? (
        <>
          {session.provider.demo && <p className="notice">{t('signInDemo')}</p>}
          <p>
            <a className="button" href={signInHref(returnTo)}>
              {t('signInButton', { provider: pick(session.provider.label) })}
            </a>
          </p>
        </>
      ) : (
        session && <p>{t('signInUnavailableHere')}</p>
      )}
    </>
  );
}
