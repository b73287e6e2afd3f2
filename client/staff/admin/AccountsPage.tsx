/** The admin's landing page: every staff account (role, department, last sign-in, second factor, locked or disabled), new accounts, the April moves. */
import { useState } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/Layout.tsx';
import { LoadFailed, Loading } from '../../components/Status.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useLoad } from '../../use-procedure.ts';
import { RequireStaff } from '../RequireStaff.tsx';
import { StaffBar } from '../StaffBar.tsx';
import type { StaffAccount, StaffUser } from '../staff-api.ts';
import { staffApi } from '../staff-api.ts';
import { CreateAccountForm } from './CreateAccountForm.tsx';
import { MovesUpload } from './MovesUpload.tsx';

export function AccountsPage() {
  return <RequireStaff>{(user) => <Accounts user={user} />}</RequireStaff>;
}

export function AccountState({ account }: { account: StaffAccount }) {
  const { t } = useI18n();
  if (account.disabled) return <span className="status-tag status-tag--small status-tag--rejected">{t('stateDisabled')}</span>;
  if (account.locked) return <span className="status-tag status-tag--small status-tag--returned">{t('stateLocked')}</span>;
  return <span className="status-tag status-tag--small">{t('stateActive')}</span>;
}

function Accounts({ user }: { user: StaffUser }) {
  const { t, lang } = useI18n();
  usePageTitle(t('accountsTitle'));
  const [reload, setReload] = useState(0);
  const data = useLoad(() => staffApi.accounts(), [reload], { keepPrevious: true });
  const refresh = () => setReload((r) => r + 1);
  return (
    <>
      <StaffBar user={user} />
      <h1 tabIndex={-1}>{t('accountsTitle')}</h1>
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <LoadFailed error={data.error} retry={data.retry} headingLevel={2} />}
      {data.state === 'ready' && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="accounts-caption" tabIndex={0}>
            <table className="queue">
              <caption id="accounts-caption">{t('accountsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('accountName')}</th>
                  <th scope="col">{t('role')}</th>
                  <th scope="col">{t('accountDepartment')}</th>
                  <th scope="col">{t('lastLogin')}</th>
                  <th scope="col">{t('secondFactor')}</th>
                  <th scope="col">{t('accountState')}</th>
                </tr>
              </thead>
              <tbody>
                {data.value.accounts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/staff/admin/accounts/${a.id}`}>{a.displayName}</Link>
                      <br />
                      <span className="history__meta">{a.email}</span>
                    </td>
                    <td>{a.role}</td>
                    <td>{a.departmentId ?? t('noDepartment')}</td>
                    <td>{a.lastLoginAt ? formatDateTime(a.lastLoginAt, lang) : t('never')}</td>
                    <td>{a.secondFactor ? t('on') : t('off')}</td>
                    <td>
                      <AccountState account={a} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CreateAccountForm departments={data.value.departments} onCreated={refresh} />
          <MovesUpload onMoved={refresh} />
        </>
      )}
    </>
  );
}
