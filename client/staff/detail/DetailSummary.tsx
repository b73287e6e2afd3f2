/** The top of the detail page: procedure, reference number, status, department copy, dates and assignee. */
import { DeadlineFact } from './DeadlineFact.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { SubmissionDetail } from '../staff-api.ts';

export function DetailSummary({ detail }: { detail: SubmissionDetail }) {
  const { t, pick, lang } = useI18n();
  return (
    <>
      <p className="caption">{pick(detail.procedure.title)}</p>
      <h1 tabIndex={-1} className="code-heading">
        {detail.referenceNumber}
      </h1>
      <p className={`status-tag status-tag--${detail.status}`}>{pick(detail.statusLabel)}</p>
      <p>
        {/* A plain download link: the browser itself reports a download that fails. */}
        <a href={`/api/staff/receipts.pdf?refs=${detail.referenceNumber}`} download>
          {t('downloadDeptReceipt')}
        </a>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('submittedAt')}</dt>
          <dd>{formatDateTime(detail.submittedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('updatedAt')}</dt>
          <dd>{formatDateTime(detail.updatedAt, lang)}</dd>
        </div>
        {detail.deadline && <DeadlineFact deadline={detail.deadline} />}
        <div>
          <dt>{t('channel')}</dt>
          <dd>{pick(detail.filing.channelLabel)}</dd>
        </div>
        <div>
          <dt>{t('filingTitle')}</dt>
          <dd data-testid="filing">{pick(detail.filing.summary)}</dd>
        </div>
        <div>
          <dt>{t('signatureTitle')}</dt>
          <dd data-testid="signature">
            {detail.signature ? (
              <>
                <strong>{pick(detail.signature.label)}</strong>
                <br />
                {t('signatureSigner', { name: detail.signature.signer.name ?? '—', birthDate: detail.signature.signer.birthDate ?? '—' })}
                <br />
                {t('signatureCertificate', {
                  serial: detail.signature.certificate.serialNumber,
                  from: detail.signature.certificate.notBefore.slice(0, 10),
                  to: detail.signature.certificate.notAfter.slice(0, 10),
                  issuer: detail.signature.certificate.issuer,
                })}
                <br />
                {t('signatureChecked', {
                  at: formatDateTime(detail.signature.verifiedAt, lang),
                  crl: formatDateTime(detail.signature.crlThisUpdate, lang),
                })}
                {!detail.signature.coversCurrentAnswers && (
                  <>
                    <br />
                    {t('signatureNotCurrent')}
                  </>
                )}
              </>
            ) : (
              t('signatureNone')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('assignee')}</dt>
          <dd>{detail.assignee?.displayName ?? t('unassigned')}</dd>
        </div>
      </dl>
    </>
  );
}
