/** One page of the queue as a table, with a checkbox per submission for the bulk change. */
import type { Dispatch, SetStateAction } from 'react';
import { Link } from 'react-router';
import type { LocalizedText } from '../../../shared/forms/types.ts';
import { formatDateBoth, formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { QueueItem } from '../staff-api.ts';

interface QueueTableProps {
  items: QueueItem[];
  procedures: { id: string; title: LocalizedText }[];
  selected: string[];
  setSelected: Dispatch<SetStateAction<string[]>>;
}

export function QueueTable({ items, procedures, selected, setSelected }: QueueTableProps) {
  const { t, pick, lang } = useI18n();
  return (
    <div className="table-scroll" role="region" aria-labelledby="queue-caption" tabIndex={0}>
      <table className="queue">
        <caption id="queue-caption">{t('queueTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('select')}</th>
            <th scope="col">{t('referenceNumber')}</th>
            <th scope="col">{t('applicantColumn')}</th>
            <th scope="col">{t('procedure')}</th>
            <th scope="col">{t('channel')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('submittedAt')}</th>
            <th scope="col">{t('dueOnColumn')}</th>
            <th scope="col">{t('assignee')}</th>
            <th scope="col">{t('paymentColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.referenceNumber}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${t('select')} ${item.referenceNumber}`}
                  checked={selected.includes(item.referenceNumber)}
                  onChange={(e) =>
                    setSelected((s) => (e.target.checked ? [...s, item.referenceNumber] : s.filter((r) => r !== item.referenceNumber)))
                  }
                />
              </td>
              <td>
                <Link to={`/staff/submissions/${item.referenceNumber}`} className="code-link">
                  {item.referenceNumber}
                </Link>
              </td>
              <td>{item.applicantName ?? '—'}</td>
              <td>{pick(procedures.find((p) => p.id === item.procedureId)?.title) || item.procedureId}</td>
              <td>{item.channel === 'counter-assisted' ? t('channel_counter-assisted') : t('channel_online')}</td>
              <td>
                <span className={`status-tag status-tag--small status-tag--${item.status}`}>{pick(item.statusLabel)}</span>
                {item.resubmitted && item.status !== 'returned' && <span className="tag tag--info">{t('resubmittedTag')}</span>}
              </td>
              <td>{formatDateTime(item.submittedAt, lang)}</td>
              <td>
                {item.dueOn ? formatDateBoth(item.dueOn, lang) : '—'}
                {item.overdue && <span className="tag tag--alert">{t('overdueTag')}</span>}
              </td>
              <td>{item.assignee?.displayName ?? t('unassigned')}</td>
              <td>
                {item.paymentStatusLabel ? (
                  <span className={`pay-tag pay-tag--${item.paymentStatus}`}>{pick(item.paymentStatusLabel)}</span>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
