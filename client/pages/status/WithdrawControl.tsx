/** Withdrawing the application before a decision, after a confirmation. */
import { useState } from 'react';
import { api, serverMessage, type SubmissionStatusView } from '../../api.ts';
import { ErrorNotice } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.tsx';

interface WithdrawControlProps {
  referenceNumber: string;
  accessCode: string;
  confirming: boolean;
  setConfirming: (confirming: boolean) => void;
  onWithdrawn: (status: SubmissionStatusView) => void;
}

export function WithdrawControl({ referenceNumber, accessCode, confirming, setConfirming, onWithdrawn }: WithdrawControlProps) {
  const { t, pick } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const withdraw = async () => {
    setError(null);
    try {
      await api.withdraw(referenceNumber, accessCode);
    } catch (e) {
      const message = serverMessage(e);
      setError(message ? pick(message) : t('sendFailed'));
      return;
    }
    setConfirming(false);
    try {
      onWithdrawn(await api.getStatus(referenceNumber, accessCode));
    } catch {
      // Withdrawn, but the new status could not be read: say both; 「状況を確認する」 reads it again.
      setError(`${t('withdrawn')}${t('loadFailed')}`);
    }
  };
  return (
    <>
      {confirming ? (
        <div className="notice" role="alert">
          <p>{t('withdrawConfirm')}</p>
          <div className="actions">
            <button type="button" className="button button--danger" onClick={() => void withdraw()}>
              {t('withdrawYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('withdrawNo')}
            </button>
          </div>
        </div>
      ) : (
        <p>
          <button type="button" className="button--link-danger" onClick={() => setConfirming(true)}>
            {t('withdrawButton')}
          </button>
        </p>
      )}
      {error && <ErrorNotice text={error} />}
    </>
  );
}
