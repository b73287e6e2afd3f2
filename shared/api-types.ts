/** Response bodies of the resident API, used by the server that sends them and the client that reads them. */
import type { AttachmentMeta } from './forms/attachments.ts';
import type { SummaryRow } from './forms/answers-summary.ts';
import type { LocalizedText } from './forms/types.ts';
import type { PaymentStatus, PaymentView } from './payments.ts';

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
  procedure: {
    id: string;
    title: LocalizedText;
    department: { name: LocalizedText; phone: string };
    /** How long the department usually takes (the definition's processingTime). */
    processingTime: LocalizedText | null;
  };
  status: string;
  statusLabel: LocalizedText;
  submittedAt: string;
  updatedAt: string;
  payment: PaymentView | null;
  /** Why staff returned it for correction (only while 差戻し). */
  returnReason: string | null;
  /** Documents staff asked to attach or replace with the 差戻し (the questions' labels). */
  requestedDocuments: LocalizedText[];
  /** Messages from staff to the resident, oldest first. */
  messages: { at: string; text: string }[];
}

export interface CorrectionForm {
  referenceNumber: string;
  procedureId: string;
  definitionVersion: number;
  answers: Record<string, unknown>;
  /** Pointers of the answers verified by the sign-in at filing: shown locked, and kept as they are. */
  verified: string[];
  returnReason: string | null;
  requestedDocuments: LocalizedText[];
  /** The files now attached (names and sizes for the form; the answers hold their ids). */
  attachments: AttachmentMeta[];
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
  /** Every file of the submission, replaced ones too (after a correction). */
  attachments: StaffAttachment[];
  /** The procedure's attachment questions: staff may ask for any of them with a 差戻し. */
  attachmentQuestions: { pointer: string; label: LocalizedText }[];
  /** Who filed it and how their identity was verified. */
  filing: StaffFiling;
  /** Null when the submission was not signed. */
  signature: StaffSignature | null;
  /** 標準処理期間: when a decision is due (null when the procedure declares no period). */
  deadline: StaffDeadline | null;
  /** Sent again after a 差戻し and waiting for staff: the reason it was returned with and what changed (null otherwise). */
  resubmission: { at: string; returnReason: string | null; changes: NonNullable<HistoryEntry['changes']> } | null;
}

/** A submission's 標準処理期間 (dates are Japan days, YYYY-MM-DD). */
export interface StaffDeadline {
  period: { days: number; count: 'calendar' | 'working' };
  /** Null while the clock is stopped (差戻し: waiting for the resident; 支払待ち: waiting for the fee). */
  dueOn: string | null;
  paused: boolean;
  overdue: boolean;
  decidedOn: string | null;
  /** Decided by the due date (null while undecided or withdrawn). */
  metPeriod: boolean | null;
}

/** How a submission came in (online or at the counter by a clerk) and how the filer's identity was verified. */
/** Where a resident's signing stands, for the check page (no certificate or signature bytes). */
export interface SigningView {
  status: 'pending' | 'signed' | 'failed' | 'used';
  procedureId: string;
  error: { code: string; message: LocalizedText } | null;
  signer: { name: string | null } | null;
  certificate: { serialNumber: string; notAfter: string } | null;
  expiresAt: string;
}

/** A filed submission's electronic signature (署名用電子証明書), as the platform verified it when it arrived. */
export interface StaffSignature {
  status: 'verified';
  label: LocalizedText;
  signer: { name: string | null; birthDate: string | null; address: string | null };
  certificate: { serialNumber: string; issuer: string; notBefore: string; notAfter: string };
  algorithm: string;
  /** The digest that was signed (the receipt's SHA-256 as filed). */
  digest: string;
  verifiedAt: string;
  /** When the CRL used was issued. */
  crlThisUpdate: string;
  /** False once a correction changed the answers: the signature covers the submission as filed. */
  coversCurrentAnswers: boolean;
}

export interface StaffFiling {
  channel: 'online' | 'counter-assisted';
  channelLabel: LocalizedText;
  /** A verified sign-in, or an identity document checked at the counter. */
  verified: boolean;
  summary: LocalizedText;
}

