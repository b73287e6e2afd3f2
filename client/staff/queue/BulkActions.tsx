/** The status change and the department copies for the submissions ticked in the queue. */
import { statusLabel } from '../../../shared/status.ts';
import { TRANSITIONS } from '../../../shared/workflow.ts';
import { useI18n } from '../../i18n.tsx';

const STAFF_TARGETS = [...new Set(TRANSITIONS.filter((t) => t.by === 'staff').map((t) => t.to))];

interface BulkActionsProps {
  selected: string[];
  to: string;
  setTo: (to: string) => void;
  reason: string;
  setReason: (reason: string) => void;
  onChange: () => void;
}

export function BulkActions({ selected, to, setTo, reason, setReason, onChange }: BulkActionsProps) {
  const { t, pick } = useI18n();
  return (
    <fieldset className="bulk">
      <legend>
        {t('bulkChange')}（{t('selectedCount', { n: selected.length })}）
      </legend>
      <label htmlFor="bulk-to">{t('newStatus')}</label>
      <select id="bulk-to" value={to} onChange={(e) => setTo(e.target.value)}>
        {STAFF_TARGETS.map((s) => (
          <option key={s} value={s}>
            {pick(statusLabel(s))}
          </option>
        ))}
      </select>
      <label htmlFor="bulk-reason">{t('reason')}</label>
      <p className="field-hint">{t('reasonHint')}</p>
      <textarea id="bulk-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="actions">
        <button type="button" className="button" onClick={onChange}>
          {t('change')}
        </button>
        {/* A plain download link: the browser itself reports a download that fails. */}
        <a className="button button--secondary" href={`/api/staff/receipts.pdf?refs=${selected.join(',')}`} download>
          {t('downloadSelectedReceipts')}
        </a>
      </div>
    </fieldset>
  );
}
