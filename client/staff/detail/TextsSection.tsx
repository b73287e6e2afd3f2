/** An internal note for colleagues, and a message the resident reads on the status page. */
import { useState } from 'react';
import { useI18n } from '../../i18n.tsx';
import { staffApi } from '../staff-api.ts';
import type { Run } from './run.ts';

/** One text box and its button; the box empties once the text is saved. */
function TextForm({
  id,
  label,
  button,
  send,
  run,
}: {
  id: string;
  label: string;
  button: string;
  send: (text: string) => Promise<unknown>;
  run: Run;
}) {
  const [text, setText] = useState('');
  return (
    <>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea id={id} value={text} onChange={(e) => setText(e.target.value)} />
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            void run(
              id,
              () => send(text),
              () => setText(''),
            )
          }
        >
          {button}
        </button>
      </div>
    </>
  );
}

export function TextsSection({ referenceNumber, run }: { referenceNumber: string; run: Run }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="texts-title" className="panel">
      <h2 id="texts-title">
        {t('addNote')} / {t('sendMessage')}
      </h2>
      <TextForm id="note" label={t('note')} button={t('addNote')} send={(text) => staffApi.note(referenceNumber, text)} run={run} />
      <TextForm
        id="message"
        label={t('messageToResident')}
        button={t('sendMessage')}
        send={(text) => staffApi.message(referenceNumber, text)}
        run={run}
      />
    </section>
  );
}
