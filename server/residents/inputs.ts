/** Request schemas of resident sign-in, マイページ and drafts (the typed boundary: http/route.ts). */
import { z } from 'zod';
import { says } from '../http/input-errors.ts';
import { draftTokenField } from '../attachments/inputs.ts';

export { procedureIdParam } from '../http/inputs.ts';

export const signInQuery = z.object({
  returnTo: z.string().max(300).optional().meta({ description: 'A path of this site to come back to after signing in' }),
});

/** The provider's answer: every value is checked by the sign-in request and openid-client, not here. */
export const callbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  iss: z.string().max(300).optional(),
});

export const draftBody = z.strictObject({
  definitionVersion: z
    .number({ error: says('申請書の版（definitionVersion）を整数で指定してください。', 'definitionVersion must be an integer.') })
    .int(),
  answers: z.record(z.string(), z.unknown(), {
    error: says('回答（answers）をオブジェクトで指定してください。', 'answers must be an object.'),
  }),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{16,128}$/u)
    .optional(),
  uploadToken: draftTokenField,
  /** Where the procedure allows a proxy: filing for oneself or as 代理人 (kept so another device continues the same way). */
  filer: z.enum(['self', 'proxy']).optional(),
});
