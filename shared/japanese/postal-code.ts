import { digitsOnly } from './normalize.ts';

/** 郵便番号: 7 digits, shown and stored as NNN-NNNN. Full-width digits and any dash are accepted. */
export function normalizePostalCode(value: string): string {
  const digits = digitsOnly(value);
  return /^\d{7}$/u.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : value;
}

export function isPostalCode(value: string): boolean {
  return /^\d{7}$/u.test(digitsOnly(value));
}
