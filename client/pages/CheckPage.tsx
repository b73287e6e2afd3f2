/**
 * Check your answers: every answer with its label, a change link per answer, the fee, and a
 * declaration to tick before submitting. Submitting reuses one Idempotency-Key per draft, so a
 * double tap or a retry on a flaky network files once.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { summarize } from '../../shared/forms/answers-summary.ts';
import { stepKeyOf } from '../../shared/forms/messages.ts';
import { stepsOf } from '../../shared/forms/steps.ts';
import type { ProcedureView } from '../../shared/forms/types.ts';
import type { ValidatorType } from '@rjsf/utils';
import { ApiError, api } from '../api.ts';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { ClosedDraftNotice } from '../components/FilingWindow.tsx';
import { CorrectionReason } from '../components/CorrectionReason.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { Progress } from '../components/Progress.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { drafts, newIdempotencyKey } from '../draft.ts';
import { uploads } from '../uploads.ts';
import { fieldId, validateAll } from '../form/step-validator.ts';
import { feeForAnswers, feeHow } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { previewMode, procedurePath } from '../preview-mode.ts';
import { useNavigateTo } from '../navigation.ts';
import { loadProcedure, useLoad } from '../use-procedure.ts';
import { useResident } from '../resident/session.tsx';
import { lockedFor } from '../resident/verified.ts';
import { SigningPanel, useSigning } from '../resident/SigningPanel.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { AlreadySent } from './CompletePage.tsx';

/** Errors after which the resident signs again. */
const SIGN_AGAIN = new Set([
  'SIGNATURE_FOR_OTHER_ANSWERS',
  'SIGNING_REQUEST_UNKNOWN',
  'SIGNING_REQUEST_USED',
  'SIGNING_NOT_FINISHED',
  'SIGNATURE_REQUIRED',
]);

export function CheckPage() {
  const { id = '' } = useParams();
  const draft = drafts.load(id);
  const loaded = useLoad(() => loadProcedure(id, draft?.version), [id, draft?.version]);
  if (!draft && !previewMode.id()) {
    // Back from the completion page: the application was sent (this tab remembers its receipt).
    const sent = drafts.loadCompletion(id);
    return sent ? <AlreadySent receipt={sent} /> : <NotFoundPage />;
  }
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadFailed error={loaded.error} retry={loaded.retry} />;
  return <CheckAnswers procedure={loaded.value.procedure} validator={loaded.value.validator} />;
}

