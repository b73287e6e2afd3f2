/** Status look-up by reference number and access code. */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { FINAL_STATUSES } from '../../shared/workflow.ts';
import { PaymentPanel } from '../components/PaymentPanel.tsx';
import { ApiError, api, type SubmissionStatusView } from '../api.ts';
import { drafts } from '../draft.ts';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n.tsx';

const FIELD_IDS: Record<string, string> = { '/referenceNumber': 'referenceNumber', '/accessCode': 'accessCode' };

export function StatusPage() {
  const { t, pick, lang } = useI18n();
  usePageTitle(t('statusTitle'));
  const [ref, setRef] = useState('');
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [result, setResult] = useState<SubmissionStatusView | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const fieldError = (fid: string) => problems.find((p) => p.target === fid)?.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      setResult(await api.getStatus(ref, code));
      setProblems([]);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setProblems(error.fields.map((f) => ({ target: FIELD_IDS[f.pointer] ?? 'referenceNumber', message: f.message[lang] })));
      else if (error instanceof ApiError && error.code !== 'NETWORK') setProblems([{ target: 'referenceNumber', message: pick(error.text) }]);
      else setProblems([{ target: 'referenceNumber', message: t('loadFailed') }]);
    } finally {
      setBusy(false);
    }
  };

  const startCorrection = async () => {
    const form = await api.getCorrectionForm(ref, code);
    drafts.save({ procedureId: form.procedureId, version: form.definitionVersion, answers: form.answers, correction: { referenceNumber: form.referenceNumber, accessCode: code } });
    navigate(`/procedures/${form.procedureId}/steps/1`);
  };
  const withdraw = async () => {
    await api.withdraw(ref, code);
    setConfirming(false);
    setResult(await api.getStatus(ref, code));
  };

  const input = (fid: string, label: string, hint: string, value: string, set: (v: string) => void) => {
    const error = fieldError(fid);
    return (
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor={fid} className="field-label">
          {label}
        </label>
        <p id={`${fid}-hint`} className="field-hint">
          {hint}
        </p>
        {error && (
          <p id={`${fid}-error`} className="field-error">
            <span className="visually-hidden">{t('errorPrefix')}</span>
            {error}
          </p>
        )}
        <input
          id={fid}
          className="input input--code"
          value={value}
          onChange={(e) => set(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${fid}-hint${error ? ` ${fid}-error` : ''}`}
        />
      </div>
    );
  };

  return (
    <>
      <ErrorSummary items={problems} />
      <h1 tabIndex={-1}>{t('statusTitle')}</h1>
      <p className="lead">{t('statusLead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {input('referenceNumber', t('referenceNumber'), t('statusRefHint'), ref, setRef)}
        {input('accessCode', t('accessCode'), t('statusCodeHint'), code, setCode)}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('statusSubmit')}
          </button>
        </div>
      </form>
      {result && (
        <section className="status-result" aria-labelledby="status-result-title" aria-live="polite">
          <h2 id="status-result-title">{t('statusResult')}</h2>
          <p className={`status-tag status-tag--${result.status}`}>{pick(result.statusLabel)}</p>
          <dl className="facts">
            <div>
              <dt>{t('referenceNumber')}</dt>
              <dd className="code">{result.referenceNumber}</dd>
            </div>
            <div>
              <dt>{t('procedure')}</dt>
              <dd>{pick(result.procedure.title)}</dd>
            </div>
            <div>
              <dt>{t('submittedAt')}</dt>
              <dd>{formatDateTime(result.submittedAt, lang)}</dd>
            </div>
            <div>
              <dt>{t('updatedAt')}</dt>
              <dd>{formatDateTime(result.updatedAt, lang)}</dd>
            </div>
            <div>
              <dt>{t('department')}</dt>
              <dd>
                {pick(result.procedure.department.name)} <a href={`tel:${result.procedure.department.phone.replace(/-/gu, '')}`}>{result.procedure.department.phone}</a>
              </dd>
            </div>
          </dl>
          {result.payment && <PaymentPanel payment={result.payment} referenceNumber={result.referenceNumber} accessCode={code} headingLevel={3} />}
          <p>
            <button type="button" className="button button--secondary" onClick={() => void api.downloadReceipt(ref, code)}>
              {t('downloadReceipt')}
            </button>
          </p>
          {result.returnReason && (
            <div className="notice notice--error">
              <h3>{t('returnReason')}</h3>
              <p className="history__text">{result.returnReason}</p>
              <button type="button" className="button" onClick={() => void startCorrection()}>
                {t('correctButton')}
              </button>
            </div>
          )}
          {result.messages.length > 0 && (
            <>
              <h3>{t('messagesFromStaff')}</h3>
              <ul className="messages">
                {result.messages.map((m) => (
                  <li key={m.at}>
                    <p className="history__meta">{formatDateTime(m.at, lang)}</p>
                    <p className="history__text">{m.text}</p>
                  </li>
                ))}
              </ul>
            </>
          )}
          {!(FINAL_STATUSES as readonly string[]).includes(result.status) &&
            (confirming ? (
              <div className="notice" role="alert">
                <p>{t('withdrawConfirm')}</p>
                <div className="actions">
                  <button type="button" className="button button--danger" onClick={() => void withdraw()}>
                    {t('withdrawYes')}
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                    {t('withdrawNo')}
                  </button>
                </div>
              </div>
            ) : (
              <p>
                <button type="button" className="button--link-danger" onClick={() => setConfirming(true)}>
                  {t('withdrawButton')}
                </button>
              </p>
            ))}
        </section>
      )}
    </>
  );
}
