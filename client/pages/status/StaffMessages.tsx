/** Messages from the department to the resident, oldest first. */
import type { SubmissionStatusView } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';

export function StaffMessages({ messages }: { messages: SubmissionStatusView['messages'] }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h3>{t('messagesFromStaff')}</h3>
      <ul className="messages">
        {messages.map((m) => (
          <li key={m.at}>
            <p className="history__meta">{formatDateTime(m.at, lang)}</p>
            <p className="history__text">{m.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
