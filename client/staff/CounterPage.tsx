/**
 * 窓口で代行入力 (書かない窓口): a clerk chooses one of the department's procedures and fills in the
 * resident's own form with them at the counter (counter/CounterFiling.tsx).
 */
import { useState, type FormEvent } from 'react';
import { usePageTitle } from '../components/Layout.tsx';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useLoad } from '../use-procedure.ts';
import { CounterFiling } from './counter/CounterFiling.tsx';
import { RequireStaff } from './RequireStaff.tsx';
import { StaffBar } from './StaffBar.tsx';
import { staffApi, type StaffUser } from './staff-api.ts';

export function CounterPage() {
  return <RequireStaff>{(user) => <CounterStart user={user} />}</RequireStaff>;
}

function CounterStart({ user }: { user: StaffUser }) {
  const { t, pick } = useI18n();
  usePageTitle(t('counterFilingTitle'));
  // The queue's answer names the department's published procedures.
  const loaded = useLoad(() => staffApi.queue(new URLSearchParams({ status: 'submitted' })), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  // A new filing starts with an empty form (and a new idempotency key).
  const [filing, setFiling] = useState(0);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadFailed error={loaded.error} retry={loaded.retry} />;
  const procedures = loaded.value.procedures;

  if (chosen)
    return (
      <>
        <StaffBar user={user} />
        <CounterFiling
          key={filing}
          procedureId={chosen}
          onAnother={() => {
            setChosen(null);
            setFiling((n) => n + 1);
          }}
        />
      </>
    );

  const start = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const id = String(new FormData(e.currentTarget).get('procedure') ?? '');
    if (!id) {
      setProblems([{ target: `procedure-${procedures[0]?.id ?? ''}`, message: t('counterChooseProcedure') }]);
      return;
    }
    setProblems([]);
    setChosen(id);
  };
  return (
    <>
      <StaffBar user={user} />
      <ErrorSummary items={problems} />
      <h1 tabIndex={-1}>{t('counterFilingTitle')}</h1>
      <p className="lead">{t('counterLead')}</p>
      {procedures.length === 0 ? (
        <p>{t('counterNoProcedures')}</p>
      ) : (
        <form onSubmit={start} noValidate>
          <fieldset className={`field choice-group${problems.length > 0 ? ' field--error' : ''}`}>
            <legend className="field-label">{t('counterChooseProcedure')}</legend>
            {problems.length > 0 && <p className="field-error">{t('counterChooseProcedure')}</p>}
            {procedures.map((p) => (
              <div key={p.id} className="radio">
                <label htmlFor={`procedure-${p.id}`}>
                  <input id={`procedure-${p.id}`} type="radio" name="procedure" value={p.id} />
                  <span>{pick(p.title)}</span>
                </label>
              </div>
            ))}
          </fieldset>
          <div className="actions">
            <button type="submit" className="button">
              {t('counterStart')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
