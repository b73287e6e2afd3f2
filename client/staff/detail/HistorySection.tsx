/** Everything that happened to the submission, oldest first: status changes, assignment, notes, messages, corrections, fees. */
import { statusLabel } from '../../../shared/status.ts';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import type { SubmissionDetail } from '../staff-api.ts';

export function HistorySection({ history }: { history: SubmissionDetail['history'] }) {
  const { t, pick, lang } = useI18n();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('history')}</h2>
      <ol className="history">
        {history.map((h, i) => (
          <li key={i}>
            <p className="history__meta">
              {formatDateTime(h.at, lang)}　
              {h.actor.type === 'resident' ? t('residentActor') : h.actor.type === 'system' ? t('systemActor') : h.actor.displayName}　
              {t(`kind_${h.kind}` as MessageKey)}
            </p>
            {h.kind === 'status' && h.fromStatus && h.toStatus && (
              <p>{`${pick(statusLabel(h.fromStatus))} → ${pick(statusLabel(h.toStatus))}`}</p>
            )}
            {h.text && <p className="history__text">{h.text}</p>}
            {h.changes && (
              <ul>
                {h.changes.map((c) => (
                  <li key={c.label.ja}>
                    {pick(c.label)}：{pick(c.before)} → <strong>{pick(c.after)}</strong>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
