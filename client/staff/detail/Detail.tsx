/** One loaded submission for staff: runs each change (message or error summary) and lays out the sections. */
import { useState } from 'react';
import { ApiError, serverMessage } from '../../api.ts';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';
import { useI18n } from '../../i18n.tsx';
import { PaymentSection } from '../PaymentSection.tsx';
import type { SubmissionDetail } from '../staff-api.ts';
import { AnswersSection } from './AnswersSection.tsx';
import { AttachmentsSection } from './AttachmentsSection.tsx';
import { AssignSection } from './AssignSection.tsx';
import { DetailSummary } from './DetailSummary.tsx';
import { HistorySection } from './HistorySection.tsx';
import { ResubmissionSection } from './ResubmissionSection.tsx';
import type { Run } from './run.ts';
import { TextsSection } from './TextsSection.tsx';
import { TransitionSection } from './TransitionSection.tsx';

export interface DetailProps {
  detail: SubmissionDetail;
  colleagues: { id: number; displayName: string }[];
  userId: number;
  notice: string;
  setNotice: (text: string) => void;
  onChange: () => void;
}

export function Detail({ detail, colleagues, userId, notice, setNotice, onChange }: DetailProps) {
  const { t, pick } = useI18n();
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const run: Run = async (target, action, after) => {
    try {
      await action();
      setProblems([]);
      setNotice(t('saved'));
      after?.();
      onChange();
    } catch (error) {
      setNotice('');
      const message = error instanceof ApiError ? (error.fields[0]?.message ?? serverMessage(error)) : null;
      setProblems([{ target, message: message ? pick(message) : t('sendFailed') }]);
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
      <DetailSummary detail={detail} />
      {detail.resubmission && <ResubmissionSection resubmission={detail.resubmission} />}
      <TransitionSection detail={detail} run={run} />
      {detail.payment && <PaymentSection detail={detail} run={run} />}
      <AssignSection detail={detail} colleagues={colleagues} userId={userId} run={run} />
      <AnswersSection answers={detail.answers} />
      <AttachmentsSection files={detail.attachments} />
      <TextsSection referenceNumber={detail.referenceNumber} run={run} />
      <HistorySection history={detail.history} />
    </>
  );
}
