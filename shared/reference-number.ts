/**
 * Reference numbers (受付番号) and access codes that residents read aloud and type on a phone.
 * The alphabet leaves out characters that are easily confused with another: 0, O, 1, I, L, 2, Z,
 * 5, S and B. Reference numbers are 8 random characters plus a Luhn mod N check character,
 * grouped XXX-XXX-XXX, so typing mistakes are caught before any look-up: every wrong character
 * and every swap of neighbours except A and 9 (Luhn mod N's one blind spot, like 09/90 in mod 10).
 */
import { nfkc } from './japanese/normalize.ts';

export const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY346789';
const N = ALPHABET.length;

function codePoint(ch: string): number {
  return ALPHABET.indexOf(ch);
}

/** Luhn mod N check character over the given characters. */
export function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    let addend = factor * codePoint(body[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return ALPHABET[(N - (sum % N)) % N]!;
}

/** Random characters from the alphabet, from a source of random bytes (crypto in both runtimes). */
export function randomCode(length: number, randomBytes: (n: number) => Uint8Array): string {
  let out = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % N);
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % N];
    }
  }
  return out;
}

export function newReferenceNumber(randomBytes: (n: number) => Uint8Array): string {
  const body = randomCode(8, randomBytes);
  return formatGrouped(body + checkCharacter(body), 3);
}

export function newAccessCode(randomBytes: (n: number) => Uint8Array): string {
  return formatGrouped(randomCode(10, randomBytes), 5);
}

function formatGrouped(code: string, size: number): string {
  return code.match(new RegExp(`.{1,${size}}`, 'gu'))!.join('-');
}

/** Accepts what a resident types: full-width, lower case, with or without dashes or spaces. */
export function canonicalCode(input: string): string {
  return nfkc(input)
    .toUpperCase()
    .replace(/[\s\-‐－ー−]/gu, '');
}

/** Canonical XXX-XXX-XXX form, or null when the input cannot be a reference number. */
export function parseReferenceNumber(input: string): string | null {
  const code = canonicalCode(input);
  if (code.length !== 9 || [...code].some((c) => codePoint(c) < 0)) return null;
  if (checkCharacter(code.slice(0, 8)) !== code[8]) return null;
  return formatGrouped(code, 3);
}

export function parseAccessCode(input: string): string | null {
  const code = canonicalCode(input);
  if (code.length !== 10 || [...code].some((c) => codePoint(c) < 0)) return null;
  return formatGrouped(code, 5);
}
