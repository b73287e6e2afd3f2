/** A new staff account: e-mail, name, role, department, a first password the person must change at the first sign-in. */
import { useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { useI18n } from '../../i18n.tsx';
import { problemsOf } from '../account/problems.ts';
import { staffApi } from '../staff-api.ts';
import { needsDepartment, ReasonField, RoleAndDepartment } from './fields.tsx';

export function CreateAccountForm({ departments, onCreated }: { departments: string[]; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('clerk');
  const [departmentId, setDepartmentId] = useState(departments[0] ?? '');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [notice, setNotice] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await staffApi.createAccount({
        email,
        password,
        role,
        departmentId: needsDepartment(role) ? departmentId : null,
        ...(displayName ? { displayName } : {}),
        reason,
      });
      setProblems([]);
      setNotice(t('created'));
      setEmail('');
      setDisplayName('');
      setPassword('');
      setReason('');
      onCreated();
    } catch (error) {
      setNotice('');
      setProblems(problemsOf(error, lang, { target: 'new-email', text: t('sendFailed') }, (p) => `new-${p.split('/').pop() || 'email'}`));
    }
  };
  return (
    <section aria-labelledby="create-title" className="panel">
      <h2 id="create-title">{t('createAccount')}</h2>
      <ErrorSummary items={problems} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="new-email" className="field-label">
            {t('accountEmail')}
          </label>
          <input
            id="new-email"
            type="email"
            className="input"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-displayName" className="field-label">
            {t('accountName')}
          </label>
          <input id="new-displayName" className="input" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <RoleAndDepartment
          prefix="new"
          role={role}
          departmentId={departmentId}
          departments={departments}
          onRole={setRole}
          onDepartment={setDepartmentId}
        />
        <div className="field">
          <label htmlFor="new-password" className="field-label">
            {t('initialPassword')}
          </label>
          <input
            id="new-password"
            type="password"
            className="input"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ReasonField id="new-reason" value={reason} onChange={setReason} />
        <div className="actions">
          <button type="submit" className="button">
            {t('createAccount')}
          </button>
        </div>
      </form>
    </section>
  );
}
