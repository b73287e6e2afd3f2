/** Completion: the reference number and access code (shown once), and what happens next. */
import { Link, useLocation, useParams } from 'react-router';
import type { SubmissionReceipt } from '../../shared/api-types.ts';
import { usePageTitle } from '../components/Layout.tsx';
import { PaymentPanel } from '../components/PaymentPanel.tsx';
import { ReceiptPanel } from '../components/ReceiptPanel.tsx';
import { ErrorNotice } from '../components/Status.tsx';
import { drafts } from '../draft.ts';
import { useI18n } from '../i18n.tsx';
import { loadProcedure, useLoad } from '../use-procedure.ts';
import { useReceiptDownload } from '../use-receipt-download.ts';

export function CompletePage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const receipt = drafts.loadCompletion(id);
  // The procedure only adds its title and contact details. If it cannot be loaded they are left
  // out without an error: what matters here (the reference number and access code) comes from
  // this tab's storage and is shown all the same, and the application itself has gone through.
  const loaded = useLoad(() => loadProcedure(id), [id]);
  const download = useReceiptDownload();
  usePageTitle(t('completeTitle'));
  if (!receipt) {
    return (
      <>
        <h1 tabIndex={-1}>{t('completeTitle')}</h1>
        <p>{t('completeNoData')}</p>
        <p>
          <Link to="/status">{t('checkStatusLink')}</Link>
        </p>
      </>
    );
  }
  const procedure = loaded.state === 'ready' ? loaded.value.procedure : null;
  return (
    <>
      <ReceiptPanel title={t('completeTitle')} procedureTitle={procedure ? pick(procedure.title) : null} receipt={receipt} />
      <p className="notice">{t('completeKeep')}</p>
      {receipt.payment && (
        <PaymentPanel payment={receipt.payment} referenceNumber={receipt.referenceNumber} accessCode={receipt.accessCode} />
      )}
      <h2>{t('whatNext')}</h2>
      {procedure && (
        <>
          <p>{pick(procedure.processingTime)}</p>
          <p>
            {t('contact')}：{pick(procedure.department.name)}{' '}
            <a href={`tel:${procedure.department.phone.replace(/-/gu, '')}`}>{procedure.department.phone}</a>
          </p>
        </>
      )}
      <div className="actions">
        <button
          type="button"
          className={receipt.payment?.canPayOnline ? 'button button--secondary' : 'button'}
          onClick={() => download.download(receipt.referenceNumber, receipt.accessCode)}
        >
          {t('downloadReceipt')}
        </button>
        <Link to="/status" className="button button--secondary">
          {t('checkStatusLink')}
        </Link>
      </div>
      {download.error && <ErrorNotice text={download.error} />}
      <p>
        <Link to="/">{t('backToList')}</Link>
      </p>
    </>
  );
}

/**
 * The check page reached again after filing (the browser's back button from the completion page):
 * the application went through, so it says so, with its reference number, instead of 「ページが見つかりません」.
 */
export function AlreadySent({ receipt }: { receipt: SubmissionReceipt }) {
  const { t } = useI18n();
  usePageTitle(t('alreadySentTitle'));
  return (
    <>
      <div className="panel-complete">
        <h1 tabIndex={-1}>{t('alreadySentTitle')}</h1>
        <p>{t('alreadySentBody')}</p>
        <p>
          {t('labelled', { label: t('referenceNumber'), value: '' })}
          <span className="code nowrap" data-testid="sent-reference-number">
            {receipt.referenceNumber}
          </span>
        </p>
      </div>
      <div className="actions">
        <Link to={`/procedures/${receipt.procedureId}/complete`} className="button">
          {t('alreadySentShow')}
        </Link>
        <Link to="/status" className="button button--secondary">
          {t('checkStatusLink')}
        </Link>
      </div>
    </>
  );
}

/** After a resident sends a corrected application (the check page passes the reference number in the history state). */
export function CorrectedPage() {
  const { t } = useI18n();
  const state: unknown = useLocation().state;
  const ref = typeof state === 'object' && state !== null && 'referenceNumber' in state ? String(state.referenceNumber) : null;
  usePageTitle(t('correctionTitle'));
  return (
    <>
      <div className="panel-complete">
        <h1 tabIndex={-1}>{t('correctionTitle')}</h1>
        <p>{t('correctionSent')}</p>
        {ref && <p data-testid="reference-number-line">{t('correctionSentRef', { ref })}</p>}
      </div>
      <p>
        <Link to="/status">{t('checkStatusLink')}</Link>
      </p>
    </>
  );
}
