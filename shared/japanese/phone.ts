import { digitsOnly, unifyDashes } from './normalize.ts';

/**
 * Japanese phone numbers, after NFKC and removing dashes: mobile 070/080/090 and IP 050 have
 * 11 digits; 0120 has 10 and 0800 has 11; 0570 has 10; other fixed lines have 10 digits.
 */
export function isJapanesePhone(value: string): boolean {
  const raw = domestic(unifyDashes(value));
  if (!/^[0-9()-]+$/u.test(raw)) return false;
  const digits = digitsOnly(raw).replace(/[()]/gu, '');
  if (!/^0\d+$/u.test(digits)) return false;
  if (/^0[5789]0/u.test(digits)) return digits.length === 11;
  if (digits.startsWith('0120')) return digits.length === 10;
  if (digits.startsWith('0800')) return digits.length === 11;
  if (digits.startsWith('0570')) return digits.length === 10;
  return digits.length === 10;
}

/**
 * A number written for abroad (+81 90-1234-5678, +81 (0)3-1234-5678, +81-42-383-1111) in its
 * domestic form: the country code becomes the leading 0.
 */
function domestic(raw: string): string {
  const m = /^\+81-?(?:\(0\)-?)?(.*)$/u.exec(raw);
  if (!m) return raw;
  const rest = m[1]!.replace(/^-/u, '');
  return rest.startsWith('0') ? rest : `0${rest}`;
}

/** Stored form keeps the resident's grouping but with ASCII digits and '-' only, in domestic form (+81 becomes 0). */
export function normalizePhone(value: string): string {
  return isJapanesePhone(value) ? domestic(unifyDashes(value)).replace(/[()]/gu, '-').replace(/-+/gu, '-').replace(/^-|-$/gu, '') : value;
}
