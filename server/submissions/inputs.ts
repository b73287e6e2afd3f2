/** Request schemas of the resident endpoints (the typed boundary: http/route.ts). */
import { z } from 'zod';
import { says } from '../http/input-errors.ts';
import { residentProof } from '../http/inputs.ts';
import { draftTokenField } from '../attachments/inputs.ts';

export { procedureIdParam, residentProof, type ResidentProof, type ResidentProofInput } from '../http/inputs.ts';

const answers = z.record(z.string(), z.unknown(), {
  error: says('回答（answers）をオブジェクトで指定してください。', 'answers must be an object.'),
});

export const submissionRequest = z.strictObject({
  definitionVersion: z
    .number({ error: says('申請書の版（definitionVersion）を整数で指定してください。', 'definitionVersion must be an integer.') })
    .int(says('申請書の版（definitionVersion）を整数で指定してください。', 'definitionVersion must be an integer.'))
    .meta({ description: 'The version of the form the resident filled in' }),
  answers: answers.meta({ description: "Answers valid against that version's schema" }),
  draftToken: draftTokenField,
  filer: z
    .enum(['self', 'proxy'], { error: says('filer は self か proxy を指定してください。', 'filer must be self or proxy.') })
    .default('self')
    .meta({
      description: 'Signed in: filing for oneself (verified answers locked) or for someone else (代理人, where the procedure allows it)',
    }),
  signingRequestId: z
    .string({ error: says('署名の受付番号（signingRequestId）が正しくありません。', 'signingRequestId must be a string.') })
    .regex(/^[A-Za-z0-9_-]{16,64}$/u, says('署名の受付番号（signingRequestId）が正しくありません。', 'signingRequestId is malformed.'))
    .optional()
    .meta({ description: 'A procedure that needs a signature: the signing request whose digest was signed (createSigningRequest)' }),
});

export const correctionRequest = residentProof.extend({ answers, draftToken: draftTokenField });
