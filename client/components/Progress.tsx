/** Where the resident is in the form: "ステップ 2 / 5" and the list of steps. */
import type { Step } from '../../shared/forms/steps.ts';
import { useI18n } from '../i18n.tsx';

export function Progress({ steps, current }: { steps: Step[]; current: number }) {
  const { t, pick } = useI18n();
  const names = [...steps.map((s) => pick(s.title)), t('checkStepName')];
  return (
    <nav className="progress" aria-label={t('progressLabel')}>
      <p className="progress__count">{t('stepOf', { n: current + 1, total: names.length })}</p>
      <div className="progress__bar" aria-hidden="true">
        <div className="progress__fill" data-steps={names.length} data-current={current + 1} />
      </div>
      <ol className="progress__list">
        {names.map((name, i) => (
          <li
            key={name}
            className={i === current ? 'is-current' : i < current ? 'is-done' : ''}
            aria-current={i === current ? 'step' : undefined}
          >
            {name}
          </li>
        ))}
      </ol>
    </nav>
  );
}
