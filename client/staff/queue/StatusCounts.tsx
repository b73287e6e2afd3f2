/** The queue's count per status, each a link that shows only that status. */
import { Link } from 'react-router';
import { STATUSES, statusLabel } from '../../../shared/status.ts';
import { useI18n } from '../../i18n.tsx';

export function StatusCounts({ counts, current }: { counts: Record<string, number>; current: string | null }) {
  const { t, pick } = useI18n();
  return (
    <ul className="status-counts" aria-label={t('status')}>
      {STATUSES.map((s) => (
        <li key={s}>
          <Link to={`/staff/queue?status=${s}`} aria-current={current === s ? 'true' : undefined}>
            {pick(statusLabel(s))} <strong>{counts[s] ?? 0}</strong>
          </Link>
        </li>
      ))}
    </ul>
  );
}
