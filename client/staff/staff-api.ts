/** Calls to the staff API: the session cookie goes along by itself; changes carry the CSRF token. */
import type { LocalizedText } from '../../shared/forms/types.ts';
import type { DashboardFigures, StaffSubmissionDetail } from '../../shared/api-types.ts';
import { request } from '../api.ts';

export interface StaffUser {
  id: number;
  email: string;
  displayName: string;
  role: string;
  departmentId: string | null;
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
  request<T>(url, { method, headers: { 'X-CSRF-Token': csrfToken }, body: JSON.stringify(body) });

export const staffApi = {
  dashboard: (params: URLSearchParams) => request<DashboardFigures>(`/api/dx/dashboard?${params.toString()}`),
  counts: () =>
    request<{
      procedures: { id: string; name: LocalizedText; departmentId: string }[];
      months: string[];
      entries: { procedureId: string; month: string; counter: number; mail: number }[];
    }>('/api/dx/counter-counts'),
  enterCounts: (body: { procedureId: string; month: string; counter: number; mail: number }) =>
    change('/api/dx/counter-counts', 'PUT', body),
  uploadCounts: (csv: string) =>
    request<{ saved: number }>('/api/dx/counter-counts.csv', {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'text/csv' },
      body: csv,
    }),
  async session(): Promise<StaffUser | null> {
    const s = await request<{ user: StaffUser | null; csrfToken: string | null }>('/api/staff/session');
    csrfToken = s.csrfToken ?? '';
    return s.user;
  },
  async login(email: string, password: string): Promise<StaffUser> {
    const s = await request<{ user: StaffUser; csrfToken: string; failedAttempts?: number }>('/api/staff/session', {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    csrfToken = s.csrfToken;
    failedAttempts = s.failedAttempts ?? 0;
    return s.user;
  },
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
  message: (ref: string, text: string) => change(`/api/staff/submissions/${encodeURIComponent(ref)}/messages`, 'POST', { text }),
};
