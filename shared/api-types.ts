/** Response bodies of the resident API, used by the server that sends them and the client that reads them. */
import type { SummaryRow } from './forms/answers-summary.ts';
import type { LocalizedText } from './forms/types.ts';
import type { PaymentView } from './payments.ts';
import type { StaffPaymentPanel } from '../server/payments/staff-view.ts';

export interface SubmissionReceipt {
  referenceNumber: string;
  /** Shown once: only its HMAC is stored. */
  accessCode: string;
  procedureId: string;
  definitionVersion: number;
  status: string;
  statusLabel: LocalizedText;
  submittedAt: string;
  /** The fee and its payment, when the procedure has a fee. */
  payment: PaymentView | null;
}

export interface SubmissionStatusView {
  referenceNumber: string;
  procedure: { id: string; title: LocalizedText; department: { name: LocalizedText; phone: string } };
  status: string;
  statusLabel: LocalizedText;
  submittedAt: string;
  updatedAt: string;
  payment: PaymentView | null;
  /** Why staff returned it for correction (only while 差戻し). */
  returnReason: string | null;
  /** Messages from staff to the resident, oldest first. */
  messages: { at: string; text: string }[];
}

export interface CorrectionForm {
  referenceNumber: string;
  procedureId: string;
  definitionVersion: number;
  answers: Record<string, unknown>;
  returnReason: string | null;
}

/** One entry of a submission's history, as staff see it. */
export interface HistoryEntry {
  at: string;
  actor: { type: string; displayName: string | null };
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  text: string | null;
  /** For corrections: the answers that changed, before and after. */
  changes?: { label: LocalizedText; before: LocalizedText; after: LocalizedText }[];
}

/** A submission in the staff detail view (getSubmission). */
export interface StaffSubmissionDetail {
  referenceNumber: string;
  procedure: { id: string; title: LocalizedText; version: number; sha256: string };
  status: string;
  statusLabel: LocalizedText;
  submittedAt: string;
  updatedAt: string;
  assignee: { id: number; displayName: string } | null;
  allowedTransitions: { to: string; label: LocalizedText; reasonRequired: boolean }[];
  answers: { key: string; title: LocalizedText; rows: SummaryRow[] }[];
  history: HistoryEntry[];
  /** The fee, every payment attempt and refund, and what staff may do (null: no fee). */
  payment: StaffPaymentPanel | null;
}
