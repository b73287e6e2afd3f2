/**
 * While a resident is away at Stripe, this tab remembers which submission is being paid (with its
 * access code, already shown on screen), so that the return page can offer the receipt. Session
 * storage: gone when the tab is closed.
 */
const KEY = 'koganei.payment';

export function rememberPayment(referenceNumber: string, accessCode: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ referenceNumber, accessCode }));
  } catch {
    /* storage unavailable: the return page links to the status page instead */
  }
}

export function rememberedPayment(referenceNumber: string): { referenceNumber: string; accessCode: string } | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { referenceNumber: string; accessCode: string } | null;
    return value?.referenceNumber === referenceNumber ? value : null;
  } catch {
    return null;
  }
}
