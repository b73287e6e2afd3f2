/** The fee panel of the staff detail page: amounts, every payment and refund, and the actions allowed now. */
import { useState } from 'react';
import { formatYen } from '../../shared/fees.ts';
import { attemptLabel, refundLabel } from '../../shared/payments.ts';
import type { SubmissionDetail } from './staff-api.ts';
import { staffApi } from './staff-api.ts';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { ApiError } from '../api.ts';
import type { Run } from './detail/run.ts';

/** The same message the server gives, without a round trip. */
const reasonMissing = () =>
  new ApiError(422, 'VALIDATION_FAILED', { ja: '入力内容に誤りがあります。', en: 'Some answers need correcting.' }, [
    {
      pointer: '/reason',
      keyword: 'required',
      message: { ja: '返金の理由を入力してください（500文字以内）。', en: 'Enter the reason for the refund (up to 500 characters).' },
    },
  ]);

/** Whole yen typed by staff; anything else goes to the server, which answers with the field's message. */
const yen = (v: string) => (/^\d+$/u.test(v.trim()) ? Number(v.trim()) : (v as unknown as number));

export function PaymentSection({ detail, run }: { detail: SubmissionDetail; run: Run }) {
  const { t, pick, lang } = useI18n();
  const p = detail.payment!;
  const ref = detail.referenceNumber;
  const [fee, setFee] = useState('');
  const [note, setNote] = useState('');
  const [refundYen, setRefundYen] = useState(String(p.refundableYen || ''));
  const [reason, setReason] = useState('');
  return (
    <section aria-labelledby="payment-title" className="panel">
      <h2 id="payment-title">{t('staffPayTitle')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('staffPayTiming')}</dt>
          <dd>{t(`timing_${p.timing}`)}</dd>
        </div>
        <div>
          <dt>{t('payAmount')}</dt>
          <dd>{p.amountYen === null ? t('staffNotSet') : formatYen(p.amountYen, lang)}</dd>
        </div>
        <div>
          <dt>{t('payStatus')}</dt>
          <dd>{p.statusLabel ? <span className={`pay-tag pay-tag--${p.status}`}>{pick(p.statusLabel)}</span> : '—'}</dd>
        </div>
        <div>
          <dt>{t('staffPaid')}</dt>
          <dd>{formatYen(p.paidYen, lang)}</dd>
        </div>
        <div>
          <dt>{t('staffRefunded')}</dt>
          <dd>{formatYen(p.refundedYen, lang)}</dd>
        </div>
      </dl>
      {p.attempts.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t('staffAttempts')} tabIndex={0}>
          <table className="queue">
            <caption>{t('staffAttempts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colWhen')}</th>
                <th scope="col">{t('colMethod')}</th>
                <th scope="col">{t('colAmount')}</th>
                <th scope="col">{t('colState')}</th>
                <th scope="col">{t('colStripe')}</th>
              </tr>
            </thead>
            <tbody>
              {p.attempts.map((a) => (
                <tr key={a.at + a.status}>
                  <td>{formatDateTime(a.paidAt ?? a.at, lang)}</td>
                  <td>{a.method ? pick(a.method) : '—'}</td>
                  <td>{formatYen(a.amountYen, lang)}</td>
                  <td>{pick(attemptLabel(a.status))}</td>
                  <td className="code-small">{a.stripePaymentIntentId ?? a.stripeSessionId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.refunds.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t('staffRefunds')} tabIndex={0}>
          <table className="queue">
            <caption>{t('staffRefunds')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colWhen')}</th>
                <th scope="col">{t('colAmount')}</th>
                <th scope="col">{t('colReason')}</th>
                <th scope="col">{t('colState')}</th>
              </tr>
            </thead>
            <tbody>
              {p.refunds.map((r) => (
                <tr key={r.at + r.amountYen}>
                  <td>{formatDateTime(r.at, lang)}</td>
                  <td>{formatYen(r.amountYen, lang)}</td>
                  <td>{r.reason}</td>
                  <td>{pick(refundLabel(r.status))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.canSetFee && (
        <>
          <h3>{t('setFeeTitle')}</h3>
          <label htmlFor="fee" className="field-label">
            {t('amountYenLabel')}
          </label>
          <p className="field-hint" id="fee-hint">
            {t('setFeeHint')}
          </p>
          <input
            id="fee"
            className="input input--short"
            inputMode="numeric"
            value={fee}
            onChange={(e) => setFee(e.target.value)}
            aria-describedby="fee-hint"
          />
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() =>
                void run(
                  'fee',
                  () => staffApi.setFee(ref, yen(fee)),
                  () => setFee(''),
                )
              }
            >
              {t('setFeeButton')}
            </button>
          </div>
        </>
      )}
      {p.canRecordCounter && p.amountYen !== null && (
        <>
          <h3>{t('counterTitle')}</h3>
          <label htmlFor="counter-note" className="field-label">
            {t('counterNote')}
          </label>
          <input id="counter-note" className="input" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                void run(
                  'counter-note',
                  () => staffApi.recordCounterPayment(ref, p.amountYen!, note),
                  () => setNote(''),
                )
              }
            >
              {t('counterButton', { amount: formatYen(p.amountYen, lang) })}
            </button>
          </div>
        </>
      )}
      {p.refundableYen > 0 && (
        <>
          <h3>{t('refundTitle')}</h3>
          <label htmlFor="refund-amount" className="field-label">
            {t('refundAmount')}
          </label>
          <p className="field-hint" id="refund-amount-hint">
            {t('refundAmountHint', { amount: formatYen(p.refundableYen, lang) })}
          </p>
          <input
            id="refund-amount"
            className="input input--short"
            inputMode="numeric"
            value={refundYen}
            onChange={(e) => setRefundYen(e.target.value)}
            aria-describedby="refund-amount-hint"
          />
          <label htmlFor="refund-reason" className="field-label">
            {t('refundReason')}
          </label>
          <textarea id="refund-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() =>
                void run(
                  'refund-reason',
                  () => (reason.trim() ? staffApi.refund(ref, yen(refundYen), reason) : Promise.reject(reasonMissing())),
                  () => setReason(''),
                )
              }
            >
              {t('refundButton')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
