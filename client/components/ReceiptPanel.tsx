/** The panel after filing: title, procedure, the 受付番号, the access code (shown once) and the time filed. */
import type { SubmissionReceipt } from '../../shared/api-types.ts';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n.tsx';

export function ReceiptPanel({
  title,
  procedureTitle,
  receipt,
}: {
  title: string;
  procedureTitle: string | null;
  receipt: SubmissionReceipt;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="panel-complete">
      <h1 tabIndex={-1}>{title}</h1>
      {procedureTitle && <p>{procedureTitle}</p>}
      <dl className="codes">
        <div>
          <dt>{t('referenceNumber')}</dt>
          <dd className="code" data-testid="reference-number">
            {receipt.referenceNumber}
          </dd>
        </div>
        <div>
          <dt>{t('accessCode')}</dt>
          <dd className="code" data-testid="access-code">
            {receipt.accessCode}
          </dd>
        </div>
        <div>
          <dt>{t('submittedAt')}</dt>
          <dd>{formatDateTime(receipt.submittedAt, lang)}</dd>
        </div>
      </dl>
    </div>
  );
}
