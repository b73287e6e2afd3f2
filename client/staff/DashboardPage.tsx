/**
 * The DX office's page: priority coverage, high-need share, online versus counter-assisted and counter/mail use, review
 * work and the form funnel for one fiscal year, and the form where counter/mail counts are entered.
 * Every chart is decorative (aria-hidden) next to a table that holds the same figures.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { DashboardFigures, DashboardMissingProcedure } from '../../shared/api-types.ts';
import { fiscalYearLabel, fiscalYearOfMonth, japanMonth } from '../../shared/fiscal-year.ts';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { useNavigateTo } from '../navigation.ts';
import { useLoad } from '../use-procedure.ts';
import { CountsForm } from './CountsForm.tsx';
import { RequireStaff } from './RequireStaff.tsx';
import { StaffBar } from './StaffBar.tsx';
import { staffApi, type StaffUser } from './staff-api.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function Bar({ value }: { value: number | null }) {
  return (
    <span className="bar" aria-hidden="true">
      <span className="bar__fill" data-pct={Math.round((value ?? 0) * 20) * 5} />
    </span>
  );
}

export function DashboardPage() {
  return <RequireStaff>{(user) => <DashboardView user={user} />}</RequireStaff>;
}

function DashboardView({ user }: { user: StaffUser }) {
  const { t, pick } = useI18n();
  usePageTitle(t('dashTitle'));
  const navigate = useNavigateTo();
  const [search] = useSearchParams();
  const [reload, setReload] = useState(0);
  const data = useLoad(() => staffApi.dashboard(search), [search.toString(), reload]);
  const currentFy = fiscalYearOfMonth(japanMonth(new Date()));
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const params = new URLSearchParams();
    for (const k of ['fy', 'department']) if (form.get(k)) params.set(k, String(form.get(k)));
    navigate(`/staff/dashboard?${params.toString()}`);
  };
  return (
    <>
      <StaffBar user={user} />
      <h1 tabIndex={-1}>{t('dashTitle')}</h1>
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <LoadFailed error={data.error} retry={data.retry} headingLevel={2} />}
      {data.state === 'ready' && (
        <>
          <form className="filter-grid filters" onSubmit={apply}>
            <div>
              <label htmlFor="fy">{t('fiscalYear')}</label>
              <select id="fy" name="fy" defaultValue={String(data.value.fiscalYear)}>
                {[currentFy - 2, currentFy - 1, currentFy].map((fy) => (
                  <option key={fy} value={fy}>
                    {pick(fiscalYearLabel(fy))}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="department">{t('department')}</label>
              <select id="department" name="department" defaultValue={data.value.departmentId ?? ''}>
                <option value="">{t('allDepartments')}</option>
                {data.value.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {pick(d.name)}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter-actions">
              <button type="submit" className="button">
                {t('show')}
              </button>
            </div>
          </form>
          <Coverage data={data.value} />
          <Use data={data.value} />
          <Work data={data.value} />
          <CountsForm
            procedures={data.value.use.map((u) => ({ id: u.id, name: u.name }))}
            months={data.value.months}
            onSaved={() => setReload((r) => r + 1)}
          />
          <p>
            {t('openData')}：<a href="/api/open-data/catalog.csv">catalog.csv</a>　<a href="/api/open-data/catalog.json">catalog.json</a>　
            <a href={`/api/open-data/monthly.csv?fy=${data.value.fiscalYear}`}>monthly.csv</a>　
            <a href={`/api/open-data/monthly.json?fy=${data.value.fiscalYear}`}>monthly.json</a>
          </p>
        </>
      )}
    </>
  );
}

function MissingTable({ rows, caption }: { rows: DashboardMissingProcedure[]; caption: string }) {
  const { t, pick } = useI18n();
  if (rows.length === 0) return <p className="all-online">{t('allOnline')}</p>;
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="queue">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('procedure')}</th>
            <th scope="col">{t('department')}</th>
            <th scope="col">{t('stateLabel')}</th>
            <th scope="col">{t('targetYear')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td>{pick(m.name)}</td>
              <td>{pick(m.department.name)}</td>
              <td>{t(`state_${m.state}` as MessageKey)}</td>
              <td>{m.targetFiscalYear ? pick(fiscalYearLabel(m.targetFiscalYear)) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Coverage({ data }: { data: DashboardFigures }) {
  const { t } = useI18n();
  const { priority, highNeed } = data.coverage;
  return (
    <>
      <section aria-labelledby="priority-title" className="panel">
        <h2 id="priority-title">{t('priorityTitle')}</h2>
        <p className="big-figure">{t('priorityOnline', { total: priority.total, online: priority.online })}</p>
        <p className="figure-detail">
          {t('priorityShare', { share: pct(priority.share) })}
          {priority.gap > 0 ? t('priorityGap', { gap: priority.gap }) : t('priorityGoalMet')}
        </p>
        <Bar value={priority.share} />
        <p>{t('priorityGoal', { fy: priority.goalFiscalYear })}</p>
        {priority.overdue && (
          <p className="notice notice--warning" data-testid="priority-overdue">
            {t('priorityOverdue', { fy: priority.goalFiscalYear, gap: priority.gap })}
          </p>
        )}
        <MissingTable rows={priority.missing} caption={t('missingTitle')} />
      </section>
      <section aria-labelledby="highneed-title" className="panel">
        <h2 id="highneed-title">{t('highNeedTitle')}</h2>
        <p className="big-figure">{t('highNeedShare', { share: pct(highNeed.share), goal: pct(highNeed.goalShare) })}</p>
        <p className="figure-detail">
          {t('highNeedCount', { online: highNeed.online, total: highNeed.total })}
          {highNeed.gap > 0 ? t('highNeedGap', { gap: highNeed.gap }) : t('highNeedGoalMet')}
        </p>
        <Bar value={highNeed.share} />
        <MissingTable rows={highNeed.missing} caption={t('labelled', { label: t('highNeedTitle'), value: t('missingTitle') })} />
      </section>
    </>
  );
}

function Use({ data }: { data: DashboardFigures }) {
  const { t, pick } = useI18n();
  return (
    <section aria-labelledby="use-title">
      <h2 id="use-title">{t('useTitle')}</h2>
      <p>{t('counterAssistedNote')}</p>
      {data.use.map((u) => (
        <section key={u.id} aria-labelledby={`use-${u.id}`} className="panel">
          <h3 id={`use-${u.id}`}>{pick(u.name)}</h3>
          <p>
            {t('yearTotal')}：{t('onlineRate')} {u.total.monthsCounted > 0 ? pct(u.total.onlineRate) : t('rateNeedsCounts')}
            {u.total.monthsCounted > 0 && `（${t('monthsCounted', { n: u.total.monthsCounted })}）`}（{t('online')} {u.total.online} /{' '}
            {t('counterAssisted')} {u.total.counterAssisted} / {t('counter')} {u.total.counter} / {t('mail')} {u.total.mail}）
          </p>
          <details>
            <summary>{t('byMonth')}</summary>
            <div className="table-scroll" role="region" aria-labelledby={`use-${u.id}`} tabIndex={0}>
              <table className="queue">
                <caption>{t('labelled', { label: pick(u.name), value: t('useTitle') })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('month')}</th>
                    <th scope="col">{t('online')}</th>
                    <th scope="col">{t('counterAssisted')}</th>
                    <th scope="col">{t('counter')}</th>
                    <th scope="col">{t('mail')}</th>
                    <th scope="col">{t('onlineRate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {u.months.map((m) => (
                    <tr key={m.month} data-month={m.month}>
                      <th scope="row">{m.month}</th>
                      <td>{m.online}</td>
                      <td>{m.counterAssisted}</td>
                      <td>{m.entered ? m.counter : t('notEntered')}</td>
                      <td>{m.entered ? m.mail : t('notEntered')}</td>
                      <td>
                        {m.entered ? (
                          <>
                            <Bar value={m.onlineRate} /> {pct(m.onlineRate)}
                          </>
                        ) : (
                          t('rateNeedsCounts')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      ))}
    </section>
  );
}

function Work({ data }: { data: DashboardFigures }) {
  const { t, pick } = useI18n();
  return (
    <section aria-labelledby="work-title">
      <h2 id="work-title">
        {t('workTitle')} / {t('funnelTitle')}
      </h2>
      <div className="table-scroll" role="region" aria-labelledby="work-title" tabIndex={0}>
        <table className="queue">
          <caption>{t('workTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procedure')}</th>
              <th scope="col">{t('submissionsCount')}</th>
              <th scope="col">{t('medianDays')}</th>
              <th scope="col">{t('returnedShare')}</th>
              <th scope="col">{t('withinPeriodShare')}</th>
              <th scope="col">{t('overdueCount')}</th>
              <th scope="col">{t('cashlessShare')}</th>
              <th scope="col">{t('started')}</th>
              <th scope="col">{t('completionRate')}</th>
            </tr>
          </thead>
          <tbody>
            {data.work.map((w) => {
              const f = data.funnel.find((x) => x.id === w.id);
              return (
                <tr key={w.id}>
                  <th scope="row">{pick(w.name)}</th>
                  <td>{w.submissions}</td>
                  <td>{w.medianDaysToDecision ?? '—'}</td>
                  <td>{pct(w.returnedShare)}</td>
                  <td>{pct(w.withinPeriodShare)}</td>
                  <td>{w.overdue}</td>
                  <td>{pct(w.cashlessShare)}</td>
                  <td>{f?.started ?? 0}</td>
                  <td>{pct(f?.completionRate ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
