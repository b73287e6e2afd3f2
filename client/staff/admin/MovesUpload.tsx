/** The April moves (人事異動) as a CSV file: all lines or none, with a message per line. */
import { useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { useI18n } from '../../i18n.tsx';
import { problemsOf } from '../account/problems.ts';
import { staffApi } from '../staff-api.ts';

export function MovesUpload({ onMoved }: { onMoved: () => void }) {
  const { t, lang } = useI18n();
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [notice, setNotice] = useState('');
  const upload = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = (new FormData(e.currentTarget).get('csv') as File | null) ?? null;
    if (!file || file.size === 0) return;
    try {
      const { moved } = await staffApi.importMoves(await file.text());
      setProblems([]);
      setNotice(t('movesDone', { n: moved }));
      onMoved();
    } catch (error) {
      setNotice('');
      setProblems(problemsOf(error, lang, { target: 'moves-csv', text: t('sendFailed') }, () => 'moves-csv'));
    }
  };
  return (
    <section aria-labelledby="moves-title" className="panel">
      <h2 id="moves-title">{t('movesTitle')}</h2>
      <ErrorSummary items={problems} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p className="field-hint" id="moves-hint">
        {t('movesHint')}
      </p>
      <form onSubmit={(e) => void upload(e)}>
        <label htmlFor="moves-csv" className="field-label">
          {t('movesFile')}
        </label>
        <input id="moves-csv" name="csv" type="file" accept=".csv,text/csv" aria-describedby="moves-hint" />
        <div className="actions">
          <button type="submit" className="button button--secondary">
            {t('upload')}
          </button>
        </div>
      </form>
    </section>
  );
}
