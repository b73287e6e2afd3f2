/** The queue's filters (kept in the address) and the CSV export of what they select. */
import type { FormEvent } from 'react';
import type { LocalizedText } from '../../../shared/forms/types.ts';
import { STATUSES, statusLabel } from '../../../shared/status.ts';
import { useI18n } from '../../i18n.tsx';

const FILTER_KEYS = ['procedure', 'status', 'assignee', 'channel', 'due', 'from', 'to', 'q', 'sort'] as const;

interface FiltersProps {
  search: URLSearchParams;
  procedures: { id: string; title: LocalizedText }[];
  /** Called with the query string of the chosen filters. */
  onApply: (params: URLSearchParams) => void;
}

export function Filters({ search, procedures, onApply }: FiltersProps) {
  const { t, pick } = useI18n();
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const params = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = String(data.get(k) ?? '');
      if (v) params.set(k, v);
    }
    onApply(params);
  };
  const exportParams = new URLSearchParams(search);
  exportParams.delete('cursor');
  return (
    <details className="filters" open>
      <summary>{t('filters')}</summary>
      <form onSubmit={apply} className="filter-grid">
        <div>
          <label htmlFor="f-procedure">{t('procedure')}</label>
          <select id="f-procedure" name="procedure" defaultValue={search.get('procedure') ?? ''}>
            <option value="">{t('allProcedures')}</option>
            {procedures.map((p) => (
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
          <label htmlFor="f-channel">{t('channel')}</label>
          <select id="f-channel" name="channel" defaultValue={search.get('channel') ?? ''}>
            <option value="">{t('channelAll')}</option>
            <option value="online">{t('channel_online')}</option>
            <option value="counter-assisted">{t('channel_counter-assisted')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-due">{t('dueFilter')}</label>
          <select id="f-due" name="due" defaultValue={search.get('due') ?? ''}>
            <option value="">{t('dueAny')}</option>
            <option value="overdue">{t('dueOverdue')}</option>
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
          {/* A plain download link: the browser itself reports a download that fails. Each procedure has its own columns. */}
          {procedures.length > 1 && !search.get('procedure') ? (
            <p className="field-hint">{t('exportChooseProcedure')}</p>
          ) : (
            <a className="button button--secondary" href={`/api/staff/export.csv?${exportParams.toString()}`} download>
              {t('exportCsv')}
            </a>
          )}
        </div>
      </form>
    </details>
  );
}
