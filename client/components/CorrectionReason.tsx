/** While a returned application (差戻し) is corrected, every step and the check page repeat what staff asked for. */
import type { Draft } from '../draft.ts';
import { useI18n } from '../i18n.tsx';

export function CorrectionReason({ correction }: { correction: Draft['correction'] }) {
  const { t, pick } = useI18n();
  if (!correction?.reason) return null;
  return (
    <div className="notice notice--warning correction-reason">
      <h2>{t('returnReason')}</h2>
      <p className="history__text">{correction.reason}</p>
      {correction.documents && correction.documents.length > 0 && (
        <>
          <h3>{t('requestedDocuments')}</h3>
          <ul>
            {correction.documents.map((d) => (
              <li key={d.ja}>{pick(d)}</li>
            ))}
          </ul>
        </>
      )}
      <p className="caption">{t('correctionOf', { ref: correction.referenceNumber })}</p>
    </div>
  );
}