export interface StaffAttachment {
  id: string;
  /** The question it answers. */
  label: LocalizedText;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** clean: scanned by clamd; not_scanned: 未検査 (no scanner configured). */
  scan: string;
  thumbnailUrl: string | null;
  openUrl: string | null;
  downloadUrl: string;
  /** Added while the resident corrected a returned submission. */
  addedInCorrection: boolean;
  /** Removed from the answers by a correction (kept for the record). */
  replaced: boolean;
}

/** The payment panel of the staff detail view: amounts, every attempt and refund, what staff may do now. */
export interface StaffPaymentPanel {
  timing: 'on_submission' | 'after_review';
  amountYen: number | null;
  status: PaymentStatus | null;
  statusLabel: LocalizedText | null;
  paidYen: number;
  refundedYen: number;
  refundableYen: number;
  canSetFee: boolean;
  canRecordCounter: boolean;
  attempts: {
    at: string;
    method: LocalizedText | null;
    provider: string;
    status: string;
    amountYen: number;
    stripeSessionId: string | null;
    stripePaymentIntentId: string | null;
    paidAt: string | null;
  }[];
  refunds: { at: string; amountYen: number; reason: string; status: string; stripeRefundId: string | null }[];
}

/** Where a procedure of the city's catalog stands (form-definitions/catalog.json). */
export type CatalogProcedureState = 'online' | 'planned' | 'paper';

/** A priority or high-need procedure that is not online yet. */
export interface DashboardMissingProcedure {
  id: string;
  name: LocalizedText;
  department: { id: string; name: LocalizedText };
  state: CatalogProcedureState;
  targetFiscalYear: number | null;
}

/** Online versus counter-assisted and counter/mail filings of one procedure in one Japan-time month (YYYY-MM). */
export interface DashboardUseMonth {
  month: string;
  online: number;
  /** Filed on the platform by a clerk with the resident at the counter (書かない窓口): not online, counted among all filings. */
  counterAssisted: number;
  counter: number;
  mail: number;
  /** Whether the department entered counter/mail counts for the month. */
  entered: boolean;
  onlineRate: number | null;
}

/** One procedure's use over the fiscal year, month by month and in total. */
export interface DashboardUse {
  id: string;
  name: LocalizedText;
  department: { id: string; name: LocalizedText };
  state: CatalogProcedureState;
  months: DashboardUseMonth[];
  /** onlineRate over the months whose counter and mail counts were entered (monthsCounted of them); null when none. */
  total: { onlineRate: number | null; monthsCounted: number; online: number; counterAssisted: number; counter: number; mail: number };
}

/** Review work on one online procedure's submissions filed in the fiscal year. */
export interface DashboardWork {
  id: string;
  name: LocalizedText;
  submissions: number;
  decided: number;
  medianDaysToDecision: number | null;
  returnedShare: number | null;
  /** Share of the fees paid in the year that were paid online; null when none was paid. */
  cashlessShare: number | null;
  /** 標準処理期間: share of the decided submissions decided by their due date (null: no period, or none decided). */
  withinPeriodShare: number | null;
  /** Undecided submissions past their due date now. */
  overdue: number;
}

/** Forms started against submissions filed, for one online procedure. */
export interface DashboardFunnel {
  id: string;
  name: LocalizedText;
  started: number;
  submitted: number;
  completionRate: number | null;
}

/** The DX office's figures for one fiscal year (GET /api/dx/dashboard, dashboardFigures on the server). */
export interface DashboardFigures {
  fiscalYear: number;
  departmentId: string | null;
  departments: { id: string; name: LocalizedText }[];
  months: string[];
  coverage: {
    priority: {
      total: number;
      online: number;
      share: number | null;
      /** Procedures still to put online. */
      gap: number;
      goalFiscalYear: number;
      /** The goal's fiscal year has passed and some are still not online. */
      overdue: boolean;
      missing: DashboardMissingProcedure[];
    };
    highNeed: {
      total: number;
      online: number;
      share: number | null;
      goalShare: number;
      /** Procedures still to put online to reach goalShare. */
      gap: number;
      missing: DashboardMissingProcedure[];
    };
  };
  use: DashboardUse[];
  work: DashboardWork[];
  funnel: DashboardFunnel[];
}
