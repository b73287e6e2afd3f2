/** Request schemas of the attachment endpoints (the typed boundary: http/route.ts). */
import { z } from 'zod';
import { ATTACHMENT_ID } from '../../shared/forms/attachments.ts';
import { says } from '../http/input-errors.ts';

export { procedureIdParam } from '../http/inputs.ts';

export const uploadQuery = z.object({
  field: z
    .string({ error: says('添付する項目（field）を指定してください。', 'Name the attachment question (field).') })
    .max(300)
    .regex(
      /^(\/[^/]+)+$/u,
      says('添付する項目（field）は /step/question の形で指定してください。', 'field must be a JSON pointer such as /damage/photos.'),
    )
    .meta({ description: 'JSON pointer of the attachment question, without list indexes (e.g. /damage/photos)' }),
  version: z.coerce.number().int().min(1).optional().meta({ description: 'Definition version of the draft (default: the current one)' }),
});

export const attachmentParam = z.object({
  attachmentId: z
    .string()
    .regex(ATTACHMENT_ID, says('ファイルの番号の形式が正しくありません。', 'Not an attachment id.'))
    .meta({ description: 'Attachment id, e.g. att_3kTMd9bL2xQ0aZ7yW1vR5e' }),
});

export const downloadQuery = z.object({
  disposition: z
    .enum(['inline', 'attachment'])
    .default('attachment')
    .meta({ description: 'inline: open in the browser (photos); attachment: download' }),
});

/** The optional draft token field of a submission or correction body. */
export const draftTokenField = z
  .string()
  .regex(/^[A-Za-z0-9_-]{32,128}$/u, says('下書きの識別子（draftToken）の形式が正しくありません。', 'draftToken is malformed.'))
  .optional()
  .meta({ description: 'The draft token the attachments were uploaded with (X-Draft-Token)' });
