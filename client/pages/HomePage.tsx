/** Home: procedures grouped by life event, with a search box. */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { CATEGORIES } from '../../shared/forms/categories.ts';
import type { ProcedureSummary } from '../../shared/forms/types.ts';
import { searchProcedures } from '../../shared/forms/search.ts';
import { api } from '../api.ts';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useLoad } from '../use-procedure.ts';

function ProcedureCard({ p }: { p: ProcedureSummary }) {
  const { pick } = useI18n();
  return (
    <li className="card">
      <Link to={`/procedures/${p.id}`} className="card__link">
        {pick(p.title)}
      </Link>
      <p className="card__body">{pick(p.summary)}</p>
    </li>
  );
}

export function HomePage() {
  const { t, pick } = useI18n();
  usePageTitle(undefined);
  const [query, setQuery] = useState('');
  const list = useLoad(() => api.listProcedures(), []);
  const procedures = useMemo(() => (list.state === 'ready' ? list.value.procedures : []), [list]);
  const found = useMemo(() => (query.trim() ? searchProcedures(procedures, query) : []), [procedures, query]);

  return (
    <>
      <h1 tabIndex={-1}>{t('homeTitle')}</h1>
      <p className="lead">{t('homeLead')}</p>
      <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="search" className="field-label">
          {t('searchLabel')}
        </label>
        <p className="field-hint" id="search-hint">
          {t('searchHint')}
        </p>
        <input
          id="search"
          type="search"
          className="input"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby="search-hint"
          autoComplete="off"
        />
      </form>
      {list.state === 'loading' && <Loading />}
      {list.state === 'error' && <LoadFailed error={list.error} retry={list.retry} headingLevel={2} />}
      {query.trim() ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title" aria-live="polite">
            {t('searchResults', { q: query.trim(), n: found.length })}
          </h2>
          {found.length === 0 ? (
            <>
              <p>{t('noResults')}</p>
              <p>
                {t('noResultsCall')} <a href="tel:+81423831111">{t('cityPhone')}</a>
              </p>
              <h3>{t('allOnlineProcedures')}</h3>
              <ul className="cards">
                {procedures.map((p) => (
                  <ProcedureCard key={p.id} p={p} />
                ))}
              </ul>
            </>
          ) : (
            <ul className="cards">
              {found.map((p) => (
                <ProcedureCard key={p.id} p={p} />
              ))}
            </ul>
          )}
        </section>
      ) : (
        CATEGORIES.map((c) => {
          const inCategory = procedures.filter((p) => p.category === c.id);
          if (inCategory.length === 0) return null;
          return (
            <section key={c.id} aria-labelledby={`cat-${c.id}`}>
              <h2 id={`cat-${c.id}`}>{pick(c.label)}</h2>
              <ul className="cards">
                {inCategory.map((p) => (
                  <ProcedureCard key={p.id} p={p} />
                ))}
              </ul>
            </section>
          );
        })
      )}
      <section className="status-callout" aria-labelledby="status-title">
        <h2 id="status-title">{t('statusLinkTitle')}</h2>
        <p>{t('statusLinkBody')}</p>
        <Link to="/status" className="button button--secondary">
          {t('statusSubmit')}
        </Link>
      </section>
    </>
  );
}
