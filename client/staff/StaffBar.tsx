/** Who is signed in, the pages their role may use (and no other), and sign-out. */
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api.ts';
import { ErrorNotice } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useNavigateTo } from '../navigation.ts';
import { staffApi, type StaffUser } from './staff-api.ts';

/** `signingIn`: the second factor or a password change comes first, so no page of the role is offered yet. */
export function StaffBar({ user, signingIn = false }: { user: StaffUser; signingIn?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigateTo();
  const [failed, setFailed] = useState(false);
  const [failedAttempts] = useState(() => (signingIn ? 0 : staffApi.takeFailedAttempts()));
  const logout = async () => {
    setFailed(false);
    try {
      await staffApi.logout();
    } catch (error) {
      // 401: the session had already ended, so the member of staff is signed out all the same.
      // Anything else: the session may still be valid, so say so rather than pretend it ended.
      if (!(error instanceof ApiError && error.status === 401)) {
        setFailed(true);
        return;
      }
    }
    navigate('/staff');
  };
  return (
    <>
      <div className="staff-bar">
        {!signingIn && (
          <nav aria-label={t('staffNav')} className="staff-nav">
            {user.role === 'dx' && <Link to="/staff/dashboard">{t('dashboardLink')}</Link>}
            {(user.role === 'clerk' || user.role === 'supervisor') && (
              <>
                <Link to="/staff/queue">{t('queueTitle')}</Link>
                <Link to="/staff/counter">{t('counterFilingTitle')}</Link>
                <Link to="/staff/counts">{t('countsTitle')}</Link>
              </>
            )}
            {['clerk', 'supervisor', 'dx'].includes(user.role) && <Link to="/staff/previews">{t('previewNav')}</Link>}
            {user.role === 'admin' && <Link to="/staff/admin/accounts">{t('accountsTitle')}</Link>}
            <Link to="/staff/account">{t('ownAccountTitle')}</Link>
          </nav>
        )}
        <span>
          {user.displayName}（{user.role}）
        </span>
        <button type="button" className="button button--secondary button--small" onClick={() => void logout()}>
          {t('staffLogout')}
        </button>
      </div>
      {failed && <ErrorNotice text={t('logoutFailed')} />}
      {failedAttempts > 0 && (
        <div className="notice" role="status">
          <p>{t('failedSignIns').replace('{n}', String(failedAttempts))}</p>
        </div>
      )}
    </>
  );
}
