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
});
