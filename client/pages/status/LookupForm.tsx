/** The status look-up form: reference number and access code, each with its own error. */
import type { FormEvent } from 'react';
import type { SummaryItem } from '../../components/ErrorSummary.tsx';
import { useI18n } from '../../i18n.tsx';
import { CodeField } from './CodeField.tsx';

interface LookupFormProps {
  referenceNumber: string;
  setReferenceNumber: (value: string) => void;
  accessCode: string;
  setAccessCode: (value: string) => void;
  problems: SummaryItem[];
  busy: boolean;
  onSubmit: (e: FormEvent) => void;
}

export function LookupForm({ referenceNumber, setReferenceNumber, accessCode, setAccessCode, problems, busy, onSubmit }: LookupFormProps) {
  const { t } = useI18n();
  const fieldError = (id: string) => problems.find((p) => p.target === id)?.message;
  return (
    <form onSubmit={onSubmit} noValidate>
      <CodeField
        id="referenceNumber"
        label={t('referenceNumber')}
        hint={t('statusRefHint')}
        value={referenceNumber}
        onChange={setReferenceNumber}
        error={fieldError('referenceNumber')}
      />
      <CodeField
        id="accessCode"
        label={t('accessCode')}
        hint={t('statusCodeHint')}
        value={accessCode}
        onChange={setAccessCode}
        error={fieldError('accessCode')}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('statusSubmit')}
        </button>
      </div>
    </form>
  );
}
