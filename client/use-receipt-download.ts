/** Downloads a resident's receipt PDF (in the language the page is read in); a failure becomes a message to show, never an unhandled rejection. */
import { useCallback, useState } from 'react';
import { api } from './api.ts';
import { useI18n } from './i18n.tsx';

export function useReceiptDownload(): { download: (referenceNumber: string, accessCode: string) => void; error: string | null } {
  const { t, lang } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const download = useCallback(
    (referenceNumber: string, accessCode: string) => {
      setError(null);
      api.downloadReceipt(referenceNumber, accessCode, lang).catch(() => setError(t('receiptFailed')));
    },
    [t, lang],
  );
  return { download, error };
}
