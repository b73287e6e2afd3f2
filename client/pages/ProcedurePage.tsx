/** What a procedure is for, who may file it, what to prepare, the fee and the time, before the form starts. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { api } from '../api.ts';
import { drafts } from '../draft.ts';
import { feeHowKey, feeText } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { useNavigateTo } from '../navigation.ts';
import { loadProcedure, useLoad } from '../use-procedure.ts';

export function ProcedurePage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const navigate = useNavigateTo();
  const [deleted, setDeleted] = useState(false);
  const loaded = useLoad(() => loadProcedure(id), [id]);
  usePageTitle(loaded.state === 'ready' ? pick(loaded.value.procedure.title) : undefined);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadFailed error={loaded.error} retry={loaded.retry} />;
  const p = loaded.value.procedure;
  const draft = deleted ? null : drafts.load(id);
  const fee = feeText(p.fee, lang);
  const start = () => {
    void api.recordStart(id); // never rejects: a lost anonymous count is ignored (see api.recordStart)
    drafts.clear(id);
    navigate(`/procedures/${id}/steps/1`);
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
          <dd>{fee ? `${fee}　${t(feeHowKey(p))}` : t('feeNone')}</dd>
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
      {draft ? (
        <div className="notice">
          <p>{t('draftFound')}</p>
          <div className="actions">
            <Link to={`/procedures/${id}/steps/1`} className="button">
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
                setDeleted(true);
              }}
            >
              {t('deleteDraft')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button button--start" onClick={start}>
            {t('start')}
            <span aria-hidden="true"> →</span>
          </button>
        </div>
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
