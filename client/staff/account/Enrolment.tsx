/**
 * Setting up the second factor: the otpauth URI as a QR code and its key as text, a first code
 * from the app, then the ten recovery codes, shown once.
 */
import { useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { useI18n } from '../../i18n.tsx';
import { staffApi, type Enrolment as Started, type SignInStage } from '../staff-api.ts';
import { problemsOf } from './problems.ts';

export function Enrolment({ onDone }: { onDone: (next: SignInStage) => void }) {
  const { t, lang } = useI18n();
  const [started, setStarted] = useState<Started | null>(null);
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [done, setDone] = useState<{ recoveryCodes: string[]; next: SignInStage } | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      setStarted(await staffApi.startEnrolment());
      setProblems([]);
    } catch (error) {
      setProblems(problemsOf(error, lang, { target: 'mfa-start', text: t('sendFailed') }));
    }
    setBusy(false);
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      setDone(await staffApi.confirmEnrolment(code));
      setProblems([]);
    } catch (error) {
      setProblems(problemsOf(error, lang, { target: 'enrol-code', text: t('sendFailed') }, () => 'enrol-code'));
    }
    setBusy(false);
  };
  if (done)
    return (
      <section aria-labelledby="recovery-title" className="panel">
        <h2 id="recovery-title">{t('mfaRecoveryTitle')}</h2>
        <p className="notice" role="status">
          {t('mfaOn')}
        </p>
        <p>{t('mfaRecoveryLead')}</p>
        <ol className="recovery-codes">
          {done.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <div className="actions">
          <button type="button" className="button" onClick={() => onDone(done.next)}>
            {t('mfaRecoveryDone')}
          </button>
        </div>
      </section>
    );
  return (
    <section aria-labelledby="enrol-title" className="panel">
      <h2 id="enrol-title">{t('mfaEnrolTitle')}</h2>
      <ErrorSummary items={problems} />
      <p>{t('mfaEnrolLead')}</p>
      {!started ? (
        <div className="actions">
          <button id="mfa-start" type="button" className="button" disabled={busy} onClick={() => void start()}>
            {t('mfaStart')}
          </button>
        </div>
      ) : (
        <form onSubmit={(e) => void confirm(e)} noValidate>
          <p>{t('mfaScan')}</p>
          <img className="qr-code" src={started.qrCode} alt={t('mfaQrAlt')} width={240} height={240} />
          <p>
            {t('mfaSecretLabel')}
            <br />
            <code id="totp-secret" className="secret-text">
              {started.secret}
            </code>
          </p>
          <div className="field">
            <label htmlFor="enrol-code" className="field-label">
              {t('mfaCodeLabel')}
            </label>
            <input
              id="enrol-code"
              className="input input--short"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('mfaConfirm')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
