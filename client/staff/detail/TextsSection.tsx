/** An internal note for colleagues, and a message the resident reads on the status page. */
import { useState } from 'react';
import { useI18n } from '../../i18n.tsx';
import { staffApi } from '../staff-api.ts';
import type { Run } from './run.ts';

export function TextsSection({ referenceNumber, run }: { referenceNumber: string; run: Run }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  return (
    <section aria-labelledby="texts-title" className="panel">
      <h2 id="texts-title">
        {t('addNote')} / {t('sendMessage')}
      </h2>
      <label htmlFor="note" className="field-label">
        {t('note')}
      </label>
      <textarea id="note" value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            void run(
              'note',
              () => staffApi.note(referenceNumber, note),
              () => setNote(''),
            )
          }
        >
          {t('addNote')}
        </button>
      </div>
      <label htmlFor="message" className="field-label">
        {t('messageToResident')}
      </label>
      <textarea id="message" value={message} onChange={(e) => setMessage(e.target.value)} />
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            void run(
              'message',
              () => staffApi.message(referenceNumber, message),
              () => setMessage(''),
            )
          }
        >
          {t('sendMessage')}
        </button>
      </div>
    </section>
  );
}
