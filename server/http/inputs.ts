/** Request schemas used by several domains: the resident's proof of access and a reference number in a path. */
import { z } from 'zod';
import { parseAccessCode, parseReferenceNumber } from '../../shared/reference-number.ts';
import { says } from './input-errors.ts';

const REF_MESSAGE = says(
  '受付番号は、完了画面に表示された9文字（例：ACD-EFG-HJK）を入力してください。入力に誤りがある可能性があります。',
  'Enter the 9-character reference number shown when you applied (like ACD-EFG-HJK). It may contain a typing mistake.',
);
const CODE_MESSAGE = says(
  'アクセスコードは、完了画面に表示された10文字を入力してください。',
  'Enter the 10-character access code shown when you applied.',
);

/** A code as typed (spaces, lower case, no hyphens are fine), checked and made canonical. */
const code = (parse: (input: string) => string | null, message: string) =>
  z
    .string({ error: message })
    .max(64, message)
    .transform((input, ctx) => {
      const parsed = parse(input);
      if (parsed === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return parsed;
    });

const referenceNumberInput = code(parseReferenceNumber, REF_MESSAGE);

/**
 * What a resident sends to reach their submission: reference number + access code, or the
 * reference number alone when signed in (residents/access.ts decides which applies).
 */
export const residentProof = z.object({
  referenceNumber: referenceNumberInput.meta({ description: '受付番号, e.g. ACD-EFG-HJK' }),
  accessCode: code(parseAccessCode, CODE_MESSAGE)
    .optional()
    .meta({ description: 'The access code shown once when the submission was filed; not needed when signed in as the filer' }),
});
export type ResidentProofInput = z.output<typeof residentProof>;
/** A checked way in: the access code, or the signed-in resident's subject (filed by them). */
export type ResidentProof = { referenceNumber: string } & ({ accessCode: string } | { subjectHash: string });

export const refParam = z.object({
  ref: z.string().max(64).meta({ description: 'Reference number (受付番号), e.g. ACD-EFG-HJK' }),
});

export const procedureIdParam = z.object({
  id: z.string().max(100).meta({ description: 'Procedure id, e.g. kosodate-15' }),
});
