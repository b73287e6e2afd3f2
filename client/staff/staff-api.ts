/** Calls to the staff API: the session cookie goes along by itself; changes carry the CSRF token. */
import type { LocalizedText } from '../../shared/forms/types.ts';
import type { DashboardFigures, StaffSubmissionDetail, SubmissionReceipt } from '../../shared/api-types.ts';
import type { CounterDocument } from '../../shared/identity.ts';
import { request } from '../api.ts';

/** How far signing in has gone: mfa (the code is owed), enrol (set up a second factor first), password (change it first), done. */
export type SignInStage = 'mfa' | 'enrol' | 'password' | 'done';

export interface StaffUser {
  id: number;
  email: string;
  displayName: string;
  role: string;
  departmentId: string | null;
  /** From the session: the next step of signing in, and whether a second factor is set up. */
  next?: SignInStage;
  secondFactor?: boolean;
}

export interface StaffAccount {
  id: number;
  email: string;
  displayName: string;
  role: string;
  departmentId: string | null;
  lastLoginAt: string | null;
  secondFactor: boolean;
  locked: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
}

export interface PreviewableDefinition {
  id: string;
  version: number;
  title: LocalizedText;
  published: boolean;
  department: { id: string; name: LocalizedText };
}

export interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  address: string | null;
  current: boolean;
  signedIn: boolean;
}

export interface Enrolment {
  otpauthUri: string;
  secret: string;
  qrCode: string;
}

export interface QueueItem {
  referenceNumber: string;
  procedureId: string;
  status: string;
  statusLabel: LocalizedText;
  submittedAt: string;
  assignee: { id: number; displayName: string } | null;
  paymentStatus: string | null;
  paymentStatusLabel: LocalizedText | null;
  /** online, or counter-assisted (窓口代行). */
  channel: string;
  applicantName: string | null;
  /** Sent again by the resident after a 差戻し. */
  resubmitted: boolean;
  /** 標準処理期間 due date (null: no period, or the clock is stopped). */
  dueOn: string | null;
  overdue: boolean;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  counts: Record<string, number>;
  procedures: { id: string; title: LocalizedText }[];
}

export type SubmissionDetail = StaffSubmissionDetail;

let csrfToken = '';
let failedAttempts = 0;

