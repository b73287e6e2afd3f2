/**
 * One step of a procedure's form. Answers are saved in the browser on every change and, when the
 * resident is signed in, on the server too (debounced; at once on a step change), so the form
 * continues on another device. Signed in, verified answers (x-prefill) are filled and locked; a
 * procedure that needs sign-in shows the sign-in panel instead of the form when signed out.
 */
import type { RJSFValidationError, ValidatorType } from '@rjsf/utils';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { normalizeAnswers } from '../../shared/forms/normalize-answers.ts';
import { stepsOf } from '../../shared/forms/steps.ts';
import type { ProcedureView } from '../../shared/forms/types.ts';
import { ErrorSummary, focusField, inPageOrder, type SummaryItem } from '../components/ErrorSummary.tsx';
import { ClosedDraftNotice } from '../components/FilingWindow.tsx';
import { CorrectionReason } from '../components/CorrectionReason.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { Progress } from '../components/Progress.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { drafts } from '../draft.ts';
import { localizeUiSchema } from '../form/localize-ui.ts';
import { ProcedureForm } from '../form/ProcedureForm.tsx';
import { AttachmentContext } from '../form/AttachmentField.tsx';
import { fieldId, StepValidator } from '../form/step-validator.ts';
import { useI18n } from '../i18n.tsx';
import { previewMode, procedurePath } from '../preview-mode.ts';
import { useNavigateTo } from '../navigation.ts';
import { loadProcedure, useLoad } from '../use-procedure.ts';
import { applyLocked } from '../../shared/identity.ts';
import type { ResidentSessionView } from '../../shared/identity.ts';
import { useResident } from '../resident/session.tsx';
import { serverDrafts } from '../resident/server-drafts.ts';
import { needsSignIn, SignInRequired } from '../resident/SignInRequired.tsx';
import { lockedFor, markVerified, verifiedInCorrection } from '../resident/verified.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

type Answers = Record<string, unknown>;

export function StepPage() {
  const { id = '', step = '1' } = useParams();
  const draftVersion = drafts.load(id)?.version;
  const loaded = useLoad(() => loadProcedure(id, draftVersion), [id, draftVersion]);
  const { lang } = useI18n();
  const { session } = useResident();
  if (loaded.state === 'loading' || !session) return <Loading />;
  if (loaded.state === 'error') return <LoadFailed error={loaded.error} retry={loaded.retry} />;
  // A correction is opened with the reference number and access code: it needs no new sign-in.
  const correcting = Boolean(drafts.load(id)?.correction);
  if (!correcting && !previewMode.id() && needsSignIn(loaded.value.procedure.identity, session.signedIn))
    return <SignInGate procedure={loaded.value.procedure} />;
  return (
    <StepForm
      key={`${id}-${step}-${lang}`}
      procedure={loaded.value.procedure}
      validator={loaded.value.validator}
      index={Number(step) - 1}
      session={session}
    />
  );
}

function SignInGate({ procedure }: { procedure: ProcedureView }) {
  const { pick } = useI18n();
  usePageTitle(pick(procedure.title));
  return (
    <>
      <h1 tabIndex={-1}>{pick(procedure.title)}</h1>
      <SignInRequired returnTo={`/procedures/${procedure.id}`} />
    </>
  );
}

interface StepFormProps {
  procedure: ProcedureView;
  validator: ValidatorType;
  index: number;
  session: ResidentSessionView;
}

