/** What the current status means, and where it stands on the usual path 受付 → 審査中 → 完了. */
import type { LocalizedText } from '../../../shared/forms/types.ts';
import { STATUS_LABELS, STATUS_MEANINGS, STATUS_PATH, type SubmissionStatus } from '../../../shared/status.ts';
import { useI18n } from '../../i18n.tsx';

export function StatusExplained({ status, processingTime }: { status: string; processingTime: LocalizedText | null }) {
  const { t, pick } = useI18n();
  const meaning = STATUS_MEANINGS[status as SubmissionStatus];
  // Before payment and while returned the application is still on its way to 受付 / back in review.
  const at = STATUS_PATH.indexOf(status === 'returned' ? 'in_review' : (status as SubmissionStatus));
  return (
    <div className="status-explained">
      {/* A status on the path is explained in the path itself; the others (支払待ち, 差戻し …) here. */}
      {meaning && !STATUS_PATH.includes(status as SubmissionStatus) && <p data-testid="status-meaning">{pick(meaning)}</p>}
      {at >= 0 && (
        <ol className="status-path" aria-label={t('statusPathLabel')}>
          {STATUS_PATH.map((s, i) => (
            <li key={s} className={i < at ? 'is-done' : i === at ? 'is-current' : undefined} aria-current={i === at ? 'step' : undefined}>
              <span className="status-path__label">{pick(STATUS_LABELS[s])}</span>
              <span className="status-path__meaning">{pick(STATUS_MEANINGS[s])}</span>
            </li>
          ))}
        </ol>
      )}
      {processingTime && <p className="caption">{t('labelled', { label: t('processingTimeLabel'), value: pick(processingTime) })}</p>}
    </div>
  );
}
