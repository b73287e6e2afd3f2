/** The top of the detail page: procedure, reference number, status, department copy, dates and assignee. */
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { SubmissionDetail } from '../staff-api.ts';

export function DetailSummary({ detail }: { detail: SubmissionDetail }) {
  const { t, pick, lang } = useI18n();
  return (
    <>
      <p className="caption">{pick(detail.procedure.title)}</p>
      <h1 tabIndex={-1} className="code-heading">
        {detail.referenceNumber}
      </h1>
      <p className={`status-tag status-tag--${detail.status}`}>{pick(detail.statusLabel)}</p>
      <p>
        {/* A plain download link: the browser itself reports a download that fails. */}
        <a href={`/api/staff/receipts.pdf?refs=${detail.referenceNumber}`} download>
          {t('downloadDeptReceipt')}
        </a>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('submittedAt')}</dt>
          <dd>{formatDateTime(detail.submittedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('updatedAt')}</dt>
          <dd>{formatDateTime(detail.updatedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('channel')}</dt>
          <dd>{pick(detail.filing.channelLabel)}</dd>
        </div>
        <div>
          <dt>{t('filingTitle')}</dt>
          <dd data-testid="filing">{pick(detail.filing.summary)}</dd>
        </div>
        <div>
          <dt>{t('assignee')}</dt>
          <dd>{detail.assignee?.displayName ?? t('unassigned')}</dd>
        </div>
      </dl>
    </>
  );
}
