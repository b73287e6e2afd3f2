/** Page frame: skip link, header with the language switch, main landmark, footer. */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { useResident } from '../resident/session.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { session } = useResident();
  const location = useLocation();
  const staffPage = location.pathname.startsWith('/staff');
  const first = useRef(true);
  // After in-app navigation, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (location.hash) return;
    window.scrollTo(0, 0);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  }, [location.pathname, location.hash]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-header__name">
            <span className="site-header__city">{lang === 'ja' ? '小金井市' : 'Koganei City'}</span>
            <span>{lang === 'ja' ? 'オンライン手続' : 'Online Procedures'}</span>
          </Link>
          <div className="site-header__actions">
            {!staffPage && session?.available && (
              <Link
                to={session.signedIn ? '/mypage' : `/sign-in?returnTo=${encodeURIComponent(location.pathname)}`}
                className="header-link"
              >
                {session.signedIn ? t('myPageLink') : t('signInLink')}
              </Link>
            )}
            <button
              type="button"
              className="lang-switch"
              lang={lang === 'ja' ? 'en' : 'ja'}
              aria-label={t('languageSwitchLabel')}
              onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
            >
              {t('languageSwitch')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('footerCity')}</p>
        </div>
      </footer>
    </>
  );
}

export function usePageTitle(title: string | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} | ${t('serviceName')}` : t('serviceName');
  }, [title, t]);
}