const change = <T>(url: string, method: string, body: unknown) =>
  request<T>(url, { method, headers: { 'X-CSRF-Token': csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });

export const staffApi = {
  dashboard: (params: URLSearchParams) => request<DashboardFigures>(`/api/dx/dashboard?${params.toString()}`),
  counts: () =>
    request<{
      procedures: { id: string; name: LocalizedText; departmentId: string }[];
      months: string[];
      entries: { procedureId: string; month: string; counter: number; mail: number }[];
    }>('/api/dx/counter-counts'),
  previewable: () => request<{ definitions: PreviewableDefinition[] }>('/api/staff/previews'),
  createPreview: (body: { procedureId: string } | { definition: unknown }) =>
    change<{ previewId: string; procedure: { id: string } }>('/api/staff/previews', 'POST', body),
  enterCounts: (body: { procedureId: string; month: string; counter: number; mail: number }) =>
    change('/api/dx/counter-counts', 'PUT', body),
  uploadCounts: (csv: string) =>
    request<{ saved: number }>('/api/dx/counter-counts.csv', {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'text/csv' },
      body: csv,
    }),
  async session(): Promise<StaffUser | null> {
    const s = await request<{ user: StaffUser | null; csrfToken: string | null; next?: SignInStage; secondFactor?: boolean }>(
      '/api/staff/session',
    );
    csrfToken = s.csrfToken ?? '';
    return s.user ? { ...s.user, next: s.next ?? 'done', secondFactor: s.secondFactor ?? false } : null;
  },
  async login(email: string, password: string): Promise<StaffUser> {
    const s = await request<{ user: StaffUser; csrfToken: string; failedAttempts?: number; next: SignInStage }>('/api/staff/session', {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    csrfToken = s.csrfToken;
    failedAttempts = s.failedAttempts ?? 0;
    return { ...s.user, next: s.next };
  },
  /** The second step of sign-in; the session is renewed (new CSRF token). */
  async verifyMfa(code: string): Promise<SignInStage> {
    const s = await change<{ csrfToken: string; failedAttempts: number; next: SignInStage }>('/api/staff/mfa/verification', 'POST', {
      code,
    });
    csrfToken = s.csrfToken;
    failedAttempts = s.failedAttempts;
    return s.next;
  },
  startEnrolment: () => change<Enrolment>('/api/staff/mfa/enrolment', 'POST', undefined),
  async confirmEnrolment(code: string): Promise<{ recoveryCodes: string[]; next: SignInStage }> {
    const s = await change<{ recoveryCodes: string[]; csrfToken: string; next: SignInStage }>(
      '/api/staff/mfa/enrolment/confirmation',
      'POST',
      {
        code,
      },
    );
    csrfToken = s.csrfToken;
    return s;
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    change<{ endedSessions: number }>('/api/staff/account/password', 'POST', { currentPassword, newPassword }),
  sessions: () => request<{ sessions: OwnSession[] }>('/api/staff/account/sessions'),
  revokeSession: (id: string) => change<void>(`/api/staff/account/sessions/${encodeURIComponent(id)}`, 'DELETE', undefined),
  accounts: () => request<{ accounts: StaffAccount[]; departments: string[] }>('/api/staff/accounts'),
  createAccount: (body: {
    email: string;
    password: string;
    role: string;
    departmentId: string | null;
    displayName?: string;
    reason: string;
  }) => change<StaffUser>('/api/staff/accounts', 'POST', body),
  updateAccount: (id: number, body: { role?: string; departmentId?: string | null; disabled?: boolean; reason: string }) =>
    change<StaffAccount>(`/api/staff/accounts/${id}`, 'PUT', body),
  resetPassword: (id: number, reason: string) =>
    change<{ temporaryPassword: string }>(`/api/staff/accounts/${id}/password-reset`, 'POST', { reason }),
  resetMfa: (id: number, reason: string) => change<void>(`/api/staff/accounts/${id}/mfa-reset`, 'POST', { reason }),
  importMoves: (csv: string) =>
    request<{ moved: number }>('/api/staff/accounts/moves.csv', {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'text/csv' },
      body: csv,
    }),
  /** Failed sign-ins on this account since the owner's previous one: told once, on the first page after signing in. */
  takeFailedAttempts(): number {
    const n = failedAttempts;
    failedAttempts = 0;
    return n;
  },
  logout: () => request<void>('/api/staff/session', { method: 'DELETE', headers: { 'X-CSRF-Token': csrfToken } }),
  queue: (params: URLSearchParams) => request<QueuePage>(`/api/staff/submissions?${params.toString()}`),
  detail: (ref: string) => request<SubmissionDetail>(`/api/staff/submissions/${encodeURIComponent(ref)}`),
  colleagues: () => request<{ colleagues: { id: number; displayName: string }[] }>('/api/staff/colleagues'),
  transition: (ref: string, to: string, reason: string, documents: string[] = []) =>
    change(`/api/staff/submissions/${encodeURIComponent(ref)}/transitions`, 'POST', {
      to,
      reason,
      ...(documents.length > 0 ? { documents } : {}),
    }),
  bulkTransition: (refs: string[], to: string, reason: string) =>
    change('/api/staff/transitions', 'POST', { referenceNumbers: refs, to, reason }),
  setFee: (ref: string, amountYen: number) => change(`/api/staff/submissions/${encodeURIComponent(ref)}/fee`, 'PUT', { amountYen }),
  recordCounterPayment: (ref: string, amountYen: number, note: string) =>
    change(`/api/staff/submissions/${encodeURIComponent(ref)}/counter-payments`, 'POST', { amountYen, note }),
  refund: (ref: string, amountYen: number, reason: string) =>
    change<{ status: string }>(`/api/staff/submissions/${encodeURIComponent(ref)}/refunds`, 'POST', { amountYen, reason }),
  assign: (ref: string, assigneeId: number | null) =>
    change(`/api/staff/submissions/${encodeURIComponent(ref)}/assignee`, 'PUT', { assigneeId }),
  note: (ref: string, text: string) => change(`/api/staff/submissions/${encodeURIComponent(ref)}/notes`, 'POST', { text }),
  /** Files a resident's answers at the counter (書かない窓口); one Idempotency-Key per filing, so a retry files once. */
  fileAtCounter: (
    procedureId: string,
    body: { definitionVersion: number; answers: unknown; identityCheck?: { document: CounterDocument; note?: string } },
    idempotencyKey: string,
  ) =>
    request<SubmissionReceipt>(`/api/staff/counter/${encodeURIComponent(procedureId)}/submissions`, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrfToken, 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(body),
    }),
  message: (ref: string, text: string) => change(`/api/staff/submissions/${encodeURIComponent(ref)}/messages`, 'POST', { text }),
};
