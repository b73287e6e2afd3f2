/** Downloads a resident's receipt PDF; a failure becomes a message to show, never an unhandled rejection. */
import { useCallback, useState } from 'react';
import { api } from './api.ts';
import { useI18n } from './i18n.tsx';

export function useReceiptDownload(): { download: (referenceNumber: string, accessCode: string) => void; error: string | null } {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const download = useCallback(
    (referenceNumber: string, accessCode: string) => {
      setError(null);
      api.downloadReceipt(referenceNumber, accessCode).catch(() => setError(t('receiptFailed')));
    },
    [t],
  );
  return { download, error };
}
