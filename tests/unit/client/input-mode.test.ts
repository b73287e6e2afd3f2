import { describe, expect, it } from 'vitest';
import { inputModeFor } from '../../../client/form/input-mode.ts';

describe('inputModeFor', () => {
  it('asks for a number pad for 個人番号, postcodes and digits-only answers', () => {
    expect(inputModeFor({ type: 'string', format: 'jp-my-number' }, {})).toBe('numeric');
    expect(inputModeFor({ type: 'string', format: 'jp-postal-code' }, {})).toBe('numeric');
    expect(inputModeFor({ type: 'string', pattern: '^[0-9]{7}$' }, {})).toBe('numeric');
    expect(inputModeFor({ type: 'string', pattern: '^\\d{4}-?\\d{3}$' }, {})).toBe('numeric');
    expect(inputModeFor({ type: 'integer' }, {})).toBe('numeric');
  });

  it('asks for the phone pad and the e-mail keyboard', () => {
    expect(inputModeFor({ type: 'string', format: 'jp-phone' }, {})).toBe('tel');
    expect(inputModeFor({ type: 'string', format: 'email' }, {})).toBe('email');
  });

  it('leaves names and free text alone, and a definition can choose', () => {
    expect(inputModeFor({ type: 'string', format: 'jp-katakana' }, {})).toBeUndefined();
    expect(inputModeFor({ type: 'string', pattern: '^[A-Z0-9]{10}$' }, {})).toBeUndefined();
    expect(inputModeFor({ type: 'string' }, {})).toBeUndefined();
    expect(inputModeFor({ type: 'string' }, { inputMode: 'numeric' })).toBe('numeric');
  });
});
