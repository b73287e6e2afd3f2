/** After filing at the counter: the 受付番号, the access code shown once, the 控え to print, and what is next. */
import { Link } from 'react-router';
import type { SubmissionReceipt } from '../../../shared/api-types.ts';
import type { ProcedureView } from '../../../shared/forms/types.ts';
import { usePageTitle } from '../../components/Layout.tsx';
import { ReceiptPanel } from '../../components/ReceiptPanel.tsx';
import { ErrorNotice } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.tsx';
import { useReceiptDownload } from '../../use-receipt-download.ts';

export function CounterResult({
  procedure,
  receipt,
  onAnother,
}: {
  procedure: ProcedureView;
  receipt: SubmissionReceipt;
  onAnother: () => void;
}) {
  const { t, pick } = useI18n();
  const download = useReceiptDownload();
  usePageTitle(t('counterDoneTitle'));
  const owed = receipt.payment && receipt.payment.status === 'unpaid' && receipt.payment.amountYen !== null;
  return (
    <>
      <ReceiptPanel title={t('counterDoneTitle')} procedureTitle={pick(procedure.title)} receipt={receipt} />
      <p className="notice">{t('counterAccessCodeNote')}</p>
      {owed && <p className="notice">{t('counterFeeOwed', { yen: receipt.payment!.amountYen!.toLocaleString('ja-JP') })}</p>}
      <div className="actions">
        <button type="button" className="button" onClick={() => download.download(receipt.referenceNumber, receipt.accessCode)}>
          {t('counterPrint')}
        </button>
        <Link to={`/staff/submissions/${receipt.referenceNumber}`} className="button button--secondary">
          {t('counterOpenDetail')}
        </Link>
      </div>
      {download.error && <ErrorNotice text={download.error} />}
      <p>
        <button type="button" className="button--link" onClick={onAnother}>
          {t('counterAnother')}
        </button>
      </p>
    </>
  );
}
