/** A submission sent again after a 差戻し: when, the reason it was returned with, and what the resident changed. */
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { SubmissionDetail } from '../staff-api.ts';

export function ResubmissionSection({ resubmission }: { resubmission: NonNullable<SubmissionDetail['resubmission']> }) {
  const { t, pick, lang } = useI18n();
  return (
    <section aria-labelledby="resubmission-title" className="panel panel--notice">
      <h2 id="resubmission-title">{t('resubmissionTitle')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('resubmissionAt')}</dt>
          <dd>{formatDateTime(resubmission.at, lang)}</dd>
        </div>
        {resubmission.returnReason && (
          <div>
            <dt>{t('returnedWith')}</dt>
            <dd className="history__text">{resubmission.returnReason}</dd>
          </div>
        )}
      </dl>
      <h3>{t('resubmissionChanges')}</h3>
      {resubmission.changes.length === 0 ? (
        <p>{t('resubmissionNoChanges')}</p>
      ) : (
        <ul className="changes">
          {resubmission.changes.map((c) => (
            <li key={c.label.ja}>
              {pick(c.label)}
              {lang === 'ja' ? '：' : ': '}
              <del>{pick(c.before)}</del> → <ins>{pick(c.after)}</ins>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
