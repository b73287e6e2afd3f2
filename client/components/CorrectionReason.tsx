/** What staff asked for when they returned an application (差戻し): on the status page, and on every step while correcting it. */
import type { LocalizedText } from '../../shared/forms/types.ts';
import type { Draft } from '../draft.ts';
import { useI18n } from '../i18n.tsx';

/** The reason and the documents asked for, under a heading of the given level. */
export function ReturnReason({ reason, documents, level }: { reason: string; documents: LocalizedText[]; level: 2 | 3 }) {
  const { t, pick } = useI18n();
  const Heading = level === 2 ? 'h2' : 'h3';
  const Sub = level === 2 ? 'h3' : 'h4';
  return (
    <>
      <Heading>{t('returnReason')}</Heading>
      <p className="history__text">{reason}</p>
      {documents.length > 0 && (
        <>
          <Sub>{t('requestedDocuments')}</Sub>
          <ul>
            {documents.map((d) => (
              <li key={d.ja}>{pick(d)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function CorrectionReason({ correction }: { correction: Draft['correction'] }) {
  const { t } = useI18n();
  if (!correction?.reason) return null;
  return (
    <div className="notice notice--warning correction-reason">
      <ReturnReason reason={correction.reason} documents={correction.documents ?? []} level={2} />
      <p className="caption">{t('correctionOf', { ref: correction.referenceNumber })}</p>
    </div>
  );
}
