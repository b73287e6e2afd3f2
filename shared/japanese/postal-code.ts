import { unifyDashes } from './normalize.ts';

/**
 * 郵便番号: 7 digits, shown and stored as NNN-NNNN. Full-width digits and any dash are accepted,
 * but the dash, when there is one, must sit after the third digit.
 */
const SHAPE = /^(\d{3})-?(\d{4})$/u;

export function isPostalCode(value: string): boolean {
  return SHAPE.test(unifyDashes(value));
}

export function normalizePostalCode(value: string): string {
  const m = SHAPE.exec(unifyDashes(value));
  return m ? `${m[1]}-${m[2]}` : value;
}
