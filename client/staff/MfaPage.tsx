/** The second step of signing in (a code from the app, or a recovery code), or setting up a second factor first. */
import { useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { useI18n } from '../i18n.tsx';
import { useNavigateTo } from '../navigation.ts';
import { Enrolment } from './account/Enrolment.tsx';
import { problemsOf } from './account/problems.ts';
import { landingOf } from './landing.ts';
import { RequireStaff } from './RequireStaff.tsx';
import { StaffBar } from './StaffBar.tsx';
import { staffApi, type SignInStage, type StaffUser } from './staff-api.ts';

export function MfaPage() {
  return <RequireStaff allow={['mfa', 'enrol']}>{(user) => <Mfa user={user} />}</RequireStaff>;
}

function Mfa({ user }: { user: StaffUser }) {
  const { t } = useI18n();
  usePageTitle(t('mfaTitle'));
  const navigate = useNavigateTo();
  const onward = (next: SignInStage) => navigate(landingOf({ ...user, next }));
  return (
    <>
      <StaffBar user={user} signingIn />
      <h1 tabIndex={-1}>{t('mfaTitle')}</h1>
      {user.next === 'mfa' ? <CodeStep onDone={onward} /> : <Enrolment onDone={onward} />}
    </>
  );
}

function CodeStep({ onDone }: { onDone: (next: SignInStage) => void }) {
  const { t, lang } = useI18n();
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onDone(await staffApi.verifyMfa(code));
    } catch (error) {
      setProblems(problemsOf(error, lang, { target: 'mfa-code', text: t('sendFailed') }, () => 'mfa-code'));
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={problems} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="mfa-code" className="field-label">
            {t('mfaCodeLabel')}
          </label>
          <p className="field-hint" id="mfa-code-hint">
            {t('mfaCodeHint')}
          </p>
          <input
            id="mfa-code"
            className="input input--short"
            inputMode="numeric"
            autoComplete="one-time-code"
            aria-describedby="mfa-code-hint"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('mfaVerify')}
          </button>
        </div>
      </form>
    </>
  );
}
