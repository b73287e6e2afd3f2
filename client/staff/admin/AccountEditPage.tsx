/** One account, for the admin: role, department and disabled (with a reason), a temporary password, a second-factor reset. */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { usePageTitle } from '../../components/Layout.tsx';
import { LoadFailed, Loading } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.tsx';
import { NotFoundPage } from '../../pages/NotFoundPage.tsx';
import { useLoad } from '../../use-procedure.ts';
import { problemsOf } from '../account/problems.ts';
import { RequireStaff } from '../RequireStaff.tsx';
import { StaffBar } from '../StaffBar.tsx';
import { staffApi, type StaffAccount, type StaffUser } from '../staff-api.ts';
import { AccountState } from './AccountsPage.tsx';
import { needsDepartment, ReasonField, RoleAndDepartment } from './fields.tsx';

export function AccountEditPage() {
  return <RequireStaff>{(user) => <AccountEdit user={user} />}</RequireStaff>;
}

function AccountEdit({ user }: { user: StaffUser }) {
  const { t } = useI18n();
  usePageTitle(t('editAccountTitle'));
  const { id } = useParams();
  const [reload, setReload] = useState(0);
  const data = useLoad(() => staffApi.accounts(), [reload], { keepPrevious: true });
  const account = data.state === 'ready' ? data.value.accounts.find((a) => String(a.id) === id) : undefined;
  if (data.state === 'ready' && !account) return <NotFoundPage />;
  return (
    <>
      <StaffBar user={user} />
      <p>
        <Link to="/staff/admin/accounts">{t('backToAccounts')}</Link>
      </p>
      <h1 tabIndex={-1}>{account ? account.displayName : t('editAccountTitle')}</h1>
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <LoadFailed error={data.error} retry={data.retry} headingLevel={2} />}
      {account && data.state === 'ready' && (
        <>
          <p>
            {account.email} <AccountState account={account} />
          </p>
          <Placement account={account} departments={data.value.departments} onSaved={() => setReload((r) => r + 1)} />
          <Resets account={account} onDone={() => setReload((r) => r + 1)} />
        </>
      )}
    </>
  );
}

function Placement({ account, departments, onSaved }: { account: StaffAccount; departments: string[]; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [role, setRole] = useState(account.role);
  const [departmentId, setDepartmentId] = useState(account.departmentId ?? departments[0] ?? '');
  const [disabled, setDisabled] = useState(account.disabled);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [notice, setNotice] = useState('');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await staffApi.updateAccount(account.id, { role, departmentId: needsDepartment(role) ? departmentId : null, disabled, reason });
      setProblems([]);
      setNotice(t('accountSaved'));
      onSaved();
    } catch (error) {
      setNotice('');
      setProblems(
        problemsOf(error, lang, { target: 'edit-reason', text: t('sendFailed') }, (p) => `edit-${p.split('/').pop() || 'reason'}`),
      );
    }
  };
  return (
    <section aria-labelledby="placement-title" className="panel">
      <h2 id="placement-title">{t('roleAndDepartment')}</h2>
      <ErrorSummary items={problems} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(e) => void save(e)} noValidate>
        <RoleAndDepartment
          prefix="edit"
          role={role}
          departmentId={departmentId}
          departments={departments}
          onRole={setRole}
          onDepartment={setDepartmentId}
        />
        <div className="checkbox">
          <input id="edit-disabled" type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
          <label htmlFor="edit-disabled">{t('disabled')}</label>
        </div>
        <ReasonField id="edit-reason" value={reason} onChange={setReason} />
        <div className="actions">
          <button type="submit" className="button">
            {t('save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Resets({ account, onDone }: { account: StaffAccount; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [temporary, setTemporary] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [notice, setNotice] = useState('');
  const run = async (what: 'password' | 'mfa') => {
    try {
      if (what === 'password') setTemporary((await staffApi.resetPassword(account.id, reason)).temporaryPassword);
      else {
        await staffApi.resetMfa(account.id, reason);
        setNotice(t('mfaResetDone'));
      }
      setProblems([]);
      setReason('');
      onDone();
    } catch (error) {
      setProblems(problemsOf(error, lang, { target: 'reset-reason', text: t('sendFailed') }, () => 'reset-reason'));
    }
  };
  return (
    <section aria-labelledby="resets-title" className="panel">
      <h2 id="resets-title">
        {t('resetPasswordTitle')}・{t('resetMfaTitle')}
      </h2>
      <ErrorSummary items={problems} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {temporary && (
        <div className="notice" role="status">
          <p>{t('temporaryPassword')}</p>
          <p>
            <code id="temporary-password" className="secret-text">
              {temporary}
            </code>
          </p>
        </div>
      )}
      <ReasonField id="reset-reason" value={reason} onChange={setReason} />
      <p className="field-hint">{t('resetMfaHint')}</p>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => void run('password')}>
          {t('resetPassword')}
        </button>
        {account.secondFactor && (
          <button type="button" className="button button--secondary" onClick={() => void run('mfa')}>
            {t('resetMfa')}
          </button>
        )}
      </div>
    </section>
  );
}
