/**
 * Where Stripe Checkout sends the resident back: says paid, waiting (konbini) or not completed, and
 * offers to try again. The server asks Stripe itself when the webhook has not arrived yet.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatYen } from '../../shared/fees.ts';
import { api, serverMessage, type PaymentResult } from '../api.ts';
import { usePageTitle } from '../components/Layout.tsx';
import { ErrorNotice, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { rememberedPayment } from '../payment-session.ts';
import { useReceiptDownload } from '../use-receipt-download.ts';

export function PaymentReturnPage() {
  const [params] = useSearchParams();
  const sessionId = params.get('session_id') ?? '';
  const { t, pick, lang } = useI18n();
  const [result, setResult] = useState<PaymentResult | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const receipt = useReceiptDownload();
  const failureText = (e: unknown) => {
    const message = serverMessage(e);
    return message ? pick(message) : t('loadFailed');
  };

  useEffect(() => {
    let stop = false;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const r = await api.paymentResult(sessionId);
        if (stop) return;
        setResult(r);
        // Back from a completed payment but not confirmed yet: ask again for a little while.
        if (r.attempt === 'open' && !params.get('cancelled') && tries < 5) {
          tries += 1;
          timer = setTimeout(() => void load(), 1500);
        }
      } catch (e) {
        if (!stop) setFailed(failureText(e));
      }
    };
    void load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, attempt]);

  const paid = result?.attempt === 'paid';
  const waiting = result?.attempt === 'pending' || (result?.attempt === 'open' && !params.get('cancelled') && !result.canRetry);
  const title =
    failed && !result
      ? t('payCheckFailedTitle')
      : !result
        ? t('payCheckingTitle')
        : paid
          ? t('paidTitle')
          : waiting
            ? t('payPendingTitle')
            : t('payFailedTitle');
  usePageTitle(title);

  const retry = async () => {
    setBusy(true);
    try {
      window.location.assign((await api.retryPayment(sessionId)).checkoutUrl);
    } catch (e) {
      setBusy(false);
      setFailed(failureText(e));
    }
  };

  if (failed && !result) {
    // Nothing is known about the payment: say that it could not be checked, not that it failed.
    return (
      <>
        <h1 tabIndex={-1}>{t('payCheckFailedTitle')}</h1>
        <div className="notice notice--error" role="alert">
          <p>{failed}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setFailed(null);
              setAttempt((a) => a + 1);
            }}
          >
            {t('retry')}
          </button>
        </div>
        <p>
          <Link to="/status">{t('checkStatusLink')}</Link>
        </p>
      </>
    );
  }
  if (!result) return <Loading />;
  const amount = formatYen(result.amountYen, lang);
  const codes = rememberedPayment(result.referenceNumber);
  return (
    <>
      <div className={paid ? 'panel-complete' : 'notice'}>
        <h1 tabIndex={-1}>{title}</h1>
        <p>{pick(result.procedureTitle)}</p>
        <p>{paid ? t('paidBody', { amount }) : waiting ? t('payPendingNote') : t('payFailedBody', { amount })}</p>
      </div>
      {failed && <ErrorNotice text={failed} />}
      <dl className="facts">
        <div>
          <dt>{t('referenceNumber')}</dt>
          <dd className="code">{result.referenceNumber}</dd>
        </div>
        <div>
          <dt>{t('payStatus')}</dt>
          <dd data-testid="payment-status">{result.paymentStatusLabel ? pick(result.paymentStatusLabel) : ''}</dd>
        </div>
      </dl>
      <div className="actions">
        {!paid && result.canRetry && (
          <button type="button" className="button" onClick={() => void retry()} disabled={busy}>
            {busy ? t('payRedirecting') : t('payRetry')}
          </button>
        )}
        {paid && codes && (
          <button type="button" className="button" onClick={() => receipt.download(codes.referenceNumber, codes.accessCode)}>
            {t('downloadReceipt')}
          </button>
        )}
        <Link to="/status" className="button button--secondary">
          {t('checkStatusLink')}
        </Link>
      </div>
      {receipt.error && <ErrorNotice text={receipt.error} />}
    </>
  );
}
