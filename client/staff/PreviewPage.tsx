/**
 * Definition previews (clerk, supervisor: their department's; dx: every department's): open a
 * definition of the catalog, or choose a definition file (new or changed) which is checked in full
 * as forms:check does; its problems are listed here with their place in the file.
 */
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api.ts';
import { usePageTitle } from '../components/Layout.tsx';
import { ErrorNotice, LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useNavigateTo } from '../navigation.ts';
import { useLoad } from '../use-procedure.ts';
import { placeOf } from './preview-problems.ts';
import { RequireStaff } from './RequireStaff.tsx';
import { StaffBar } from './StaffBar.tsx';
import { staffApi, type StaffUser } from './staff-api.ts';

export function PreviewPage() {
  return <RequireStaff>{(user) => <Previews user={user} />}</RequireStaff>;
}

interface Problem {
  pointer: string;
  message: string;
}

function Previews({ user }: { user: StaffUser }) {
  const { t, pick } = useI18n();
  usePageTitle(t('previewTitle'));
  const navigate = useNavigateTo();
  const list = useLoad(() => staffApi.previewable(), []);
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ problems: Problem[]; data: unknown } | null>(null);

  const open = async (body: { procedureId: string } | { definition: unknown }) => {
    setBusy(true);
    setFailure(null);
    setProblems(null);
    try {
      const { previewId, procedure } = await staffApi.createPreview(body);
      navigate(`/staff/previews/${encodeURIComponent(previewId)}/procedures/${encodeURIComponent(procedure.id)}`);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.code === 'DEFINITION_PROBLEMS')
        setProblems({
          problems: error.fields.map((f) => ({ pointer: f.pointer, message: pick(f.message) })),
          data: 'definition' in body ? body.definition : null,
        });
      else setFailure(error instanceof ApiError && error.status > 0 ? pick(error.text) : t('sendFailed'));
    }
  };

  const check = async (event: React.FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return setFailure(t('previewChooseFile'));
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch (error) {
      setProblems(null);
      return setFailure(t('previewNotJson', { reason: (error as Error).message }));
    }
    await open({ definition: data });
  };

  return (
    <>
      <StaffBar user={user} />
      <h1 tabIndex={-1}>{t('previewTitle')}</h1>
      <p className="lead">{t('previewLead')}</p>
      {failure && <ErrorNotice text={failure} />}
      {problems && (
        <section className="notice notice--error" aria-labelledby="problems-title" role="alert">
          <h2 id="problems-title">{t('previewProblemsTitle', { n: problems.problems.length })}</h2>
          <p>{t('previewProblemsLead')}</p>
          <ol className="problem-list">
            {problems.problems.map((p, i) => (
              <li key={`${p.pointer}-${i}`}>
                <p>
                  <strong>{t('labelled', { label: t('previewPlace'), value: '' })}</strong>
                  {p.pointer ? placeOf(problems.data, p.pointer, pick) : t('previewWholeFile')}
                  {p.pointer && <code className="pointer">{p.pointer}</code>}
                </p>
                <p>
                  <strong>{t('labelled', { label: t('previewProblem'), value: '' })}</strong>
                  {p.message}
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="upload-title">
        <h2 id="upload-title">{t('previewUploadTitle')}</h2>
        <form onSubmit={(e) => void check(e)} noValidate>
          <div className="field">
            <label htmlFor="definition-file" className="field-label">
              {t('previewUploadLabel')}
            </label>
            <p className="field-hint" id="definition-file-hint">
              {t('previewUploadHint')}
            </p>
            <input
              id="definition-file"
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              aria-describedby="definition-file-hint"
            />
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={busy} aria-busy={busy}>
              {busy ? t('previewChecking') : t('previewUploadSubmit')}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="catalog-title">
        <h2 id="catalog-title">{t('previewCatalogTitle')}</h2>
        {list.state === 'loading' && <Loading />}
        {list.state === 'error' && <LoadFailed error={list.error} retry={list.retry} headingLevel={2} />}
        {list.state === 'ready' &&
          (list.value.definitions.length === 0 ? (
            <p>{t('previewNone')}</p>
          ) : (
            <ul className="cards">
              {list.value.definitions.map((d) => (
                <li key={d.id} className="card">
                  <p className="card__link">
                    {pick(d.title)}{' '}
                    <span className={`tag ${d.published ? 'tag--info' : 'tag--warning'}`}>
                      {d.published ? t('previewPublished') : t('previewUnpublished')}
                    </span>
                  </p>
                  <p className="card__body">
                    {pick(d.department.name)}・{d.id}@{d.version}
                  </p>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy}
                    onClick={() => void open({ procedureId: d.id })}
                  >
                    {t('previewOpen')}
                    <span className="visually-hidden">{t('previewOpenHidden', { title: pick(d.title) })}</span>
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </section>
      <p>
        <Link to="/staff">{t('back')}</Link>
      </p>
    </>
  );
}
