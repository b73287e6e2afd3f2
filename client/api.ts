/** Calls to the platform's API, with its error envelope turned into ApiError. */
import type { FieldError } from '../shared/forms/messages.ts';
import type { CorrectionForm, SubmissionReceipt, SubmissionStatusView } from '../shared/api-types.ts';
import type { LocalizedText, ProcedureSummary, ProcedureView } from '../shared/forms/types.ts';
import { residentCsrf } from './resident/session.tsx';

export type { SubmissionReceipt, SubmissionStatusView };

export interface PaymentResult {
  referenceNumber: string;
  procedureTitle: LocalizedText;
  amountYen: number;
  attempt: 'open' | 'pending' | 'paid' | 'failed' | 'expired';
  paymentStatus: string | null;
  paymentStatusLabel: LocalizedText | null;
  canRetry: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly fields: FieldError[] = [],
  ) {
    super(code);
  }
}

/** The server's own message for a failed request, or null when there is none (no connection, a proxy's error page). */
export function serverMessage(error: unknown): LocalizedText | null {
  return error instanceof ApiError && error.text.ja ? error.text : null;
}

export async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}), ...init?.headers },
  });
  const body = (await res.json().catch(() => null)) as
    ({ error?: { code: string; message: LocalizedText; fields?: FieldError[] } } & T) | null;
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? 'NETWORK', e?.message ?? { ja: '', en: '' }, e?.fields ?? []);
  }
  return body as T;
}

export const api = {
  listProcedures: () => request<{ procedures: ProcedureSummary[] }>('/api/procedures'),
  getProcedure: (id: string, version?: number) =>
    request<ProcedureView>(
      version ? `/api/procedures/${encodeURIComponent(id)}/versions/${version}` : `/api/procedures/${encodeURIComponent(id)}`,
    ),
  createSubmission: (id: string, definitionVersion: number, answers: unknown, idempotencyKey: string, draftToken?: string) =>
    request<SubmissionReceipt>(`/api/procedures/${encodeURIComponent(id)}/submissions`, {
      method: 'POST',
      // Signed in: the CSRF token makes the submission the resident's (マイページ, verified answers).
      headers: { 'Idempotency-Key': idempotencyKey, ...(residentCsrf() ? { 'X-CSRF-Token': residentCsrf() } : {}) },
      body: JSON.stringify({ definitionVersion, answers, ...(draftToken ? { draftToken } : {}) }),
    }),
  getStatus: (referenceNumber: string, accessCode: string) =>
    request<SubmissionStatusView>('/api/submissions/status', { method: 'POST', body: JSON.stringify({ referenceNumber, accessCode }) }),
  /**
   * The anonymous form-start counter of the DX dashboard: once per browser per procedure per day
   * (a flag with the day, nothing about the resident). A lost count is deliberately ignored: it
   * must never stop or delay a resident starting the form, and there is nothing they could do.
   */
  recordStart: (id: string) => {
    const key = `koganei.started.${id}`;
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    try {
      if (localStorage.getItem(key) === today) return Promise.resolve(undefined);
      localStorage.setItem(key, today);
    } catch {
      /* storage disabled: count this start */
    }
    return fetch(`/api/procedures/${encodeURIComponent(id)}/starts`, { method: 'POST' }).catch(() => undefined);
  },
  /** Downloads the resident's receipt PDF (a POST, since it needs the access code). */
  async downloadReceipt(referenceNumber: string, accessCode: string): Promise<void> {
    const res = await fetch('/api/submissions/receipt.pdf', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ referenceNumber, accessCode }),
    });
    if (!res.ok) throw new ApiError(res.status, 'RECEIPT', { ja: '', en: '' });
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: `receipt-${referenceNumber}.pdf` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  verifyReceipt: (ref: string, sha: string) =>
    request<{ valid: boolean; referenceNumber?: string; procedure?: LocalizedText; statusLabel?: LocalizedText }>(
      `/api/receipts/verify/${encodeURIComponent(ref)}/${encodeURIComponent(sha)}`,
    ),
  getCorrectionForm: (referenceNumber: string, accessCode: string) =>
    request<CorrectionForm>('/api/submissions/correction-form', { method: 'POST', body: JSON.stringify({ referenceNumber, accessCode }) }),
  correct: (referenceNumber: string, accessCode: string, answers: unknown, draftToken?: string) =>
    request<{ status: string }>('/api/submissions/correction', {
      method: 'POST',
      body: JSON.stringify({ referenceNumber, accessCode, answers, ...(draftToken ? { draftToken } : {}) }),
    }),
  createPayment: (referenceNumber: string, accessCode: string) =>
    request<{ checkoutUrl: string }>('/api/submissions/payment', { method: 'POST', body: JSON.stringify({ referenceNumber, accessCode }) }),
  paymentResult: (sessionId: string) => request<PaymentResult>(`/api/payments/checkout/${encodeURIComponent(sessionId)}`),
  retryPayment: (sessionId: string) =>
    request<{ checkoutUrl: string }>(`/api/payments/checkout/${encodeURIComponent(sessionId)}/retry`, { method: 'POST' }),
  withdraw: (referenceNumber: string, accessCode: string) =>
    request<{ status: string }>('/api/submissions/withdrawal', { method: 'POST', body: JSON.stringify({ referenceNumber, accessCode }) }),
};
