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
