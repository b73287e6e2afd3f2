/** Request schemas of staff sign-in and account administration (the typed boundary: http/route.ts). */
import { z } from 'zod';
import { says } from '../http/input-errors.ts';
import { ROLES } from './roles.ts';

const EMAIL = says('メールアドレスを入力してください。', 'Enter your e-mail address.');
const PASSWORD = says('パスワードを入力してください。', 'Enter your password.');

export const loginBody = z.strictObject({
  email: z.string({ error: EMAIL }).min(1, EMAIL).max(254, EMAIL),
  password: z.string({ error: PASSWORD }).min(1, PASSWORD).max(1024, PASSWORD),
});

export const newAccountBody = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(1024).meta({ minLength: 12 }),
  role: z.enum(ROLES),
  departmentId: z.string().max(100).nullable().optional(),
  displayName: z.string().max(100).optional(),
  /** Why (audited); optional for a new account. */
  reason: z.string().trim().max(500).optional(),
});

const CODE = says('確認コードを入力してください。', 'Enter the code.');
/** A 6-digit TOTP code or a recovery code (spaces and hyphens allowed). */
export const codeBody = z.strictObject({
  code: z.string({ error: CODE }).trim().min(6, CODE).max(40, CODE),
});

const REASON = says('理由を入力してください（500文字以内）。', 'Enter the reason (up to 500 characters).');
const reason = z.string({ error: REASON }).trim().min(1, REASON).max(500, REASON);

export const changePasswordBody = z.strictObject({
  currentPassword: z.string({ error: PASSWORD }).min(1, PASSWORD).max(1024, PASSWORD),
  newPassword: z
    .string({ error: says('新しいパスワードを入力してください。', 'Enter the new password.') })
    .max(1024)
    .meta({ minLength: 12 }),
});

export const sessionParams = z.strictObject({ id: z.uuid() });
export const accountParams = z.strictObject({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

export const updateAccountBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    departmentId: z.string().max(100).nullable().optional(),
    disabled: z.boolean().optional(),
    reason,
  })
  .refine((b) => b.role !== undefined || b.departmentId !== undefined || b.disabled !== undefined, {
    error: says('変更する項目を選んでください。', 'Choose what to change.'),
  });

export const reasonBody = z.strictObject({ reason });
