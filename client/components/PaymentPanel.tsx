/**
 * The fee of one submission, for the resident: the amount and where the payment stands, with one
 * clear action (pay online) when it is owed and online payment is available.
 */
import { useState } from 'react';
import type { PaymentView } from '../../shared/payments.ts';
import { formatYen } from '../../shared/fees.ts';
import { ApiError, api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { rememberPayment } from '../payment-session.ts';

export function PaymentPanel({
  payment,
  referenceNumber,
  accessCode,
  headingLevel = 2,
}: {
  payment: PaymentView;
  referenceNumber: string;
  accessCode: string;
  headingLevel?: 2 | 3;
}) {
  const { t, pick, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const amount = payment.amountYen === null ? null : formatYen(payment.amountYen, lang);

  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const { checkoutUrl } = await api.createPayment(referenceNumber, accessCode);
      // Kept in this tab only, so that the return page can offer the receipt afterwards.
      rememberPayment(referenceNumber, accessCode);
      window.location.assign(checkoutUrl);
    } catch (e) {
      setBusy(false);
      setError(e instanceof ApiError && e.text.ja ? pick(e.text) : t('loadFailed'));
    }
  };

  return (
    <section className="payment-panel" aria-labelledby="payment-title">
      <Heading id="payment-title">{t('payTitle')}</Heading>
      <dl className="facts">
        <div>
          <dt>{t('payAmount')}</dt>
          <dd data-testid="fee-amount">{amount ?? t('feeAfterReview')}</dd>
        </div>
        {payment.statusLabel && (
          <div>
            <dt>{t('payStatus')}</dt>
            <dd>
              <span className={`pay-tag pay-tag--${payment.status}`} data-testid="payment-status">
                {pick(payment.statusLabel)}
              </span>
            </dd>
          </div>
        )}
      </dl>
      {payment.canPayOnline && amount && (
        <>
          <p>{t('payBeforeReview')}</p>
          {error && (
            <p className="notice notice--error" role="alert">
              {t('labelled', { label: t('payErrorTitle'), value: error })}
            </p>
          )}
          <button type="button" className="button" onClick={() => void pay()} disabled={busy}>
            {busy ? t('payRedirecting') : t('payButton', { amount })}
          </button>
        </>
      )}
      {payment.payOffline && <p className="notice">{pick(payment.payOffline)}</p>}
      {payment.amountYen === null && <p>{t('payAfterReviewNote')}</p>}
      {payment.status === 'pending' && !payment.canPayOnline && <p className="notice">{t('payPendingNote')}</p>}
    </section>
  );
}
