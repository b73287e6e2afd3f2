/** Where a department enters its counter and mail filings per month (clerk, supervisor). */
import { useState } from 'react';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useLoad } from '../use-procedure.ts';
import { CountsForm } from './CountsForm.tsx';
import { RequireStaff } from './RequireStaff.tsx';
import { StaffBar } from './StaffBar.tsx';
import { staffApi, type StaffUser } from './staff-api.ts';

export function CountsPage() {
  return <RequireStaff>{(user) => <Counts user={user} />}</RequireStaff>;
}

function Counts({ user }: { user: StaffUser }) {
  const { t, pick } = useI18n();
  usePageTitle(t('countsTitle'));
  const [reload, setReload] = useState(0);
  const data = useLoad(() => staffApi.counts(), [reload]);
  return (
    <>
      <StaffBar user={user} />
      <h1 tabIndex={-1}>{t('countsTitle')}</h1>
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <LoadFailed error={data.error} retry={data.retry} headingLevel={2} />}
      {data.state === 'ready' && (
        <>
          <CountsForm procedures={data.value.procedures} months={data.value.months} onSaved={() => setReload((r) => r + 1)} />
          <div className="table-scroll" role="region" aria-labelledby="entered-caption" tabIndex={0}>
            <table className="queue">
              <caption id="entered-caption">{t('enteredCounts')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('procedure')}</th>
                  <th scope="col">{t('month')}</th>
                  <th scope="col">{t('counter')}</th>
                  <th scope="col">{t('mail')}</th>
                </tr>
              </thead>
              <tbody>
                {data.value.entries.map((e) => (
                  <tr key={`${e.procedureId}-${e.month}`}>
                    <td>{pick(data.value.procedures.find((p) => p.id === e.procedureId)?.name)}</td>
                    <td>{e.month}</td>
                    <td>{e.counter}</td>
                    <td>{e.mail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
