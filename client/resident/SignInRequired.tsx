/** Shown instead of a form that needs a verified identity (identity: required) while signed out. */
import { useI18n } from '../i18n.tsx';
import { signInHref, useResident } from './session.tsx';

export function SignInRequired({ returnTo }: { returnTo: string }) {
  const { t, pick } = useI18n();
  const { session } = useResident();
  return (
    <section className="notice" aria-labelledby="identity-required">
      <h2 id="identity-required">{t('identityRequiredTitle')}</h2>
      <p>{t('identityRequiredLead')}</p>
      {session?.available ? (
        <>
          {session.provider?.demo && <p>{t('signInDemo')}</p>}
          <div className="actions">
            <a className="button button--start" href={signInHref(returnTo)}>
              {t('identityRequiredButton')}
            </a>
          </div>
          {session.provider && <p className="field-hint">{pick(session.provider.label)}</p>}
        </>
      ) : (
        <p>{t('signInUnavailableHere')}</p>
      )}
    </section>
  );
}

/** Whether the procedure's form waits for sign-in (null while the session is being read). */
export function needsSignIn(identity: string | undefined, signedIn: boolean | undefined): boolean | null {
  if (identity !== 'required') return false;
  return signedIn === undefined ? null : !signedIn;
}
