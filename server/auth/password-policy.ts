/**
 * What a staff password must be (ASVS 2.1): at least 12 characters, not in the bundled list of
 * common and breached passwords (@zxcvbn-ts/language-common, about 49,000 entries, compared
 * without case and without a number or symbols added at the end), and not containing the
 * account's e-mail address or its local part.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

export interface PasswordProblem {
  ja: string;
  en: string;
}

export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return {
      ja: `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`,
      en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
    };
  const lower = password.toLowerCase();
  const stripped = lower.replace(/[\d\W_]+$/u, '');
  if (commonPasswords().has(lower) || (stripped.length >= 4 && commonPasswords().has(stripped)))
    return {
      ja: 'このパスワードはよく使われている（または流出した）ものです。別のパスワードにしてください。',
      en: 'This password is common or known from breaches. Choose another.',
    };
  const address = email.toLowerCase();
  const local = address.split('@')[0] ?? '';
  if (lower.includes(address) || (local.length >= 3 && lower.includes(local)))
    return {
      ja: 'パスワードにメールアドレスを含めないでください。',
      en: 'The password must not contain your e-mail address.',
    };
  return null;
}
