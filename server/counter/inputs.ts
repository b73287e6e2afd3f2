/** Request schemas of counter-assisted filing (書かない窓口; the typed boundary: http/route.ts). */
import { z } from 'zod';
import { COUNTER_DOCUMENTS } from '../../shared/identity.ts';
import { says } from '../http/input-errors.ts';
import { submissionRequest } from '../submissions/inputs.ts';

export const counterProcedureParam = z.object({
  procedureId: z.string().max(100).meta({ description: 'The procedure (definition id), of the clerk’s own department' }),
});

const identityCheck = z
  .strictObject({
    document: z.enum(COUNTER_DOCUMENTS, {
      error: says('確認した本人確認書類を選んでください。', 'Choose the identity document you checked.'),
    }),
    note: z
      .string()
      .max(200, says('メモは200文字以内で入力してください。', 'Use at most 200 characters for the note.'))
      .optional()
      .meta({ description: 'e.g. which document when "other"; never the document’s number' }),
  })
  .meta({
    description: 'How the clerk checked the resident’s identity at the counter (required when the procedure needs a verified identity)',
  });

/** The resident's answers as online (same schema, same validation), and the identity check instead of a sign-in. */
export const counterSubmissionRequest = submissionRequest
  .omit({ draftToken: true, filer: true })
  .extend({ identityCheck: identityCheck.optional() });
