/**
 * Japanese string formats usable from any definition (`"format": "jp-postal-code"` ...). The
 * same functions run in the browser and on the server: ajv's standalone code imports them from
 * ajv-formats-runtime.ts, and the server normalizes answers with the canonical forms below.
 */
import { isCorporateNumber, isMyNumber, normalizeCorporateNumber, normalizeMyNumber } from '../japanese/identity-numbers.ts';
import { isKatakana, normalizeKatakana } from '../japanese/katakana.ts';
import { isJapanesePhone, normalizePhone } from '../japanese/phone.ts';
import { isPostalCode, normalizePostalCode } from '../japanese/postal-code.ts';
import { ATTACHMENT_ID } from './attachments.ts';

export interface JapaneseFormat {
  validate: (value: string) => boolean;
  /** Canonical stored form; only applied to values that validate. */
  normalize: (value: string) => string;
}

export const JAPANESE_FORMATS: Record<string, JapaneseFormat> = {
  'jp-postal-code': { validate: isPostalCode, normalize: normalizePostalCode },
  'jp-katakana': { validate: isKatakana, normalize: normalizeKatakana },
  'jp-phone': { validate: isJapanesePhone, normalize: normalizePhone },
  'jp-my-number': { validate: isMyNumber, normalize: normalizeMyNumber },
  'jp-corporate-number': { validate: isCorporateNumber, normalize: normalizeCorporateNumber },
  // The id of a file uploaded for this draft (shared/forms/attachments.ts); the server checks it is the draft's own.
  attachment: { validate: (value) => ATTACHMENT_ID.test(value), normalize: (value) => value },
};

/** Formats a definition may use: ajv-formats' date plus ours (others are rejected by forms:check). */
export const SUPPORTED_FORMATS = ['date', 'email', ...Object.keys(JAPANESE_FORMATS)];

/** Formats whose values contain personal identity numbers: masked everywhere but the detail view. */
export const SENSITIVE_FORMATS = new Set(['jp-my-number']);
