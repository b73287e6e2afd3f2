/**
 * Who may move a submission from which status to which. Staff work 受付 -> 審査中 -> 完了/却下,
 * and may return it for correction (差戻し) from 受付 or 審査中; the resident sends a corrected
 * submission back (差戻し -> 受付) or withdraws it (取下げ) before a decision. A submission whose
 * fee is paid online at submission waits as 支払待ち until the payment is confirmed (the system
 * moves it to 受付; server/payments/service.ts). A procedure that needs no separate review
 * (approveOnReceipt: a certificate issued as asked) may go from 受付 to 完了 in one step.
 */
import type { SubmissionStatus } from './status.ts';

export type Actor = 'staff' | 'resident' | 'system';

interface Transition {
  from: SubmissionStatus;
  to: SubmissionStatus;
  by: Actor;
  /** A reason is required (the resident sees the reason for 差戻し). */
  reason: boolean;
  /** Only for a procedure that needs no separate review (approveOnReceipt). */
  oneStep?: true;
}

/** What of a procedure the workflow depends on. */
export interface WorkflowRules {
  approveOnReceipt?: boolean;
}

export const TRANSITIONS: readonly Transition[] = [
  { from: 'awaiting_payment', to: 'submitted', by: 'system', reason: false },
  { from: 'awaiting_payment', to: 'withdrawn', by: 'resident', reason: false },
  { from: 'submitted', to: 'in_review', by: 'staff', reason: false },
  { from: 'submitted', to: 'approved', by: 'staff', reason: false, oneStep: true },
  { from: 'submitted', to: 'returned', by: 'staff', reason: true },
  { from: 'in_review', to: 'returned', by: 'staff', reason: true },
  { from: 'in_review', to: 'approved', by: 'staff', reason: false },
  { from: 'in_review', to: 'rejected', by: 'staff', reason: true },
  { from: 'returned', to: 'submitted', by: 'resident', reason: false },
  { from: 'submitted', to: 'withdrawn', by: 'resident', reason: false },
  { from: 'in_review', to: 'withdrawn', by: 'resident', reason: false },
  { from: 'returned', to: 'withdrawn', by: 'resident', reason: false },
];

const applies = (t: Transition, rules: WorkflowRules | undefined) => !t.oneStep || rules?.approveOnReceipt === true;

export function findTransition(from: string, to: string, by: Actor, rules?: WorkflowRules): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to && t.by === by && applies(t, rules));
}

/** Where staff can move a submission now. */
export function staffTargets(from: string, rules?: WorkflowRules): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && t.by === 'staff' && applies(t, rules));
}

export const FINAL_STATUSES: readonly SubmissionStatus[] = ['approved', 'rejected', 'withdrawn'];
