/** Who in the department handles the submission: assign a colleague (oneself by default) or nobody. */
import { useState } from 'react';
import { useI18n } from '../../i18n.tsx';
import { staffApi, type SubmissionDetail } from '../staff-api.ts';
import type { Run } from './run.ts';

interface AssignSectionProps {
  detail: SubmissionDetail;
  colleagues: { id: number; displayName: string }[];
  userId: number;
  run: Run;
}

export function AssignSection({ detail, colleagues, userId, run }: AssignSectionProps) {
  const { t } = useI18n();
  const [assignee, setAssignee] = useState(String(detail.assignee?.id ?? userId));
  return (
    <section aria-labelledby="assign-title" className="panel">
      <h2 id="assign-title">{t('assignee')}</h2>
      <label htmlFor="assignee" className="field-label">
        {t('assignee')}
      </label>
      <select id="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
        {colleagues.map((c) => (
          <option key={c.id} value={c.id}>
            {c.displayName}
          </option>
        ))}
      </select>
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void run('assignee', () => staffApi.assign(detail.referenceNumber, Number(assignee)))}
        >
          {t('assign')}
        </button>
        {detail.assignee && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void run('assignee', () => staffApi.assign(detail.referenceNumber, null))}
          >
            {t('unassign')}
          </button>
        )}
      </div>
    </section>
  );
}
