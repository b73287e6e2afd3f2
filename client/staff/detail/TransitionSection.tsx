/** The status change of one submission: the next statuses the workflow allows, with a reason. */
import { useState } from 'react';
import { useI18n } from '../../i18n.tsx';
import { staffApi, type SubmissionDetail } from '../staff-api.ts';
import type { Run } from './run.ts';

export function TransitionSection({ detail, run }: { detail: SubmissionDetail; run: Run }) {
  const { t, pick } = useI18n();
  const [to, setTo] = useState(detail.allowedTransitions[0]?.to ?? '');
  const [reason, setReason] = useState('');
  const [documents, setDocuments] = useState<string[]>([]);
  const askable = to === 'returned' && detail.attachmentQuestions.length > 0;
  return (
    <section aria-labelledby="transition-title" className="panel">
      <h2 id="transition-title">{t('changeStatus')}</h2>
      {detail.allowedTransitions.length === 0 ? (
        <p>
          {detail.status === 'returned'
            ? t('waitingForResident')
            : detail.status === 'awaiting_payment'
              ? t('waitingForPayment')
              : t('noTransitions')}
        </p>
      ) : (
        <>
          <label htmlFor="to" className="field-label">
            {t('newStatus')}
          </label>
          <select id="to" value={to} onChange={(e) => setTo(e.target.value)}>
            {detail.allowedTransitions.map((tr) => (
              <option key={tr.to} value={tr.to}>
                {pick(tr.label)}
              </option>
            ))}
          </select>
          <label htmlFor="reason" className="field-label">
            {t('reason')}
          </label>
          <p className="field-hint">{t('reasonHint')}</p>
          <textarea id="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          {askable && (
            <fieldset className="choice-group">
              <legend className="field-label">{t('askDocuments')}</legend>
              <p className="field-hint">{t('askDocumentsHint')}</p>
              {detail.attachmentQuestions.map((q) => (
                <div className="checkbox" key={q.pointer}>
                  <input
                    id={`doc-${q.pointer}`}
                    type="checkbox"
                    checked={documents.includes(q.pointer)}
                    onChange={(e) => setDocuments((all) => (e.target.checked ? [...all, q.pointer] : all.filter((d) => d !== q.pointer)))}
                  />
                  <label htmlFor={`doc-${q.pointer}`}>{pick(q.label)}</label>
                </div>
              ))}
            </fieldset>
          )}
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() =>
                void run(
                  'to',
                  () => staffApi.transition(detail.referenceNumber, to, reason, askable ? documents : []),
                  () => {
                    setReason('');
                    setDocuments([]);
                  },
                )
              }
            >
              {t('change')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
