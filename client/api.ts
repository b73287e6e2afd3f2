/** Calls to the platform's API, with its error envelope turned into ApiError. */
import type { FieldError } from '../shared/forms/messages.ts';
import type { CorrectionForm, SigningView, SubmissionReceipt, SubmissionStatusView } from '../shared/api-types.ts';
import type { Lang, LocalizedText, ProcedureSummary, ProcedureView } from '../shared/forms/types.ts';
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

/**
 * The proof sent about a filed submission: its access code, or, signed in and without a code
 * (opened from マイページ), none: the session (and its CSRF token) shows the resident filed it.
 */
function proof(referenceNumber: string, accessCode: string): { body: Record<string, string>; headers: Record<string, string> } {
  const csrf = residentCsrf();
  return {
    body: accessCode === '' && csrf ? { referenceNumber } : { referenceNumber, accessCode },
    headers: csrf ? { 'X-CSRF-Token': csrf } : {},
  };
}

function proofRequest<T>(url: string, referenceNumber: string, accessCode: string, extra: Record<string, unknown> = {}): Promise<T> {
  const { body, headers } = proof(referenceNumber, accessCode);
  return request<T>(url, { method: 'POST', headers, body: JSON.stringify({ ...body, ...extra }) });
}

export const api = {
  listProcedures: () => request<{ procedures: ProcedureSummary[] }>('/api/procedures'),
  getProcedure: (id: string, version?: number) =>
    request<ProcedureView>(
      version ? `/api/procedures/${encodeURIComponent(id)}/versions/${version}` : `/api/procedures/${encodeURIComponent(id)}`,
    ),
  getPreview: (previewId: string) => request<ProcedureView>(`/api/staff/previews/${encodeURIComponent(previewId)}`),
  createSubmission: (
    id: string,
    definitionVersion: number,
    answers: unknown,
    idempotencyKey: string,
    draftToken?: string,
    filer?: 'self' | 'proxy',
    signingRequestId?: string,
  ) =>
    request<SubmissionReceipt>(`/api/procedures/${encodeURIComponent(id)}/submissions`, {
      method: 'POST',
      // Signed in: the CSRF token makes the submission the resident's (マイページ, verified answers).
      headers: { 'Idempotency-Key': idempotencyKey, ...(residentCsrf() ? { 'X-CSRF-Token': residentCsrf() } : {}) },
      body: JSON.stringify({
        definitionVersion,
        answers,
        ...(draftToken ? { draftToken } : {}),
        ...(filer ? { filer } : {}),
        ...(signingRequestId ? { signingRequestId } : {}),
      }),
    }),
  /** Asks to sign these answers: where to sign, and the id to file with afterwards. */
  createSigningRequest: (id: string, definitionVersion: number, answers: unknown, draftToken?: string, filer?: 'self' | 'proxy') =>
    request<{ signingRequestId: string; signUrl: string; expiresAt: string; digest: string }>(
      `/api/procedures/${encodeURIComponent(id)}/signing-requests`,
      {
        method: 'POST',
        headers: { 'X-CSRF-Token': residentCsrf() },
        body: JSON.stringify({ definitionVersion, answers, ...(draftToken ? { draftToken } : {}), ...(filer ? { filer } : {}) }),
      },
    ),
  getSigningRequest: (signingRequestId: string) => request<SigningView>(`/api/signing-requests/${encodeURIComponent(signingRequestId)}`),
  getStatus: (referenceNumber: string, accessCode: string) =>
    proofRequest<SubmissionStatusView>('/api/submissions/status', referenceNumber, accessCode),
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
  /** Downloads the resident's receipt PDF (a POST, since it needs the access code), in the language they read the site in. */
  async downloadReceipt(referenceNumber: string, accessCode: string, lang: Lang): Promise<void> {
    const res = await fetch('/api/submissions/receipt.pdf', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...proof(referenceNumber, accessCode).headers },
      body: JSON.stringify({ ...proof(referenceNumber, accessCode).body, lang }),
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
    request<{ valid: boolean; referenceNumber?: string; procedure?: LocalizedText; statusLabel?: LocalizedText; signed?: boolean }>(
      `/api/receipts/verify/${encodeURIComponent(ref)}/${encodeURIComponent(sha)}`,
    ),
  getCorrectionForm: (referenceNumber: string, accessCode: string) =>
    proofRequest<CorrectionForm>('/api/submissions/correction-form', referenceNumber, accessCode),
  correct: (referenceNumber: string, accessCode: string, answers: unknown, draftToken?: string) =>
    proofRequest<{ status: string }>('/api/submissions/correction', referenceNumber, accessCode, {
      answers,
      ...(draftToken ? { draftToken } : {}),
    }),
  createPayment: (referenceNumber: string, accessCode: string) =>
    proofRequest<{ checkoutUrl: string }>('/api/submissions/payment', referenceNumber, accessCode),
  paymentResult: (sessionId: string) => request<PaymentResult>(`/api/payments/checkout/${encodeURIComponent(sessionId)}`),
  retryPayment: (sessionId: string) =>
    request<{ checkoutUrl: string }>(`/api/payments/checkout/${encodeURIComponent(sessionId)}/retry`, { method: 'POST' }),
  withdraw: (referenceNumber: string, accessCode: string) =>
    proofRequest<{ status: string }>('/api/submissions/withdrawal', referenceNumber, accessCode),
};
