/** The department's review queue: counts, filters in the URL, a table, bulk status change, CSV export. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { STATUSES, statusLabel } from '../../shared/status.ts';
import { TRANSITIONS } from '../../shared/workflow.ts';
import { ApiError } from '../api.ts';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { useLoad } from '../use-procedure.ts';
import { SettlementLink } from './SettlementLink.tsx';
import { StaffBar } from './StaffBar.tsx';
import { staffApi, type StaffUser } from './staff-api.ts';
import { useStaff } from './use-staff.ts';

const FILTER_KEYS = ['procedure', 'status', 'assignee', 'from', 'to', 'q', 'sort'] as const;
const STAFF_TARGETS = [...new Set(TRANSITIONS.filter((t) => t.by === 'staff').map((t) => t.to))];

export function QueuePage() {
  const user = useStaff();
  return user ? <Queue user={user} /> : <Loading />;
}

function Queue({ user }: { user: StaffUser }) {
  const { t, pick, lang } = useI18n();
  usePageTitle(t('queueTitle'));
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [reload, setReload] = useState(0);
  const page = useLoad(() => staffApi.queue(search), [search.toString(), reload]);
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkTo, setBulkTo] = useState('in_review');
  const [bulkReason, setBulkReason] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [notice, setNotice] = useState('');

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const params = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = String(data.get(k) ?? '');
      if (v) params.set(k, v);
    }
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
      setProblems([{ target: 'bulk-to', message: error instanceof ApiError ? (error.fields[0]?.message[lang] ?? pick(error.text)) : t('loadFailed') }]);
    }
  };
  const withCursor = (cursor: string) => {
    const p = new URLSearchParams(search);
    p.set('cursor', cursor);
    return `/staff/queue?${p.toString()}`;
  };
  const exportParams = new URLSearchParams(search);
  exportParams.delete('cursor');

  return (
    <>
      <StaffBar user={user} />
      <ErrorSummary items={problems} />
      <h1 tabIndex={-1}>{t('queueTitle')}</h1>
      {page.state === 'loading' && <Loading />}
      {page.state === 'error' && <LoadFailed error={page.error} retry={page.retry} />}
      {page.state === 'ready' && (
        <>
          <ul className="status-counts" aria-label={t('status')}>
            {STATUSES.map((s) => (
              <li key={s}>
                <Link to={`/staff/queue?status=${s}`} aria-current={search.get('status') === s ? 'true' : undefined}>
                  {pick(statusLabel(s))} <strong>{page.value.counts[s] ?? 0}</strong>
                </Link>
              </li>
            ))}
          </ul>
          <details className="filters" open>
            <summary>{t('filters')}</summary>
            <form onSubmit={apply} className="filter-grid">
              <div>
                <label htmlFor="f-procedure">{t('procedure')}</label>
                <select id="f-procedure" name="procedure" defaultValue={search.get('procedure') ?? ''}>
                  <option value="">{t('allProcedures')}</option>
                  {page.value.procedures.map((p) => (
                    <option key={p.id} value={p.id}>
                      {pick(p.title)}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="f-status">{t('status')}</label>
                <select id="f-status" name="status" defaultValue={search.get('status') ?? ''}>
                  <option value="">{t('allStatuses')}</option>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {pick(statusLabel(s))}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="f-assignee">{t('assignee')}</label>
                <select id="f-assignee" name="assignee" defaultValue={search.get('assignee') ?? ''}>
                  <option value="">{t('anyone')}</option>
                  <option value="me">{t('me')}</option>
                  <option value="none">{t('unassigned')}</option>
                </select>
              </div>
              <div>
                <label htmlFor="f-from">{t('dateFrom')}</label>
                <input id="f-from" name="from" type="date" defaultValue={search.get('from') ?? ''} />
              </div>
              <div>
                <label htmlFor="f-to">{t('dateTo')}</label>
                <input id="f-to" name="to" type="date" defaultValue={search.get('to') ?? ''} />
              </div>
              <div>
                <label htmlFor="f-q">{t('searchRef')}</label>
                <input id="f-q" name="q" type="search" defaultValue={search.get('q') ?? ''} autoComplete="off" />
              </div>
              <div>
                <label htmlFor="f-sort">{t('sortOrder')}</label>
                <select id="f-sort" name="sort" defaultValue={search.get('sort') ?? 'newest'}>
                  <option value="newest">{t('newest')}</option>
                  <option value="oldest">{t('oldest')}</option>
                </select>
              </div>
              <div className="filter-actions">
                <button type="submit" className="button">
                  {t('apply')}
                </button>
                <a className="button button--secondary" href={`/api/staff/export.csv?${exportParams.toString()}`} download>
                  {t('exportCsv')}
                </a>
              </div>
            </form>
          </details>
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          {page.value.items.length === 0 ? (
            <p>{t('noSubmissions')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="queue-caption" tabIndex={0}>
              <table className="queue">
                <caption id="queue-caption">{t('queueTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('select')}</th>
                    <th scope="col">{t('referenceNumber')}</th>
                    <th scope="col">{t('procedure')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('submittedAt')}</th>
                    <th scope="col">{t('assignee')}</th>
                    <th scope="col">{t('paymentColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.value.items.map((item) => (
                    <tr key={item.referenceNumber}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t('select')} ${item.referenceNumber}`}
                          checked={selected.includes(item.referenceNumber)}
                          onChange={(e) => setSelected((s) => (e.target.checked ? [...s, item.referenceNumber] : s.filter((r) => r !== item.referenceNumber)))}
                        />
                      </td>
                      <td>
                        <Link to={`/staff/submissions/${item.referenceNumber}`} className="code-link">
                          {item.referenceNumber}
                        </Link>
                      </td>
                      <td>{pick(page.value.procedures.find((p) => p.id === item.procedureId)?.title) || item.procedureId}</td>
                      <td>
                        <span className={`status-tag status-tag--small status-tag--${item.status}`}>{pick(item.statusLabel)}</span>
                      </td>
                      <td>{formatDateTime(item.submittedAt, lang)}</td>
                      <td>{item.assignee?.displayName ?? t('unassigned')}</td>
                      <td>{item.paymentStatusLabel ? <span className={`pay-tag pay-tag--${item.paymentStatus}`}>{pick(item.paymentStatusLabel)}</span> : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.value.nextCursor && (
            <p>
              <Link to={withCursor(page.value.nextCursor)}>{t('nextPage')}</Link>
            </p>
          )}
          {selected.length > 0 && (
            <fieldset className="bulk">
              <legend>
                {t('bulkChange')}（{t('selectedCount', { n: selected.length })}）
              </legend>
              <label htmlFor="bulk-to">{t('newStatus')}</label>
              <select id="bulk-to" value={bulkTo} onChange={(e) => setBulkTo(e.target.value)}>
                {STAFF_TARGETS.map((s) => (
                  <option key={s} value={s}>
                    {pick(statusLabel(s))}
                  </option>
                ))}
              </select>
              <label htmlFor="bulk-reason">{t('reason')}</label>
              <p className="field-hint">{t('reasonHint')}</p>
              <textarea id="bulk-reason" value={bulkReason} onChange={(e) => setBulkReason(e.target.value)} />
              <div className="actions">
                <button type="button" className="button" onClick={() => void bulk()}>
                  {t('change')}
                </button>
                <a className="button button--secondary" href={`/api/staff/receipts.pdf?refs=${selected.join(',')}`} download>
                  {t('downloadSelectedReceipts')}
                </a>
              </div>
            </fieldset>
          )}
        </>
      )}
      <SettlementLink />
    </>
  );
}
