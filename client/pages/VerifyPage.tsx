/** Public check of a receipt's QR code: whether it exists and its status, nothing personal. */
import { useParams } from 'react-router';
import { api } from '../api.ts';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useLoad } from '../use-procedure.ts';

export function VerifyPage() {
  const { ref = '', sha = '' } = useParams();
  const { t, pick } = useI18n();
  usePageTitle(t('verifyTitle'));
  const result = useLoad(() => api.verifyReceipt(ref, sha), [ref, sha]);
  return (
    <>
      <h1 tabIndex={-1}>{t('verifyTitle')}</h1>
      {result.state === 'loading' && <Loading />}
      {result.state === 'error' && <LoadFailed error={result.error} retry={result.retry} headingLevel={2} />}
      {result.state === 'ready' &&
        (result.value.valid ? (
          <div className="notice" role="status">
            <p>{t('verifyValid')}</p>
            <dl className="facts">
              <div>
                <dt>{t('referenceNumber')}</dt>
                <dd className="code">{result.value.referenceNumber}</dd>
              </div>
              <div>
                <dt>{t('procedure')}</dt>
                <dd>{pick(result.value.procedure)}</dd>
              </div>
              <div>
                <dt>{t('statusResult')}</dt>
                <dd>{pick(result.value.statusLabel)}</dd>
              </div>
              <div>
                <dt>{t('verifySignatureLabel')}</dt>
                <dd>{result.value.signed ? t('verifySigned') : t('verifyUnsigned')}</dd>
              </div>
            </dl>
          </div>
        ) : (
          <p className="notice notice--error" role="status">
            {t('verifyInvalid')}
          </p>
        ))}
    </>
  );
}
