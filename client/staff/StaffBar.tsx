/** Who is signed in, and sign-out. */
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { staffApi, type StaffUser } from './staff-api.ts';

export function StaffBar({ user }: { user: StaffUser }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="staff-bar">
      {user.role === 'dx' ? (
        <Link to="/staff/dashboard">{t('dashboardLink')}</Link>
      ) : (
        <>
          <Link to="/staff/queue">{t('queueTitle')}</Link>
          <Link to="/staff/counts">{t('countsTitle')}</Link>
        </>
      )}
      <span>
        {user.displayName}（{user.role}）
      </span>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => {
          void staffApi.logout().then(() => navigate('/staff'));
        }}
      >
        {t('staffLogout')}
      </button>
    </div>
  );
}
