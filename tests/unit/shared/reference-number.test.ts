import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ALPHABET,
  checkCharacter,
  newAccessCode,
  newReferenceNumber,
  parseAccessCode,
  parseReferenceNumber,
} from '../../../shared/reference-number.ts';

const random = (n: number) => randomBytes(n);

describe('reference numbers', () => {
  it('are grouped XXX-XXX-XXX from an alphabet without ambiguous characters', () => {
    for (let i = 0; i < 200; i += 1) {
      const ref = newReferenceNumber(random);
      expect(ref).toMatch(/^[A-Z3-9]{3}-[A-Z3-9]{3}-[A-Z3-9]{3}$/u);
      expect(ref).not.toMatch(/[01OIL25SZB]/u);
      expect(parseReferenceNumber(ref)).toBe(ref);
    }
  });

  it('accept what residents type: lower case, full width, no hyphens', () => {
    const ref = newReferenceNumber(random);
    const typed = ref
      .replaceAll('-', '')
      .toLowerCase()
      .replace(/[a-z0-9]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(parseReferenceNumber(typed)).toBe(ref);
  });

  it("detect every single-character mistake and every adjacent swap but Luhn mod N's one blind spot", () => {
    const ref = newReferenceNumber(random).replaceAll('-', '');
    for (let i = 0; i < ref.length; i += 1) {
      for (const c of ALPHABET) {
        if (c === ref[i]) continue;
        expect(parseReferenceNumber(ref.slice(0, i) + c + ref.slice(i + 1))).toBeNull();
      }
    }
    for (let i = 0; i < ref.length - 1; i += 1) {
      if (ref[i] === ref[i + 1]) continue;
      // Luhn mod N cannot see the first and last characters of the alphabet (A and 9) swapped,
      // as mod 10 Luhn cannot see 09 and 90: asserted below.
      if ([ref[i], ref[i + 1]].sort().join('') === '9A') continue;
      const swapped = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
      expect(parseReferenceNumber(swapped)).toBeNull();
    }
  });

  it('miss a swap of A and 9 (the known blind spot), and only that', () => {
    const body = 'CDEFGHA9';
    const ref = body + checkCharacter(body);
    expect(parseReferenceNumber(ref)).not.toBeNull();
    expect(parseReferenceNumber('CDEFGH9A' + ref.slice(8))).not.toBeNull();
    expect(parseReferenceNumber('CDEFGHAC' + checkCharacter('CDEFGHAC'))).not.toBeNull();
    expect(parseReferenceNumber('CDEFGHCA' + checkCharacter('CDEFGHAC'))).toBeNull();
  });

  it('have a check character that depends on every position', () => {
    expect(checkCharacter('AAAAAAAA')).not.toBe(checkCharacter('AAAAAAAC'));
  });
});

describe('access codes', () => {
  it('are 10 characters grouped XXXXX-XXXXX and parsed case-insensitively', () => {
    const code = newAccessCode(random);
    expect(code).toMatch(/^[A-Z3-9]{5}-[A-Z3-9]{5}$/u);
    expect(parseAccessCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    expect(parseAccessCode('ABC')).toBeNull();
  });
});
