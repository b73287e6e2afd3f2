/** One of the signed-in resident's submissions, opened from マイページ: no access code to type. */
import { useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { api, type SubmissionStatusView } from '../api.ts';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useResident } from '../resident/session.tsx';
import { useLoad } from '../use-procedure.ts';
import { StatusResult } from './status/StatusResult.tsx';

export function MySubmissionPage() {
  const { ref = '' } = useParams();
  const { t } = useI18n();
  const { session } = useResident();
  usePageTitle(`${ref} - ${t('myPageTitle')}`);
  if (!session) return <Loading />;
  if (!session.signedIn) return <Navigate to={`/sign-in?returnTo=${encodeURIComponent(`/mypage/submissions/${ref}`)}`} replace />;
  return <MySubmission referenceNumber={ref} />;
}

function MySubmission({ referenceNumber }: { referenceNumber: string }) {
  const { t } = useI18n();
  const [updated, setUpdated] = useState<SubmissionStatusView | null>(null);
  const [confirming, setConfirming] = useState(false);
  // '' as the access code: the session shows the resident filed it (api.ts).
  const loaded = useLoad(() => api.getStatus(referenceNumber, ''), [referenceNumber]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadFailed error={loaded.error} retry={loaded.retry} />;
  return (
    <>
      <p>
        <Link to="/mypage" className="back-link">
          {t('myPageTitle')}
        </Link>
      </p>
      <h1 tabIndex={-1}>{referenceNumber}</h1>
      <StatusResult
        result={updated ?? loaded.value}
        referenceNumber={referenceNumber}
        accessCode=""
        confirming={confirming}
        setConfirming={setConfirming}
        onUpdate={setUpdated}
      />
    </>
  );
}
