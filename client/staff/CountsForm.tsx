/** The counter/mail counts form, for the DX office's dashboard and for each department. */
import { useState, type FormEvent } from 'react';
import { japanMonth } from '../../shared/fiscal-year.ts';
import type { LocalizedText } from '../../shared/forms/types.ts';
import { ApiError, serverMessage } from '../api.ts';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { useI18n } from '../i18n.tsx';
import { staffApi } from './staff-api.ts';

export function CountsForm({
  procedures,
  months,
  onSaved,
}: {
  procedures: { id: string; name: LocalizedText }[];
  months: string[];
  onSaved: () => void;
}) {
  const { t, pick, lang } = useI18n();
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [notice, setNotice] = useState('');
  const fail = (error: unknown) => {
    setNotice('');
    if (error instanceof ApiError && error.fields.length > 0)
      setProblems(error.fields.map((f) => ({ target: `count-${f.pointer.split('/').pop()}`, message: f.message[lang] })));
    else {
      const message = serverMessage(error);
      setProblems([{ target: 'count-procedureId', message: message ? pick(message) : t('sendFailed') }]);
    }
  };
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      await staffApi.enterCounts({
        procedureId: String(f.get('procedureId')),
        month: String(f.get('month')),
        counter: Number(f.get('counter')),
        mail: Number(f.get('mail')),
      });
      setProblems([]);
      setNotice(t('saved'));
      onSaved();
    } catch (error) {
      fail(error);
    }
  };
  const upload = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = (new FormData(e.currentTarget).get('csv') as File | null) ?? null;
    if (!file || file.size === 0) return;
    try {
      await staffApi.uploadCounts(await file.text());
      setProblems([]);
      setNotice(t('saved'));
      onSaved();
    } catch (error) {
      fail(error);
    }
  };
  return (
    <section aria-labelledby="counts-title" className="panel">
      <h2 id="counts-title">{t('countsTitle')}</h2>
      <ErrorSummary items={problems} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p className="field-hint">{t('countsHint')}</p>
      <form onSubmit={(e) => void save(e)} className="filter-grid">
        <div>
          <label htmlFor="count-procedureId">{t('procedure')}</label>
          <select id="count-procedureId" name="procedureId">
            {procedures.map((u) => (
              <option key={u.id} value={u.id}>
                {pick(u.name)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="count-month">{t('month')}</label>
          <select id="count-month" name="month" defaultValue={months.filter((m) => m <= japanMonth(new Date())).at(-1)}>
            {months.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="count-counter">{t('counterCount')}</label>
          <input id="count-counter" name="counter" type="number" min={0} inputMode="numeric" defaultValue={0} />
        </div>
        <div>
          <label htmlFor="count-mail">{t('mailCount')}</label>
          <input id="count-mail" name="mail" type="number" min={0} inputMode="numeric" defaultValue={0} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('save')}
          </button>
        </div>
      </form>
      <form onSubmit={(e) => void upload(e)}>
        <label htmlFor="count-csv" className="field-label">
          {t('csvUpload')}
        </label>
        <input id="count-csv" name="csv" type="file" accept=".csv,text/csv" />
        <div className="actions">
          <button type="submit" className="button button--secondary">
            {t('upload')}
          </button>
        </div>
      </form>
    </section>
  );
}
