/** Changing my own password (12+ characters, not a common one, not my e-mail); my other sessions end. */
import { useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { useI18n } from '../../i18n.tsx';
import { staffApi } from '../staff-api.ts';
import { problemsOf } from './problems.ts';

export function PasswordForm({ mustChange, onChanged }: { mustChange: boolean; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await staffApi.changePassword(current, next);
      setProblems([]);
      setCurrent('');
      setNext('');
      setNotice(t('passwordChanged'));
      onChanged();
    } catch (error) {
      setNotice('');
      setProblems(problemsOf(error, lang, { target: 'currentPassword', text: t('sendFailed') }));
    }
    setBusy(false);
  };
  return (
    <section aria-labelledby="password-title" className="panel">
      <h2 id="password-title">{t('passwordTitle')}</h2>
      <ErrorSummary items={problems} />
      {mustChange && <p className="notice">{t('passwordMustChange')}</p>}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="currentPassword" className="field-label">
            {t('currentPassword')}
          </label>
          <input
            id="currentPassword"
            type="password"
            className="input"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="newPassword" className="field-label">
            {t('newPassword')}
          </label>
          <p className="field-hint" id="newPassword-hint">
            {t('newPasswordHint')}
          </p>
          <input
            id="newPassword"
            type="password"
            className="input"
            autoComplete="new-password"
            aria-describedby="newPassword-hint"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('passwordTitle')}
          </button>
        </div>
      </form>
    </section>
  );
}
