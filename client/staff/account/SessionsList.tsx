/** My signed-in sessions (device, address, last seen), each with a button to end it. */
import { useState } from 'react';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Status.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useNavigateTo } from '../../navigation.ts';
import { useLoad } from '../../use-procedure.ts';
import { staffApi, type OwnSession } from '../staff-api.ts';

export function SessionsList() {
  const { t, lang } = useI18n();
  const navigate = useNavigateTo();
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState('');
  const [failed, setFailed] = useState(false);
  const data = useLoad(() => staffApi.sessions(), [reload], { keepPrevious: true });
  const end = async (s: OwnSession) => {
    try {
      await staffApi.revokeSession(s.id);
      setFailed(false);
      if (s.current) return navigate('/staff');
      setNotice(t('sessionEnded'));
      setReload((r) => r + 1);
    } catch {
      setFailed(true);
    }
  };
  return (
    <section aria-labelledby="sessions-title" className="panel">
      <h2 id="sessions-title">{t('sessionsTitle')}</h2>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {failed && <ErrorNotice text={t('sendFailed')} />}
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <LoadFailed error={data.error} retry={data.retry} headingLevel={2} />}
      {data.state === 'ready' && (
        <ul className="session-list">
          {data.value.sessions.map((s) => (
            <li key={s.id}>
              <p>
                <strong>{s.current ? t('thisDevice') : (s.userAgent ?? '—')}</strong>
              </p>
              {s.current && <p className="history__meta">{s.userAgent}</p>}
              {!s.signedIn && <p className="field-error">{t('sessionPending')}</p>}
              <p className="history__meta">
                {t('address')}：{s.address ?? '—'} ／ {t('lastSeen')}：{formatDateTime(s.lastSeenAt, lang)}
              </p>
              <button type="button" className="button button--secondary button--small" onClick={() => void end(s)}>
                {t('endSession')}
                <span className="visually-hidden">（{s.current ? t('thisDevice') : (s.userAgent ?? '')}）</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
