import type { LocalizedText } from './forms/types.ts';

/** Submission statuses and the words residents and staff see for them. */
export const STATUSES = ['awaiting_payment', 'submitted', 'in_review', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export type SubmissionStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<SubmissionStatus, LocalizedText> = {
  awaiting_payment: { ja: '支払待ち', en: 'Awaiting payment' },
  submitted: { ja: '受付', en: 'Received' },
  in_review: { ja: '審査中', en: 'In review' },
  approved: { ja: '完了', en: 'Completed' },
  rejected: { ja: '却下', en: 'Rejected' },
  returned: { ja: '差戻し', en: 'Returned for correction' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
};

export function statusLabel(status: string): LocalizedText {
  return STATUS_LABELS[status as SubmissionStatus] ?? { ja: status, en: status };
}

/** What each status means for the resident, said on the status page. */
export const STATUS_MEANINGS: Record<SubmissionStatus, LocalizedText> = {
  awaiting_payment: {
    ja: '手数料のお支払いを待っています。お支払いが確認できると「受付」になります。',
    en: 'We are waiting for the fee. Once the payment is confirmed, the application is received.',
  },
  submitted: {
    ja: '申請が届き、担当課が確認を始める前の状態です。',
    en: 'Your application has arrived; the department has not started checking it yet.',
  },
  in_review: { ja: '担当課が申請の内容を確認しています。', en: 'The department is checking your application.' },
  approved: { ja: '手続が終わりました。', en: 'The procedure is complete.' },
  rejected: {
    ja: '申請は認められませんでした。理由は担当課からのお知らせをご覧ください。',
    en: 'The application was not accepted. See the message from the department for the reason.',
  },
  returned: {
    ja: '担当課から修正をお願いしています。修正して再提出すると、もう一度確認します。審査はまだ終わっていません。',
    en: 'The department has asked you to correct it. Once you send it again, they check it again: the review has not ended.',
  },
  withdrawn: { ja: '申請を取り下げました。', en: 'You withdrew the application.' },
};

/** The usual path of an application, shown as steps on the status page. */
export const STATUS_PATH: readonly SubmissionStatus[] = ['submitted', 'in_review', 'approved'];
