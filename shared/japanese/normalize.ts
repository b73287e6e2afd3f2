/**
 * Normalization helpers. NFKC is right for digits, kana, postcodes, phone numbers and e-mail
 * addresses; it is WRONG for names and addresses (it rewrites compatibility ideographs), so
 * free text is never passed through these functions.
 */

/** Hyphen-like characters residents type between digit groups (after NFKC). */
const DASHES = /[-‐‑‒–—―−ーｰ－]/gu;

export function nfkc(value: string): string {
  return value.normalize('NFKC');
}

/** NFKC, then drop dashes and white space: what is left should be digits only. */
export function digitsOnly(value: string): string {
  return nfkc(value).replace(DASHES, '').replace(/\s+/gu, '');
}

/** NFKC, then unify every dash variant to ASCII '-' and drop white space. */
export function unifyDashes(value: string): string {
  return nfkc(value).replace(DASHES, '-').replace(/\s+/gu, '');
}
