/** Staff sign-in. */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api.ts';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { useI18n } from '../i18n.tsx';
import { useNavigateTo } from '../navigation.ts';
import { landingOf } from './landing.ts';
import { staffApi } from './staff-api.ts';

export function StaffLoginPage() {
  const { t, pick, lang } = useI18n();
  usePageTitle(t('staffTitle'));
  const navigate = useNavigateTo();
  const [search] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const user = await staffApi.login(email, password);
      navigate(landingOf(user, search.get('next')));
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0)
        setProblems(error.fields.map((f) => ({ target: f.pointer.slice(1), message: f.message[lang] })));
      else
        setProblems([
          { target: 'email', message: error instanceof ApiError && error.code !== 'NETWORK' ? pick(error.text) : t('loadFailed') },
        ]);
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={problems} />
      <h1 tabIndex={-1}>{t('staffTitle')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="email" className="field-label">
            {t('staffEmail')}
          </label>
          <input
            id="email"
            type="email"
            className="input"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password" className="field-label">
            {t('staffPassword')}
          </label>
          <input
            id="password"
            type="password"
            className="input"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('staffLogin')}
          </button>
        </div>
      </form>
    </>
  );
}
