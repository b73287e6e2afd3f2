/** マイページ: the signed-in resident's applications and drafts (with the date each draft will be deleted). */
import { Link, Navigate } from 'react-router';
import type { LocalizedText } from '../../shared/forms/types.ts';
import { formatDateTime } from '../../shared/format-datetime.ts';
import { request } from '../api.ts';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useResident } from '../resident/session.tsx';
import { useLoad } from '../use-procedure.ts';

interface MySubmission {
  referenceNumber: string;
  procedureId: string;
  title: LocalizedText;
  statusLabel: LocalizedText;
  submittedAt: string;
}
interface MyDraft {
  procedureId: string;
  title: LocalizedText;
  updatedAt: string;
  deleteAfter: string;
}

export function MyPage() {
  const { t } = useI18n();
  const { session } = useResident();
  usePageTitle(t('myPageTitle'));
  if (!session) return <Loading />;
  if (!session.signedIn) return <Navigate to="/sign-in?returnTo=%2Fmypage" replace />;
  return <MyPageContent name={session.attributes?.name ?? ''} />;
}

function MyPageContent({ name }: { name: string }) {
  const { t, pick, lang } = useI18n();
  const { signOut } = useResident();
  const loaded = useLoad(
    async () =>
      Promise.all([request<{ submissions: MySubmission[] }>('/api/my/submissions'), request<{ drafts: MyDraft[] }>('/api/my/drafts')]),
    [],
  );
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadFailed error={loaded.error} retry={loaded.retry} />;
  const [{ submissions }, { drafts }] = loaded.value;
  return (
    <>
      <h1 tabIndex={-1}>{t('myPageTitle')}</h1>
      <p>{t('myPageSignedInAs', { name })}</p>
      <section aria-labelledby="my-drafts">
        <h2 id="my-drafts">{t('myPageDrafts')}</h2>
        {drafts.length === 0 ? (
          <p>{t('myPageNoDrafts')}</p>
        ) : (
          <>
            <p>
              {t('myPageDraftRule', {
                days: String(Math.round((Date.parse(drafts[0]!.deleteAfter) - Date.parse(drafts[0]!.updatedAt)) / 86_400_000)),
              })}
            </p>
            <ul className="card-list">
              {drafts.map((d) => (
                <li key={d.procedureId} className="card">
                  <Link to={`/procedures/${d.procedureId}`}>{pick(d.title)}</Link>
                  <p className="caption">
                    {t('myPageDraftKept', { updated: formatDateTime(d.updatedAt, lang), deleteAfter: formatDateTime(d.deleteAfter, lang) })}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="my-submissions">
        <h2 id="my-submissions">{t('myPageSubmissions')}</h2>
        {submissions.length === 0 ? (
          <p>{t('myPageNoSubmissions')}</p>
        ) : (
          <ul className="card-list">
            {submissions.map((s) => (
              <li key={s.referenceNumber} className="card">
                <p className="card__title">
                  <Link to={`/mypage/submissions/${s.referenceNumber}`}>
                    {pick(s.title)}
                    <span className="visually-hidden">{t('inParens', { text: s.referenceNumber })}</span>
                  </Link>
                </p>
                <dl className="summary-list">
                  <div className="summary-list__row">
                    <dt>{t('myPageReference')}</dt>
                    <dd className="summary-list__value">{s.referenceNumber}</dd>
                  </div>
                  <div className="summary-list__row">
                    <dt>{t('myPageStatus')}</dt>
                    <dd className="summary-list__value">{pick(s.statusLabel)}</dd>
                  </div>
                  <div className="summary-list__row">
                    <dt>{t('myPageSubmitted')}</dt>
                    <dd className="summary-list__value">{formatDateTime(s.submittedAt, lang)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <button type="button" className="button button--secondary" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </p>
    </>
  );
}
