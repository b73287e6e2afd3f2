/** Download of the department's daily settlement CSV (payments and refunds of one Japan day). */
import { useState } from 'react';
import { japanDay } from '../../shared/fiscal-year.ts';
import { useI18n } from '../i18n.tsx';

export function SettlementLink() {
  const { t } = useI18n();
  const [date, setDate] = useState(() => japanDay(new Date()));
  return (
    <section aria-labelledby="settlement-title" className="panel">
      <h2 id="settlement-title">{t('settlementTitle')}</h2>
      <label htmlFor="settlement-date" className="field-label">
        {t('settlementDate')}
      </label>
      <input id="settlement-date" type="date" className="input input--short" value={date} onChange={(e) => setDate(e.target.value)} />
      <div className="actions">
        <a className="button button--secondary" href={`/api/staff/settlement.csv?date=${encodeURIComponent(date)}`} download>
          {t('settlementDownload')}
        </a>
      </div>
    </section>
  );
}
