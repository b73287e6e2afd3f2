/** What the status look-up found: status, facts, fee, receipt, a return for correction, messages, withdrawal. */
import { FINAL_STATUSES } from '../../../shared/workflow.ts';
import type { SubmissionStatusView } from '../../api.ts';
import { PaymentPanel } from '../../components/PaymentPanel.tsx';
import { ErrorNotice } from '../../components/Status.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useReceiptDownload } from '../../use-receipt-download.ts';
import { ReturnedNotice } from './ReturnedNotice.tsx';
import { StaffMessages } from './StaffMessages.tsx';
import { WithdrawControl } from './WithdrawControl.tsx';
import { StatusExplained } from './StatusExplained.tsx';

interface StatusResultProps {
  result: SubmissionStatusView;
  /** As typed in the look-up form: used for the receipt, the correction and the withdrawal. */
  referenceNumber: string;
  accessCode: string;
  confirming: boolean;
  setConfirming: (confirming: boolean) => void;
  onUpdate: (status: SubmissionStatusView) => void;
}

export function StatusResult({ result, referenceNumber, accessCode, confirming, setConfirming, onUpdate }: StatusResultProps) {
  const { t, pick, lang } = useI18n();
  const receipt = useReceiptDownload();
  return (
    <section className="status-result" aria-labelledby="status-result-title" aria-live="polite">
      <h2 id="status-result-title">{t('statusResult')}</h2>
      <p className={`status-tag status-tag--${result.status}`}>{pick(result.statusLabel)}</p>
      <StatusExplained status={result.status} processingTime={result.procedure.processingTime} />
      <dl className="facts">
        <div>
          <dt>{t('referenceNumber')}</dt>
          <dd className="code">{result.referenceNumber}</dd>
        </div>
        <div>
          <dt>{t('procedure')}</dt>
          <dd>{pick(result.procedure.title)}</dd>
        </div>
        <div>
          <dt>{t('submittedAt')}</dt>
          <dd>{formatDateTime(result.submittedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('updatedAt')}</dt>
          <dd>{formatDateTime(result.updatedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('department')}</dt>
          <dd>
            {pick(result.procedure.department.name)}{' '}
            <a href={`tel:${result.procedure.department.phone.replace(/-/gu, '')}`}>{result.procedure.department.phone}</a>
          </dd>
        </div>
      </dl>
      {result.payment && (
        <PaymentPanel payment={result.payment} referenceNumber={result.referenceNumber} accessCode={accessCode} headingLevel={3} />
      )}
      <p>
        <button type="button" className="button button--secondary" onClick={() => receipt.download(referenceNumber, accessCode)}>
          {t('downloadReceipt')}
        </button>
      </p>
      {receipt.error && <ErrorNotice text={receipt.error} />}
      {result.returnReason && (
        <ReturnedNotice
          reason={result.returnReason}
          documents={result.requestedDocuments}
          referenceNumber={referenceNumber}
          accessCode={accessCode}
        />
      )}
      {result.messages.length > 0 && <StaffMessages messages={result.messages} />}
      {!(FINAL_STATUSES as readonly string[]).includes(result.status) && (
        <WithdrawControl
          referenceNumber={referenceNumber}
          accessCode={accessCode}
          confirming={confirming}
          setConfirming={setConfirming}
          onWithdrawn={onUpdate}
        />
      )}
    </section>
  );
}
