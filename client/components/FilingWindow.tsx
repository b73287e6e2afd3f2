/** A procedure's filing period: when it opens and closes, or that it has not opened or has closed. */
import { formatDateTime } from '../../shared/format-datetime.ts';
import { windowState, type WindowState } from '../../shared/forms/window.ts';
import type { ProcedureView } from '../../shared/forms/types.ts';
import { useI18n } from '../i18n.tsx';

export function currentWindow(procedure: Pick<ProcedureView, 'opensAt' | 'closesAt'>): WindowState {
  return windowState(procedure, new Date());
}

/** On the procedure page: the period, or why the form cannot be started. */
export function FilingWindow({ procedure }: { procedure: ProcedureView }) {
  const { t, lang } = useI18n();
  const { opensAt, closesAt } = procedure;
  if (!opensAt && !closesAt) return null;
  const opens = opensAt ? formatDateTime(opensAt, lang) : '';
  const closes = closesAt ? formatDateTime(closesAt, lang) : '';
  const state = currentWindow(procedure);
  if (state === 'not_yet_open')
    return (
      <div className="notice notice--warning" role="status">
        <p>{t('windowNotYetOpen', { opens })}</p>
      </div>
    );
  if (state === 'closed')
    return (
      <div className="notice notice--warning" role="status">
        <p>{t('windowClosed', { closes })}</p>
      </div>
    );
  return (
    <p className="window-period">
      {opensAt && closesAt ? t('windowPeriod', { opens, closes }) : closesAt ? t('windowUntil', { closes }) : null}
    </p>
  );
}

/** On a step or the check page: a draft still open when the period ended cannot be sent. */
export function ClosedDraftNotice({ procedure }: { procedure: ProcedureView }) {
  const { t, lang, pick } = useI18n();
  if (!procedure.closesAt || currentWindow(procedure) !== 'closed') return null;
  return (
    <div className="notice notice--warning" role="alert">
      <p>
        {t('windowClosedDraft', {
          closes: formatDateTime(procedure.closesAt, lang),
          department: pick(procedure.department.name),
          phone: procedure.department.phone,
        })}
      </p>
    </div>
  );
}
