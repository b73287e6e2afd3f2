import { nfkc } from './normalize.ts';

/**
 * フリガナ: full-width katakana ァ–ヶ, ー and ・, with single spaces between family and given
 * name. Half-width kana are converted with NFKC first; a lone voiced/semi-voiced mark left over
 * by NFKC (U+3099/U+309A) is rejected, and so are look-alike dashes (－ − ‐) in place of ー.
 */
const KATAKANA = /^[ァ-ヶー・]+(?: [ァ-ヶー・]+)*$/u;

export function normalizeKatakana(value: string): string {
  // NFKC maps U+3000 to U+0020; collapse runs of spaces, then use the Japanese full-width space.
  const text = nfkc(value).trim().replace(/ +/gu, ' ');
  return isKatakana(value) ? text.replace(/ /gu, '\u3000') : value;
}

export function isKatakana(value: string): boolean {
  const text = nfkc(value).trim().replace(/ +/gu, ' ');
  if (/[\u3099\u309A]/u.test(text)) return false;
  return KATAKANA.test(text);
}
