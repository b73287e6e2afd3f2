/** What a procedure is for, who may file it, what to prepare, the fee and the time, before the form starts. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { currentWindow, FilingWindow } from '../components/FilingWindow.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { api } from '../api.ts';
import { drafts } from '../draft.ts';
import { feeHow, feeText } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { previewMode, procedurePath } from '../preview-mode.ts';
import { useNavigateTo } from '../navigation.ts';
import { loadProcedure, useLoad } from '../use-procedure.ts';
import { formatDateTime } from '../../shared/format-datetime.ts';
import { residentCsrf, useResident } from '../resident/session.tsx';
import { serverDrafts } from '../resident/server-drafts.ts';
import { needsSignIn, SignInRequired } from '../resident/SignInRequired.tsx';

export function ProcedurePage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const navigate = useNavigateTo();
  const [deleted, setDeleted] = useState(false);
  const [filer, setFiler] = useState<'self' | 'proxy'>('self');
  const { session } = useResident();
  const signedIn = session?.signedIn;
  const loaded = useLoad(() => loadProcedure(id), [id]);
  // Signed in: a draft saved on any device (fitted to the current version by the server).
  const previewing = previewMode.id() !== null;
  const saved = useLoad(() => (signedIn && !previewing ? serverDrafts.load(id).catch(() => null) : Promise.resolve(null)), [id, signedIn]);
  usePageTitle(loaded.state === 'ready' ? pick(loaded.value.procedure.title) : undefined);
  if (loaded.state === 'loading' || saved.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadFailed error={loaded.error} retry={loaded.retry} />;
  const p = loaded.value.procedure;
  const gate = previewing ? null : needsSignIn(p.identity, signedIn);
  const local = deleted ? null : drafts.load(id);
  const remote = deleted || saved.state !== 'ready' ? null : saved.value;
  // The server's draft, unless this browser's own is as new (it was saved from here).
  const fromServer =
    remote && (!local || new Date(remote.updatedAt).getTime() > new Date(local.updatedAt).getTime() + 5000) ? remote : null;
  const draft = fromServer ?? local;
  const fee = feeText(p.fee, lang);
  const dropServerDraft = () =>
    remote
      ? fetch(`/api/my/drafts/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'X-CSRF-Token': residentCsrf() } }).catch(
          () => undefined,
        )
      : Promise.resolve();
  const start = () => {
    if (!previewing) void api.recordStart(id); // never rejects: a lost anonymous count is ignored (see api.recordStart)
    drafts.clear(id);
    void dropServerDraft();
    if (signedIn && p.proxy) drafts.save({ procedureId: id, version: p.version, answers: {}, filer }, p.schema);
    navigate(`${procedurePath(id)}/steps/1`);
  };
  /** A draft from the server becomes this browser's draft, then the form opens with it. */
  const adopt = () => {
    if (fromServer)
      drafts.save(
        {
          procedureId: id,
          version: fromServer.currentVersion,
          answers: fromServer.answers,
          ...(fromServer.filer ? { filer: fromServer.filer } : {}),
        },
        p.schema,
      );
  };
  return (
    <>
      <p>
        <Link to="/" className="back-link">
          {t('backToList')}
        </Link>
      </p>
      <h1 tabIndex={-1}>{pick(p.title)}</h1>
      <p className="lead">{pick(p.summary)}</p>
      <h2>{t('whatFor')}</h2>
      <p>{pick(p.description)}</p>
      <h2>{t('whoCanApply')}</h2>
      <p>{pick(p.eligibility)}</p>
      <h2>{t('whatToPrepare')}</h2>
      <ul className="bullets">
        {p.prepare.map((item) => (
          <li key={item.ja}>{pick(item)}</li>
        ))}
      </ul>
      <dl className="facts">
        <div>
          <dt>{t('fee')}</dt>
          <dd>
            {fee ? (
              <>
                {fee}
                <br />
                {feeHow(p, lang, t)}
              </>
            ) : (
              t('feeNone')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('timeToComplete')}</dt>
          <dd>{pick(p.timeToComplete)}</dd>
        </div>
        <div>
          <dt>{t('processingTime')}</dt>
          <dd>{pick(p.processingTime)}</dd>
        </div>
        <div>
          <dt>{t('contact')}</dt>
          <dd>
            {pick(p.department.name)} <a href={`tel:${p.department.phone.replace(/-/gu, '')}`}>{p.department.phone}</a>
          </dd>
        </div>
      </dl>
      <FilingWindow procedure={p} />
      {currentWindow(p) !== 'open' && !previewing ? null : gate ? (
        <SignInRequired returnTo={`/procedures/${id}`} />
      ) : draft ? (
        <div className="notice">
          <p>
            {fromServer
              ? t('serverDraftFound', {
                  updated: formatDateTime(fromServer.updatedAt, lang),
                  deleteAfter: formatDateTime(fromServer.deleteAfter, lang),
                })
              : t('draftFound')}
          </p>
          {fromServer && fromServer.newQuestions.length > 0 && (
            <>
              <p>{t('draftNewQuestions')}</p>
              <ul className="bullets">
                {fromServer.newQuestions.map((q) => (
                  <li key={q.ja}>{pick(q)}</li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">
            <Link to={`${procedurePath(id)}/steps/1`} className="button" onClick={adopt}>
              {t('resume')}
            </Link>
            <button type="button" className="button button--secondary" onClick={start}>
              {t('restart')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                drafts.clear(id);
                void dropServerDraft();
                setDeleted(true);
              }}
            >
              {t('deleteDraft')}
            </button>
          </div>
        </div>
      ) : (
        <>
          {signedIn && p.proxy && (
            <fieldset className="choice-group">
              <legend className="field-label">{t('filerQuestion')}</legend>
              <p className="field-hint">{t('filerProxyHint')}</p>
              {(['self', 'proxy'] as const).map((value) => (
                <div className="radio" key={value}>
                  <label>
                    <input type="radio" name="filer" value={value} checked={filer === value} onChange={() => setFiler(value)} />
                    <span>{t(value === 'self' ? 'filerSelf' : 'filerProxy')}</span>
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          <div className="actions">
            <button type="button" className="button button--start" onClick={start}>
              {t('start')}
              <span aria-hidden="true"> →</span>
            </button>
          </div>
        </>
      )}
      {deleted ? (
        <p className="notice" role="status">
          {t('draftDeleted')}
        </p>
      ) : null}
      <p className="field-hint">{t('draftNotice')}</p>
    </>
  );
}