function StepForm({ procedure, validator, index, session }: StepFormProps) {
  const { t, pick, lang } = useI18n();
  const navigate = useNavigateTo();
  const location = useLocation();
  const [search] = useSearchParams();
  const fromCheck = search.get('from') === 'check';
  const id = procedure.id;
  const steps = useMemo(() => stepsOf(procedure), [procedure]);
  const step = steps[index];
  const correction = drafts.load(id)?.correction;
  // A correction keeps what the sign-in verified at filing; the key keeps the memo stable across renders.
  const correctionKey = correction ? (correction.verified ?? []).join('\n') : null;
  const filer = drafts.load(id)?.filer;
  const locked = useMemo(
    () =>
      correctionKey === null
        ? lockedFor(procedure, session, filer)
        : verifiedInCorrection(correctionKey ? correctionKey.split('\n') : [], drafts.load(id)?.answers ?? {}, procedure),
    [correctionKey, id, procedure, session, filer],
  );
  const answers = useRef<Answers>(applyLocked(drafts.load(id)?.answers ?? {}, locked));
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const stepValidator = useMemo(
    () => (step ? new StepValidator(validator, procedure.schema, step.key, () => answers.current, lang) : null),
    [validator, procedure, step, lang],
  );
  const uiSchema = useMemo(
    () =>
      step
        ? markVerified(
            localizeUiSchema(step.schema, step.uiSchema, lang),
            locked.filter((l) => l.pointer.startsWith(`/${step.key}/`)),
          )
        : {},
    [step, lang, locked],
  );
  const attachmentTarget = useMemo(
    () => ({ procedureId: id, version: procedure.version, correction: Boolean(drafts.load(id)?.correction) }),
    [id, procedure.version],
  );
  // The form keeps its own state from here on: handing it a new formData object on every render
  // would read as the resident's edits and clear the errors of the fields just typed in.
  const [initialData] = useState(() => (step ? { [step.key]: answers.current[step.key] ?? {} } : {}));
  // While errors are shown the title says so first (a screen reader announces the title).
  usePageTitle(step ? `${errors.length > 0 ? t('errorPrefix') : ''}${pick(step.title)} - ${pick(procedure.title)}` : undefined);

  useEffect(() => {
    if (location.hash) requestAnimationFrame(() => focusField(decodeURIComponent(location.hash.slice(1))));
  }, [location.hash]);

  if (!step || !stepValidator) return <NotFoundPage />;

  const save = (data: Answers) => {
    answers.current = { ...answers.current, [step.key]: data[step.key] };
    // Changed answers are a new submission: a new idempotency key is made when it is sent.
    const correction = drafts.load(id)?.correction;
    drafts.save(
      {
        procedureId: id,
        version: procedure.version,
        answers: answers.current,
        ...(correction ? { correction } : {}),
        ...(filer ? { filer } : {}),
      },
      procedure.schema,
    );
    if (session.signedIn && !correction && !previewMode.id()) serverDrafts.save(id, procedure.version, answers.current, filer);
  };
  const submit = (data: Answers) => {
    save(normalizeAnswers(procedure.schema, data) as Answers);
    setErrors([]);
    const last = index === steps.length - 1;
    void serverDrafts.flush(id);
    navigate(fromCheck || last ? `${procedurePath(id)}/check` : `${procedurePath(id)}/steps/${index + 2}`);
  };
  const showErrors = (list: RJSFValidationError[]) =>
    setErrors(
      inPageOrder(
        list.map((e) => ({ target: fieldId(`/${(e.property ?? '').split('.').filter(Boolean).join('/')}`), message: e.message ?? '' })),
      ),
    );
  const backTo = fromCheck ? `${procedurePath(id)}/check` : index === 0 ? procedurePath(id) : `${procedurePath(id)}/steps/${index}`;

  return (
    <>
      <p>
        <Link to={backTo} className="back-link">
          {t('back')}
        </Link>
      </p>
      <Progress steps={steps} current={index} />
      <ErrorSummary items={errors} />
      <ClosedDraftNotice procedure={procedure} />
      <CorrectionReason correction={correction} />
      <p className="caption">{pick(procedure.title)}</p>
      <h1 tabIndex={-1}>{pick(step.title)}</h1>
      <AttachmentContext.Provider value={attachmentTarget}>
        <ProcedureForm
          schema={step.schema}
          uiSchema={uiSchema}
          formData={initialData}
          validator={stepValidator}
          lang={lang}
          onChange={save}
          onSubmit={submit}
          onError={showErrors}
        >
          <div className="actions">
            <button type="submit" className="button">
              {fromCheck || index === steps.length - 1 ? t('toCheck') : t('next')}
            </button>
          </div>
        </ProcedureForm>
      </AttachmentContext.Provider>
    </>
  );
}
