/**
 * The resident's own form, step by step, filled in by a clerk at the counter, then a check screen for
 * the resident, then the result. The answers live only in this component (never in the browser's
 * storage: the counter's PC is shared). Sending reuses one Idempotency-Key until an answer changes.
 */
import type { RJSFValidationError, ValidatorType } from '@rjsf/utils';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SubmissionReceipt } from '../../../shared/api-types.ts';
import { stepKeyOf } from '../../../shared/forms/messages.ts';
import { normalizeAnswers } from '../../../shared/forms/normalize-answers.ts';
import { stepsOf, type Step } from '../../../shared/forms/steps.ts';
import type { ProcedureView } from '../../../shared/forms/types.ts';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { usePageTitle } from '../../components/Layout.tsx';
import { Progress } from '../../components/Progress.tsx';
import { LoadFailed, Loading } from '../../components/Status.tsx';
import { newIdempotencyKey } from '../../draft.ts';
import { localizeUiSchema } from '../../form/localize-ui.ts';
import { ProcedureForm } from '../../form/ProcedureForm.tsx';
import { fieldId, StepValidator } from '../../form/step-validator.ts';
import { useI18n } from '../../i18n.tsx';
import { loadProcedure, useLoad } from '../../use-procedure.ts';
import { CounterCheck } from './CounterCheck.tsx';
import { CounterResult } from './CounterResult.tsx';

type Answers = Record<string, unknown>;
export type Phase = { step: number } | { check: true } | { done: SubmissionReceipt };

export function CounterFiling({ procedureId, onAnother }: { procedureId: string; onAnother: () => void }) {
  const loaded = useLoad(() => loadProcedure(procedureId), [procedureId]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadFailed error={loaded.error} retry={loaded.retry} />;
  return <Filing procedure={loaded.value.procedure} validator={loaded.value.validator} onAnother={onAnother} />;
}

function Filing({ procedure, validator, onAnother }: { procedure: ProcedureView; validator: ValidatorType; onAnother: () => void }) {
  const { lang } = useI18n();
  const steps = useMemo(() => stepsOf(procedure), [procedure]);
  const answers = useRef<Answers>({});
  const key = useRef(newIdempotencyKey());
  const [phase, setPhase] = useState<Phase>({ step: 0 });
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const heading = useRef<HTMLDivElement>(null);
  // Each screen starts at its heading, as a new page would.
  useEffect(() => {
    if (errors.length === 0) heading.current?.querySelector('h1')?.focus();
  }, [phase, errors.length]);

  const change = (next: Answers) => {
    answers.current = next;
    // Changed answers are a new filing.
    key.current = newIdempotencyKey();
  };
  /** Server or check-screen problems: shown at the fields of the first step that has one. */
  const backToFields = (list: { pointer: string; message: { ja: string; en: string } }[]) => {
    const first = steps.findIndex((s) => list.some((e) => stepKeyOf(e.pointer) === s.key));
    setErrors(list.map((e) => ({ target: fieldId(e.pointer), message: e.message[lang] })));
    setPhase({ step: Math.max(first, 0) });
  };

  return (
    <div ref={heading}>
      {'done' in phase ? (
        <CounterResult procedure={procedure} receipt={phase.done} onAnother={onAnother} />
      ) : 'check' in phase ? (
        <CounterCheck
          procedure={procedure}
          validator={validator}
          steps={steps}
          answers={answers.current}
          idempotencyKey={key.current}
          onBack={() => setPhase({ step: steps.length - 1 })}
          onFieldErrors={backToFields}
          onDone={(receipt) => setPhase({ done: receipt })}
        />
      ) : (
        <CounterStep
          key={`${phase.step}-${lang}`}
          procedure={procedure}
          validator={validator}
          steps={steps}
          index={phase.step}
          answers={answers.current}
          errors={errors}
          setErrors={setErrors}
          onChange={change}
          onNext={() => setPhase(phase.step === steps.length - 1 ? { check: true } : { step: phase.step + 1 })}
          onBack={phase.step > 0 ? () => setPhase({ step: phase.step - 1 }) : onAnother}
        />
      )}
    </div>
  );
}

interface StepProps {
  procedure: ProcedureView;
  validator: ValidatorType;
  steps: Step[];
  index: number;
  answers: Answers;
  errors: SummaryItem[];
  setErrors: (items: SummaryItem[]) => void;
  onChange: (answers: Answers) => void;
  onNext: () => void;
  onBack: () => void;
}

function CounterStep({ procedure, validator, steps, index, answers, errors, setErrors, onChange, onNext, onBack }: StepProps) {
  const { t, pick, lang } = useI18n();
  const step = steps[index]!;
  const current = useRef<Answers>(answers);
  const stepValidator = useMemo(
    () => new StepValidator(validator, procedure.schema, step.key, () => current.current, lang),
    [validator, procedure, step, lang],
  );
  const uiSchema = useMemo(() => localizeUiSchema(step.schema, step.uiSchema, lang), [step, lang]);
  usePageTitle(`${pick(step.title)} - ${pick(procedure.title)} - ${t('counterFilingTitle')}`);
  const save = (data: Answers) => {
    current.current = { ...current.current, [step.key]: data[step.key] };
    onChange(current.current);
  };
  const showErrors = (list: RJSFValidationError[]) =>
    setErrors(
      list.map((e) => ({ target: fieldId(`/${(e.property ?? '').split('.').filter(Boolean).join('/')}`), message: e.message ?? '' })),
    );
  const last = index === steps.length - 1;
  return (
    <>
      <p>
        <button type="button" className="button--link back-link" onClick={onBack}>
          {t('back')}
        </button>
      </p>
      <Progress steps={steps} current={index} />
      <ErrorSummary items={errors} />
      <p className="caption">
        {t('counterFilingTitle')}：{pick(procedure.title)}
      </p>
      <h1 tabIndex={-1}>{pick(step.title)}</h1>
      <ProcedureForm
        schema={step.schema}
        uiSchema={uiSchema}
        formData={{ [step.key]: current.current[step.key] ?? {} }}
        validator={stepValidator}
        lang={lang}
        onChange={save}
        onSubmit={(data) => {
          save(normalizeAnswers(procedure.schema, data) as Answers);
          setErrors([]);
          onNext();
        }}
        onError={showErrors}
      >
        <div className="actions">
          <button type="submit" className="button">
            {last ? t('toCheck') : t('next')}
          </button>
        </div>
      </ProcedureForm>
    </>
  );
}
