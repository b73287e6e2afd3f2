/** The answers as the resident filed them, one sub-section per step of the form. */
import { useI18n } from '../../i18n.tsx';
import type { SubmissionDetail } from '../staff-api.ts';

export function AnswersSection({ answers }: { answers: SubmissionDetail['answers'] }) {
  const { t, pick } = useI18n();
  return (
    <section aria-labelledby="answers-title">
      <h2 id="answers-title">{t('answers')}</h2>
      {answers.map((step) => (
        <section key={step.key} aria-labelledby={`a-${step.key}`} className="summary-section">
          <h3 id={`a-${step.key}`}>{pick(step.title)}</h3>
          <dl className="summary-list">
            {step.rows.map((row) => (
              <div
                key={row.pointer}
                className={`${row.kind === 'group' ? 'summary-list__group' : 'summary-list__row summary-list__row--plain'} depth-${row.depth}`}
              >
                <dt>{pick(row.label)}</dt>
                <dd className="summary-list__value">{pick(row.value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </section>
  );
}
