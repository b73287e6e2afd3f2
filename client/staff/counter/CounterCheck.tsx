/**
 * 「ご本人に確認していただく」: every answer in large text for the resident to read (the staff
 * detail's answer list), the clerk's tick that the resident checked it, the identity document the
 * clerk checked, then 送信.
 */
import type { ValidatorType } from '@rjsf/utils';
import { useState } from 'react';
import type { SubmissionReceipt } from '../../../shared/api-types.ts';
import { summarize } from '../../../shared/forms/answers-summary.ts';
import type { Step } from '../../../shared/forms/steps.ts';
import type { LocalizedText, ProcedureView } from '../../../shared/forms/types.ts';
import { COUNTER_DOCUMENTS, type CounterDocument } from '../../../shared/identity.ts';
import { ApiError } from '../../api.ts';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { usePageTitle } from '../../components/Layout.tsx';
import { Progress } from '../../components/Progress.tsx';
import { validateAll } from '../../form/step-validator.ts';
import { useI18n } from '../../i18n.tsx';
import { AnswersSection } from '../detail/AnswersSection.tsx';
import { staffApi } from '../staff-api.ts';

interface Props {
  procedure: ProcedureView;
  validator: ValidatorType;
  steps: Step[];
  answers: Record<string, unknown>;
  idempotencyKey: string;
  onBack: () => void;
  onFieldErrors: (list: { pointer: string; message: LocalizedText }[]) => void;
  onDone: (receipt: SubmissionReceipt) => void;
}

export function CounterCheck({ procedure, validator, steps, answers, idempotencyKey, onBack, onFieldErrors, onDone }: Props) {
  const { t, pick, lang } = useI18n();
  const required = procedure.identity === 'required';
  const [checked, setChecked] = useState(false);
  const [document, setDocument] = useState<CounterDocument | 'none' | ''>('');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  usePageTitle(`${t('counterCheckTitle')} - ${pick(procedure.title)}`);
  const sections = steps.map((step) => ({
    key: step.key,
    title: step.title,
    rows: summarize(procedure.schema.properties[step.key]!, answers[step.key], [step.key]),
  }));
  const choices: (CounterDocument | 'none')[] = required ? [...COUNTER_DOCUMENTS] : [...COUNTER_DOCUMENTS, 'none'];

  const send = async () => {
    const local = validateAll(validator, procedure.schema, answers);
    if (local.length > 0) return onFieldErrors(local);
    const items: SummaryItem[] = [
      ...(checked ? [] : [{ target: 'resident-checked', message: t('counterCheckedRequired') }]),
      ...(document === '' || (required && document === 'none')
        ? [{ target: `doc-${choices[0]}`, message: t(required ? 'counterIdentityRequired' : 'counterIdentityHint') }]
        : []),
    ];
    setProblems(items);
    if (items.length > 0 || sending) return;
    setSending(true);
    try {
      const identityCheck =
        document === 'none' || document === '' ? undefined : { document, ...(note.trim() ? { note: note.trim() } : {}) };
      onDone(
        await staffApi.fileAtCounter(
          procedure.id,
          { definitionVersion: procedure.version, answers, ...(identityCheck ? { identityCheck } : {}) },
          idempotencyKey,
        ),
      );
    } catch (error) {
      setSending(false);
      const fields = error instanceof ApiError && error.code === 'VALIDATION_FAILED' ? error.fields : [];
      const answerFields = fields.filter((f) => !f.pointer.startsWith('/identityCheck'));
      if (answerFields.length > 0) return onFieldErrors(answerFields);
      if (fields.length > 0) setProblems(fields.map((f) => ({ target: `doc-${choices[0]}`, message: f.message[lang] })));
      else
        setProblems([
          { target: 'counter-send', message: error instanceof ApiError && error.code !== 'NETWORK' ? pick(error.text) : t('submitFailed') },
        ]);
    }
  };

  const docError = problems.some((p) => p.target.startsWith('doc-'));
  return (
    <>
      <p>
        <button type="button" className="button--link back-link" onClick={onBack}>
          {t('counterBackToForm')}
        </button>
      </p>
      <Progress steps={steps} current={steps.length} />
      <ErrorSummary items={problems} />
      <p className="caption">
        {t('counterFilingTitle')}：{pick(procedure.title)}
      </p>
      <h1 tabIndex={-1}>{t('counterCheckTitle')}</h1>
      <p className="lead">{t('counterCheckLead')}</p>
      <div className="counter-check">
        <AnswersSection answers={sections} />
      </div>
      <section
        aria-labelledby="resident-checked-title"
        className={`declaration${problems.some((p) => p.target === 'resident-checked') ? ' field--error' : ''}`}
      >
        <h2 id="resident-checked-title">{t('counterCheckTitle')}</h2>
        <div className="checkbox">
          <input id="resident-checked" type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
          <label htmlFor="resident-checked">{t('counterChecked')}</label>
        </div>
      </section>
      <fieldset className={`field choice-group${docError ? ' field--error' : ''}`} aria-describedby="doc-hint">
        <legend className="field-label">
          {t('counterIdentityTitle')}
          {required && <span className="tag-required">{t('required')}</span>}
        </legend>
        <p id="doc-hint" className="field-hint">
          {t('counterIdentityHint')}
        </p>
        {choices.map((c) => (
          <div key={c} className="radio">
            <label htmlFor={`doc-${c}`}>
              <input id={`doc-${c}`} type="radio" name="identity-document" checked={document === c} onChange={() => setDocument(c)} />
              <span>{c === 'none' ? t('counterDocNone') : t(`counterDoc_${c}`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor="identity-note">
          {t('counterIdentityNote')}
        </label>
        <input id="identity-note" type="text" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
      </div>
      <div className="actions">
        <button id="counter-send" type="button" className="button" onClick={() => void send()} disabled={sending} aria-busy={sending}>
          {sending ? t('submitting') : t('counterSend')}
        </button>
      </div>
    </>
  );
}
