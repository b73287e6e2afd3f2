import { digitsOnly, unifyDashes } from './normalize.ts';

/**
 * Japanese phone numbers, after NFKC and removing dashes: mobile 070/080/090 and IP 050 have
 * 11 digits; 0120 has 10 and 0800 has 11; 0570 has 10; other fixed lines have 10 digits.
 */
export function isJapanesePhone(value: string): boolean {
  const raw = unifyDashes(value);
  if (!/^[0-9()-]+$/u.test(raw)) return false;
  const digits = digitsOnly(value).replace(/[()]/gu, '');
  if (!/^0\d+$/u.test(digits)) return false;
  if (/^0[5789]0/u.test(digits)) return digits.length === 11;
  if (digits.startsWith('0120')) return digits.length === 10;
  if (digits.startsWith('0800')) return digits.length === 11;
  if (digits.startsWith('0570')) return digits.length === 10;
  return digits.length === 10;
}

/** Stored form keeps the resident's grouping but with ASCII digits and '-' only. */
export function normalizePhone(value: string): string {
  return isJapanesePhone(value) ? unifyDashes(value).replace(/[()]/gu, '-').replace(/-+/gu, '-').replace(/^-|-$/gu, '') : value;
}
