/** The pieces of the staff second factor: RFC 6238 codes, the sealed secret, the password policy. */
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../server/auth/password-policy.ts';
import { open, seal } from '../../../server/auth/secret-box.ts';
import { TEST_PASSWORD } from '../../helpers/staff.ts';

describe('TOTP as RFC 6238 says (SHA-1, 30 s, 6 digits)', () => {
  // Appendix B: the ASCII secret "12345678901234567890"; 94287082 at T=59 s and 07081804 at T=1111111109 s (8 digits).
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  it('gives the last six digits of the RFC test vectors', async () => {
    expect(await generate({ secret, epoch: 59 })).toBe('287082');
    expect(await generate({ secret, epoch: 1111111109 })).toBe('081804');
  });
});

describe('the sealed secret (AES-256-GCM)', () => {
  const key = Buffer.alloc(32, 7);
  it('opens with the key, never shows the secret, and refuses a changed byte or another key', () => {
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^v1\./u);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(seal(key, 'JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(open(key, sealed)).toBe('JBSWY3DPEHPK3PXP');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0] = data[0]! ^ 1;
    expect(() => open(key, [...parts.slice(0, 3), data.toString('base64url')].join('.'))).toThrow();
    expect(() => open(Buffer.alloc(32, 8), sealed)).toThrow();
  });
});

describe('the password policy', () => {
  it('needs 12 characters, refuses common and breached passwords (also with a number added) and the e-mail', () => {
    expect(passwordProblem('short one', 'a@koganei.example')?.en).toMatch(/12 characters/u);
    expect(passwordProblem('1qaz2wsx3edc', 'a@koganei.example')?.en).toMatch(/common/u);
    expect(passwordProblem('Password1234!', 'a@koganei.example')?.en).toMatch(/common/u);
    expect(passwordProblem('yamada.taro is here', 'yamada.taro@koganei.example')?.en).toMatch(/e-mail/u);
    expect(passwordProblem('a long and rare passphrase', 'a@koganei.example')).toBeNull();
    expect(passwordProblem(TEST_PASSWORD, 'clerk@koganei.example')).toBeNull();
  });
});
