/**
 * Catches what a page throws while rendering, above all a lazily loaded page whose code could not
 * be downloaded (offline on the way to a form or a staff page): says so, with a button that loads
 * the page again, instead of a blank screen or an endless 読み込んでいます.
 */
import { Component, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from '../i18n.tsx';

function PageFailed() {
  const { t } = useI18n();
  return (
    <div className="notice notice--error" role="alert">
      <h1 tabIndex={-1}>{t('pageFailed')}</h1>
      {/* React keeps a failed lazy import failed: only a fresh page load tries the download again. */}
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('retry')}
      </button>
    </div>
  );
}

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

/** One boundary per address, so that going to another page starts afresh. */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <Boundary key={pathname}>{children}</Boundary>;
}
