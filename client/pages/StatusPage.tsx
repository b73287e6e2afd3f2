/** Status look-up by reference number and access code. */
import { useState, type FormEvent } from 'react';
import { ApiError, api, type SubmissionStatusView } from '../api.ts';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { useI18n } from '../i18n.tsx';
import { LookupForm } from './status/LookupForm.tsx';
import { StatusResult } from './status/StatusResult.tsx';

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

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      setResult(await api.getStatus(ref, code));
      setProblems([]);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0)
        setProblems(error.fields.map((f) => ({ target: FIELD_IDS[f.pointer] ?? 'referenceNumber', message: f.message[lang] })));
      else if (error instanceof ApiError && error.code !== 'NETWORK')
        setProblems([{ target: 'referenceNumber', message: pick(error.text) }]);
      else setProblems([{ target: 'referenceNumber', message: t('loadFailed') }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={problems} />
      <h1 tabIndex={-1}>{t('statusTitle')}</h1>
      <p className="lead">{t('statusLead')}</p>
      <LookupForm
        referenceNumber={ref}
        setReferenceNumber={setRef}
        accessCode={code}
        setAccessCode={setCode}
        problems={problems}
        busy={busy}
        onSubmit={(e) => void submit(e)}
      />
      {result && (
        <StatusResult
          result={result}
          referenceNumber={ref}
          accessCode={code}
          confirming={confirming}
          setConfirming={setConfirming}
          onUpdate={setResult}
        />
      )}
    </>
  );
}