function CheckAnswers({ procedure, validator }: { procedure: ProcedureView; validator: ValidatorType }) {
  const { t, pick, lang } = useI18n();
  const navigate = useNavigateTo();
  const id = procedure.id;
  const steps = useMemo(() => stepsOf(procedure), [procedure]);
  const answers = drafts.load(id)?.answers ?? {};
  const files = useMemo(() => uploads.files(id), [id]);
  const correcting = Boolean(drafts.load(id)?.correction);
  // A correction is sent with the access code; the signature covers the submission as filed (staff see it).
  const needsSignature = procedure.signature === 'required' && !correcting;
  const signing = useSigning(id, procedure.schema, needsSignature);
  // Signing came after the declaration was ticked.
  const [declared, setDeclared] = useState(needsSignature && Boolean(drafts.load(id)?.signing));
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  // A refused signature is not an input error: the summary says what did not work.
  const [summaryTitle, setSummaryTitle] = useState<string | undefined>(undefined);
  const { session } = useResident();
  const filer = drafts.load(id)?.filer;
  const verified = new Set(
    drafts.load(id)?.correction
      ? []
      : lockedFor(procedure, session, filer)
          .filter((l) => l.verified)
          .map((l) => l.pointer),
  );
  usePageTitle(`${t('checkTitle')} - ${pick(procedure.title)}`);

  const stepLink = (pointer: string, hash = true) => {
    const n = steps.findIndex((s) => s.key === stepKeyOf(pointer)) + 1;
    return `${procedurePath(id)}/steps/${n}?from=check${hash ? `#${fieldId(pointer)}` : ''}`;
  };
  const fieldProblems = (list: { pointer: string; message: { ja: string; en: string } }[]): SummaryItem[] =>
    list.map((e) => ({ target: stepLink(e.pointer), message: e.message[lang] }));

  const signingFailed = signing.view && signing.view.status !== 'signed' && !signing.checking ? signing.view : null;
  useEffect(() => {
    if (!signingFailed) return;
    setSummaryTitle(t('signingFailedTitle'));
    setProblems([{ target: 'submit', message: signingFailed.error ? pick(signingFailed.error.message) : t('signingAgain') }]);
    signing.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per outcome read
  }, [signingFailed]);

  /** These answers, with the key every attempt to file them reuses and the signing they were sent to. */
  const keepDraft = (idempotencyKey: string, signingId?: string) =>
    drafts.save(
      {
        procedureId: id,
        version: procedure.version,
        answers,
        idempotencyKey,
        ...(filer ? { filer } : {}),
        ...(signingId ? { signing: { id: signingId } } : {}),
      },
      procedure.schema,
    );

  /** To the signing app with the digest of these answers; it comes back to this page. */
  const startSigning = async () => {
    const draft = drafts.load(id);
    try {
      const started = await api.createSigningRequest(id, procedure.version, answers, uploads.token(id), filer);
      keepDraft(draft?.idempotencyKey ?? newIdempotencyKey(), started.signingRequestId);
      window.location.assign(started.signUrl);
    } catch (error) {
      setSending(false);
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') setProblems(fieldProblems(error.fields));
      else
        setProblems([{ target: 'submit', message: error instanceof ApiError && error.status > 0 ? pick(error.text) : t('submitFailed') }]);
    }
  };

  const [previewChecked, setPreviewChecked] = useState(false);
  const submit = async () => {
    const local = validateAll(validator, procedure.schema, answers);
    const items = [...fieldProblems(local), ...(declared ? [] : [{ target: 'declaration', message: t('declarationRequired') }])];
    setSummaryTitle(undefined);
    setProblems(items);
    if (items.length > 0 || sending || signing.checking) return;
    // A staff preview checks the answers as filing would, and files nothing.
    if (previewMode.id()) return setPreviewChecked(true);
    const draft = drafts.load(id);
    setSending(true);
    if (needsSignature && !signing.signed) return startSigning();
    if (draft?.correction) {
      try {
        await api.correct(draft.correction.referenceNumber, draft.correction.accessCode, answers, uploads.token(id));
        drafts.clear(id);
        navigate(`/procedures/${id}/corrected`, { state: { referenceNumber: draft.correction.referenceNumber } });
      } catch (error) {
        setSending(false);
        if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') setProblems(fieldProblems(error.fields));
        else
          setProblems([
            { target: 'submit', message: error instanceof ApiError && error.code !== 'NETWORK' ? pick(error.text) : t('submitFailed') },
          ]);
      }
      return;
    }
    const key = draft?.idempotencyKey ?? newIdempotencyKey();
    const signingId = needsSignature ? draft?.signing?.id : undefined;
    keepDraft(key, signingId);
    try {
      const receipt = await api.createSubmission(id, procedure.version, answers, key, uploads.token(id), filer, signingId);
      drafts.saveCompletion(receipt);
      drafts.clear(id);
      navigate(`/procedures/${id}/complete`);
    } catch (error) {
      setSending(false);
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') setProblems(fieldProblems(error.fields));
      else if (error instanceof ApiError && error.code === 'DEFINITION_VERSION_UNKNOWN')
        setProblems([{ target: `/procedures/${id}`, message: t('versionChanged') }]);
      else if (error instanceof ApiError && SIGN_AGAIN.has(error.code)) {
        // The signature no longer fits these answers (or ran out): the next press signs again.
        signing.reset();
        setProblems([{ target: 'submit', message: pick(error.text) }]);
      } else if (error instanceof ApiError && error.status > 0 && error.code !== 'NETWORK')
        setProblems([{ target: 'submit', message: pick(error.text) }]);
      else setProblems([{ target: 'submit', message: t('submitFailed') }]);
    }
  };

  const fee = feeForAnswers(procedure.fee, answers, lang);
  return (
    <>
      <p>
        <Link to={`${procedurePath(id)}/steps/${steps.length}`} className="back-link">
          {t('back')}
        </Link>
      </p>
      <Progress steps={steps} current={steps.length} />
      <ErrorSummary items={problems} {...(summaryTitle ? { title: summaryTitle } : {})} />
      <ClosedDraftNotice procedure={procedure} />
      <CorrectionReason correction={drafts.load(id)?.correction} />
      <p className="caption">{pick(procedure.title)}</p>
      <h1 tabIndex={-1}>{t('checkTitle')}</h1>
      <p className="lead">{t('checkLead')}</p>
      {steps.map((step) => (
        <section key={step.key} className="summary-section" aria-labelledby={`summary-${step.key}`}>
          <h2 id={`summary-${step.key}`}>{pick(step.title)}</h2>
          <dl className="summary-list">
            {summarize(procedure.schema.properties[step.key]!, answers[step.key], [step.key], { attachments: files }).map((row) =>
              row.kind === 'group' ? (
                <div key={row.pointer} className={`summary-list__group depth-${row.depth}`}>
                  <dt>{pick(row.label)}</dt>
                  <dd />
                </div>
              ) : (
                <div key={row.pointer} className={`summary-list__row depth-${row.depth}`}>
                  <dt>{pick(row.label)}</dt>
                  <dd className="summary-list__value">{pick(row.value)}</dd>
                  <dd className="summary-list__action">
                    {verified.has(row.pointer) ? (
                      <>
                        <span className="tag tag--info">{t('verifiedBadge')}</span>
                        <span className="visually-hidden">{t('verifiedNote')}</span>
                      </>
                    ) : (
                      <Link to={stepLink(row.pointer)}>
                        {t('change')}
                        <span className="visually-hidden">{t('changeHidden', { label: pick(row.label) })}</span>
                      </Link>
                    )}
                  </dd>
                </div>
              ),
            )}
          </dl>
        </section>
      ))}
      {fee && (
        <section aria-labelledby="fee-title" className="summary-section">
          <h2 id="fee-title">{t('fee')}</h2>
          <p className="fee-total" data-testid="fee-total">
            {fee}
          </p>
          <p>{feeHow(procedure, lang, t)}</p>
        </section>
      )}
      {needsSignature && !previewMode.id() && <SigningPanel signing={signing} proxy={filer === 'proxy'} />}
      <section
        aria-labelledby="declaration-title"
        className={`declaration${problems.some((p) => p.target === 'declaration') ? ' field--error' : ''}`}
      >
        <h2 id="declaration-title">{t('declarationTitle')}</h2>
        <div className="checkbox">
          <input id="declaration" type="checkbox" checked={declared} onChange={(e) => setDeclared(e.target.checked)} />
          <label htmlFor="declaration">{t('declaration')}</label>
        </div>
      </section>
      {previewMode.id() && (
        <div className="notice notice--warning" role="status" data-testid="preview-no-submit">
          <p>{previewChecked ? `${t('previewNoSubmit')}` : t('previewBanner')}</p>
        </div>
      )}
      <div className="actions">
        <button id="submit" type="button" className="button" onClick={() => void submit()} disabled={sending} aria-busy={sending}>
          {sending
            ? needsSignature && !signing.signed
              ? t('signingStarting')
              : t('submitting')
            : correcting
              ? t('correctionSubmit')
              : needsSignature && !signing.signed
                ? t('signingStart')
                : t('submit')}
        </button>
      </div>
    </>
  );
}
