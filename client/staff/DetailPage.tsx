/** One submission for staff: answers as filed, status change, assignment, notes, messages, history. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { statusLabel } from '../../shared/status.ts';
import { ApiError } from '../api.ts';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.tsx';
import { usePageTitle } from '../components/Layout.tsx';
import { LoadFailed, Loading } from '../components/Status.tsx';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { useLoad } from '../use-procedure.ts';
import { PaymentSection } from './PaymentSection.tsx';
import { StaffBar } from './StaffBar.tsx';
import { staffApi, type StaffUser, type SubmissionDetail } from './staff-api.ts';
import { useStaff } from './use-staff.ts';

export function DetailPage() {
  const user = useStaff();
  return user ? <DetailLoader user={user} /> : <Loading />;
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

interface DetailProps {
  detail: SubmissionDetail;
  colleagues: { id: number; displayName: string }[];
  userId: number;
  notice: string;
  setNotice: (text: string) => void;
  onChange: () => void;
}

function Detail({ detail, colleagues, userId, notice, setNotice, onChange }: DetailProps) {
  const { t, pick, lang } = useI18n();
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [to, setTo] = useState(detail.allowedTransitions[0]?.to ?? '');
  const [reason, setReason] = useState('');
  const [assignee, setAssignee] = useState(String(detail.assignee?.id ?? userId));
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const run = async (target: string, action: () => Promise<unknown>, after?: () => void) => {
    try {
      await action();
      setProblems([]);
      setNotice(t('saved'));
      after?.();
      onChange();
    } catch (error) {
      setNotice('');
      setProblems([{ target, message: error instanceof ApiError ? (error.fields[0]?.message[lang] ?? pick(error.text)) : t('loadFailed') }]);
    }
  };
  return (
    <>
      <ErrorSummary items={problems} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p className="caption">{pick(detail.procedure.title)}</p>
      <h1 tabIndex={-1} className="code-heading">
        {detail.referenceNumber}
      </h1>
      <p className={`status-tag status-tag--${detail.status}`}>{pick(detail.statusLabel)}</p>
      <p>
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
        <div>
          <dt>{t('assignee')}</dt>
          <dd>{detail.assignee?.displayName ?? t('unassigned')}</dd>
        </div>
      </dl>

      <section aria-labelledby="transition-title" className="panel">
        <h2 id="transition-title">{t('changeStatus')}</h2>
        {detail.allowedTransitions.length === 0 ? (
          <p>{t('noTransitions')}</p>
        ) : (
          <>
            <label htmlFor="to" className="field-label">
              {t('newStatus')}
            </label>
            <select id="to" value={to} onChange={(e) => setTo(e.target.value)}>
              {detail.allowedTransitions.map((tr) => (
                <option key={tr.to} value={tr.to}>
                  {pick(tr.label)}
                </option>
              ))}
            </select>
            <label htmlFor="reason" className="field-label">
              {t('reason')}
            </label>
            <p className="field-hint">{t('reasonHint')}</p>
            <textarea id="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            <div className="actions">
              <button type="button" className="button" onClick={() => void run('to', () => staffApi.transition(detail.referenceNumber, to, reason), () => setReason(''))}>
                {t('change')}
              </button>
            </div>
          </>
        )}
      </section>

      {detail.payment && <PaymentSection detail={detail} run={run} />}

      <section aria-labelledby="assign-title" className="panel">
        <h2 id="assign-title">{t('assignee')}</h2>
        <label htmlFor="assignee" className="field-label">
          {t('assignee')}
        </label>
        <select id="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
          {colleagues.map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayName}
            </option>
          ))}
        </select>
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => void run('assignee', () => staffApi.assign(detail.referenceNumber, Number(assignee)))}>
            {t('assign')}
          </button>
          {detail.assignee && (
            <button type="button" className="button button--secondary" onClick={() => void run('assignee', () => staffApi.assign(detail.referenceNumber, null))}>
              {t('unassign')}
            </button>
          )}
        </div>
      </section>

      <section aria-labelledby="answers-title">
        <h2 id="answers-title">{t('answers')}</h2>
        {detail.answers.map((step) => (
          <section key={step.key} aria-labelledby={`a-${step.key}`} className="summary-section">
            <h3 id={`a-${step.key}`}>{pick(step.title)}</h3>
            <dl className="summary-list">
              {step.rows.map((row) => (
                <div key={row.pointer} className={`${row.kind === 'group' ? 'summary-list__group' : 'summary-list__row summary-list__row--plain'} depth-${row.depth}`}>
                  <dt>{pick(row.label)}</dt>
                  <dd className="summary-list__value">{pick(row.value)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </section>

      <section aria-labelledby="texts-title" className="panel">
        <h2 id="texts-title">
          {t('addNote')} / {t('sendMessage')}
        </h2>
        <label htmlFor="note" className="field-label">
          {t('note')}
        </label>
        <textarea id="note" value={note} onChange={(e) => setNote(e.target.value)} />
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => void run('note', () => staffApi.note(detail.referenceNumber, note), () => setNote(''))}>
            {t('addNote')}
          </button>
        </div>
        <label htmlFor="message" className="field-label">
          {t('messageToResident')}
        </label>
        <textarea id="message" value={message} onChange={(e) => setMessage(e.target.value)} />
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => void run('message', () => staffApi.message(detail.referenceNumber, message), () => setMessage(''))}>
            {t('sendMessage')}
          </button>
        </div>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('history')}</h2>
        <ol className="history">
          {detail.history.map((h, i) => (
            <li key={i}>
              <p className="history__meta">
                {formatDateTime(h.at, lang)}　{h.actor.type === 'resident' ? t('residentActor') : h.actor.type === 'system' ? t('systemActor') : h.actor.displayName}　{t(`kind_${h.kind}` as MessageKey)}
              </p>
              {h.kind === 'status' && h.fromStatus && h.toStatus && <p>{`${pick(statusLabel(h.fromStatus))} → ${pick(statusLabel(h.toStatus))}`}</p>}
              {h.text && <p className="history__text">{h.text}</p>}
              {h.changes && (
                <ul>
                  {h.changes.map((c) => (
                    <li key={c.label.ja}>
                      {pick(c.label)}：{pick(c.before)} → <strong>{pick(c.after)}</strong>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
