/** 標準処理期間 on the detail page: the period, the due date (or why the clock is stopped) and whether it was met. */
import type { StaffDeadline } from '../../../shared/api-types.ts';
import { formatDateBoth } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';

export function DeadlineFact({ deadline }: { deadline: StaffDeadline }) {
  const { t, lang } = useI18n();
  const unit = t(deadline.period.count === 'working' ? 'deadlineWorking' : 'deadlineCalendar');
  const date = (iso: string) => formatDateBoth(iso, lang);
  return (
    <div>
      <dt>{t('deadlineTitle')}</dt>
      <dd data-testid="deadline">
        {t('deadlinePeriod', { days: deadline.period.days, unit })}
        <br />
        {deadline.paused || deadline.dueOn === null ? (
          t('deadlinePaused')
        ) : deadline.metPeriod !== null && deadline.decidedOn ? (
          t(deadline.metPeriod ? 'deadlineMet' : 'deadlineMissed', { date: date(deadline.decidedOn) })
        ) : (
          <>
            <strong>{t('deadlineDue', { date: date(deadline.dueOn) })}</strong>
            {deadline.overdue && <span className="tag tag--alert">{t('overdueTag')}</span>}
          </>
        )}
      </dd>
    </div>
  );
}
