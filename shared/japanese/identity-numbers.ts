import { digitsOnly } from './normalize.ts';

/**
 * 個人番号 (My Number): 12 digits, the last is a check digit. With Pn the n-th of the first 11
 * digits counted from the right and Qn = n + 1 (n <= 6) or n - 5 (n >= 7):
 * r = Σ Pn × Qn mod 11; check digit = 0 when r <= 1, otherwise 11 - r.
 */
export function myNumberCheckDigit(first11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isMyNumber(value: string): boolean {
  const digits = digitsOnly(value);
  if (!/^\d{12}$/u.test(digits)) return false;
  return myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);
}

export function normalizeMyNumber(value: string): string {
  return isMyNumber(value) ? digitsOnly(value) : value;
}

/** Masks all but the last 4 digits: used everywhere except the staff detail view. */
export function maskMyNumber(value: string): string {
  const digits = digitsOnly(value);
  return digits.length <= 4 ? '****' : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/**
 * 法人番号 (corporate number): 13 digits, check digit FIRST. With Pn the n-th of the 12 base
 * digits counted from the right and Qn = 1 (odd n) or 2 (even n): check = 9 - (Σ Pn × Qn mod 9).
 */
export function isCorporateNumber(value: string): boolean {
  const digits = digitsOnly(value);
  if (!/^\d{13}$/u.test(digits)) return false;
  const base = digits.slice(1);
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9) === Number(digits[0]);
}

export function normalizeCorporateNumber(value: string): string {
  return isCorporateNumber(value) ? digitsOnly(value) : value;
}
