/** The department's review queue: counts, filters in the URL, a table, bulk status change, CSV export. */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, serverMessage } from '../api.ts';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useNavigateTo } from '../navigation.ts';
import { useLoad } from '../use-procedure.ts';
import { BulkActions } from './queue/BulkActions.tsx';
import { Filters } from './queue/Filters.tsx';
import { QueueTable } from './queue/QueueTable.tsx';
import { StatusCounts } from './queue/StatusCounts.tsx';
import { RequireStaff } from './RequireStaff.tsx';
import { SettlementLink } from './SettlementLink.tsx';
import { StaffBar } from './StaffBar.tsx';
import { staffApi, type StaffUser } from './staff-api.ts';

export function QueuePage() {
  return <RequireStaff>{(user) => <Queue user={user} />}</RequireStaff>;
}

function Queue({ user }: { user: StaffUser }) {
  const { t, pick } = useI18n();
  usePageTitle(t('queueTitle'));
  const navigate = useNavigateTo();
  const [search] = useSearchParams();
  const [reload, setReload] = useState(0);
  const page = useLoad(() => staffApi.queue(search), [search.toString(), reload]);
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkTo, setBulkTo] = useState('in_review');
  const [bulkReason, setBulkReason] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [notice, setNotice] = useState('');

  const apply = (params: URLSearchParams) => {
    setSelected([]);
    navigate(`/staff/queue?${params.toString()}`);
  };
  const bulk = async () => {
    try {
      await staffApi.bulkTransition(selected, bulkTo, bulkReason);
      setProblems([]);
      setNotice(t('saved'));
      setSelected([]);
      setReload((r) => r + 1);
    } catch (error) {
      setNotice('');
      const message = error instanceof ApiError ? (error.fields[0]?.message ?? serverMessage(error)) : null;
      setProblems([{ target: 'bulk-to', message: message ? pick(message) : t('sendFailed') }]);
    }
  };
  const withCursor = (cursor: string) => {
    const p = new URLSearchParams(search);
    p.set('cursor', cursor);
    return `/staff/queue?${p.toString()}`;
  };

  return (
    <>
      <StaffBar user={user} />
      <ErrorSummary items={problems} />
      <h1 tabIndex={-1}>{t('queueTitle')}</h1>
      {page.state === 'loading' && <Loading />}
      {page.state === 'error' && <LoadFailed error={page.error} retry={page.retry} headingLevel={2} />}
      {page.state === 'ready' && (
        <>
          <StatusCounts counts={page.value.counts} current={search.get('status')} />
          <Filters search={search} procedures={page.value.procedures} onApply={apply} />
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          {page.value.items.length === 0 ? (
            <p>{t('noSubmissions')}</p>
          ) : (
            <QueueTable items={page.value.items} procedures={page.value.procedures} selected={selected} setSelected={setSelected} />
          )}
          {page.value.nextCursor && (
            <p>
              <Link to={withCursor(page.value.nextCursor)}>{t('nextPage')}</Link>
            </p>
          )}
          {selected.length > 0 && (
            <BulkActions
              selected={selected}
              to={bulkTo}
              setTo={setBulkTo}
              reason={bulkReason}
              setReason={setBulkReason}
              onChange={() => void bulk()}
            />
          )}
        </>
      )}
      <SettlementLink />
    </>
  );
}
