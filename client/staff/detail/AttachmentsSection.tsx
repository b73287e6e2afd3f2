/**
 * The files the resident attached: a preview of each photo, open (photos) and download, name,
 * type, size, SHA-256 and whether clamd scanned it (未検査 when no scanner is configured). Files a
 * correction added or replaced are marked. Opening and downloading are audited on the server.
 */
import { formatBytes, mediaTypeLabel } from '../../../shared/forms/attachments.ts';
import { useI18n } from '../../i18n.tsx';
import type { SubmissionDetail } from '../staff-api.ts';

export function AttachmentsSection({ files }: { files: SubmissionDetail['attachments'] }) {
  const { t, pick } = useI18n();
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('staffAttachments', { n: files.length })}</h2>
      <ul className="staff-attachments">
        {files.map((f) => (
          <li key={f.id} className={`staff-attachment${f.replaced ? ' staff-attachment--replaced' : ''}`}>
            {f.thumbnailUrl ? (
              <img src={f.thumbnailUrl} alt={t('staffAttachmentPreview', { name: f.name })} className="staff-attachment__thumb" />
            ) : (
              <span className="attachment-icon" aria-hidden="true">
                {mediaTypeLabel(f.mediaType)}
              </span>
            )}
            <div className="staff-attachment__body">
              <p className="staff-attachment__label">{pick(f.label)}</p>
              <p className="staff-attachment__name">
                {f.name}
                {f.addedInCorrection && <span className="tag tag--info">{t('staffAttachmentAdded')}</span>}
                {f.replaced && <span className="tag tag--muted">{t('staffAttachmentReplaced')}</span>}
              </p>
              <p className="staff-attachment__meta">
                {mediaTypeLabel(f.mediaType)}・{formatBytes(f.size)}・
                <span className={f.scan === 'clean' ? 'scan scan--clean' : 'scan scan--none'}>
                  {f.scan === 'clean' ? t('staffScanClean') : t('staffScanNone')}
                </span>
              </p>
              <p className="staff-attachment__hash">
                SHA-256: <code>{f.sha256}</code>
              </p>
              <p className="staff-attachment__actions">
                {f.openUrl && (
                  <a href={f.openUrl} target="_blank" rel="noopener">
                    {t('staffAttachmentOpen')}
                    <span className="visually-hidden">{` ${f.name}`}</span>
                  </a>
                )}
                <a href={f.downloadUrl} download={f.name}>
                  {t('staffAttachmentDownload')}
                  <span className="visually-hidden">{` ${f.name}`}</span>
                </a>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
