/** My account: change my password (the only thing open while an admin's temporary password waits to be changed), the second factor, my sessions. */
import { useState } from 'react';
import { usePageTitle } from '../components/Layout.tsx';
import { useI18n } from '../i18n.tsx';
import { useNavigateTo } from '../navigation.ts';
import { Enrolment } from './account/Enrolment.tsx';
import { PasswordForm } from './account/PasswordForm.tsx';
import { SessionsList } from './account/SessionsList.tsx';
import { homeOf } from './landing.ts';
import { RequireStaff } from './RequireStaff.tsx';
import { StaffBar } from './StaffBar.tsx';
import type { StaffUser } from './staff-api.ts';

export function AccountPage() {
  return <RequireStaff allow={['password', 'done']}>{(user) => <Account user={user} />}</RequireStaff>;
}

function Account({ user }: { user: StaffUser }) {
  const { t } = useI18n();
  usePageTitle(t('ownAccountTitle'));
  const navigate = useNavigateTo();
  const mustChange = user.next === 'password';
  const [secondFactor, setSecondFactor] = useState(user.secondFactor ?? false);
  const [sessionsShown, setSessionsShown] = useState(0);
  return (
    <>
      <StaffBar user={user} signingIn={mustChange} />
      <h1 tabIndex={-1}>{t('ownAccountTitle')}</h1>
      <p>
        {user.displayName}（{user.email}）
      </p>
      <PasswordForm mustChange={mustChange} onChanged={() => (mustChange ? navigate(homeOf(user.role)) : setSessionsShown((n) => n + 1))} />
      {!mustChange && (
        <>
          {secondFactor ? (
            <section aria-labelledby="mfa-state-title" className="panel">
              <h2 id="mfa-state-title">{t('mfaTitle')}</h2>
              <p>{t('mfaOn')}</p>
            </section>
          ) : (
            <Enrolment onDone={() => setSecondFactor(true)} />
          )}
          <SessionsList key={sessionsShown} />
        </>
      )}
    </>
  );
}
