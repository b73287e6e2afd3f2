/** One submission for staff: answers as filed, status change, assignment, notes, messages, history. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useLoad } from '../use-procedure.ts';
import { Detail } from './detail/Detail.tsx';
import { RequireStaff } from './RequireStaff.tsx';
import { StaffBar } from './StaffBar.tsx';
import { staffApi, type StaffUser } from './staff-api.ts';

export function DetailPage() {
  return <RequireStaff>{(user) => <DetailLoader user={user} />}</RequireStaff>;
}

function DetailLoader({ user }: { user: StaffUser }) {
  const { ref = '' } = useParams();
  const { t } = useI18n();
  usePageTitle(`${t('detailTitle')} ${ref}`);
  const [reload, setReload] = useState(0);
  // The notice outlives the reload after a change; the form below starts afresh with the new data.
  const [notice, setNotice] = useState('');
  const loaded = useLoad(() => Promise.all([staffApi.detail(ref), staffApi.colleagues()]), [ref, reload], { keepPrevious: true });
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadFailed error={loaded.error} retry={loaded.retry} />;
  const [detail, { colleagues }] = loaded.value;
  return (
    <>
      <StaffBar user={user} />
      <p>
        <Link to="/staff/queue" className="back-link">
          {t('backToQueue')}
        </Link>
      </p>
      <Detail
        key={`${detail.updatedAt}/${detail.history.length}`}
        detail={detail}
        colleagues={colleagues}
        userId={user.id}
        notice={notice}
        setNotice={setNotice}
        onChange={() => setReload((r) => r + 1)}
      />
    </>
  );
}
