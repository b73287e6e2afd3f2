/**
 * Filing periods (opensAt / closesAt in a definition): whether a procedure accepts filings at a
 * given moment, the same rule for the server (which refuses) and the pages (which say so).
 */

export interface FilingWindow {
  opensAt?: string;
  closesAt?: string;
}

export type WindowState = 'open' | 'not_yet_open' | 'closed';

export function windowState(window: FilingWindow, now: Date): WindowState {
  if (window.opensAt && now.getTime() < Date.parse(window.opensAt)) return 'not_yet_open';
  if (window.closesAt && now.getTime() >= Date.parse(window.closesAt)) return 'closed';
  return 'open';
}
