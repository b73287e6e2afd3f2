/** Request schemas of definition previews (the typed boundary: http/route.ts). */
import { z } from 'zod';
import { says } from '../http/input-errors.ts';

export const createPreviewRequest = z
  .strictObject({
    procedureId: z.string().max(100).optional().meta({ description: 'A definition of the catalog (published or not)' }),
    definition: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'A copy of a definition file (new or changed), checked in full as forms:check does' }),
  })
  .refine((v) => (v.procedureId === undefined) !== (v.definition === undefined), {
    error: says(
      'プレビューする手続を選ぶか、定義ファイルを選んでください（どちらか一方）。',
      'Choose a procedure or a definition file to preview (one of them).',
    ),
  });

export const previewIdParam = z.object({
  previewId: z.string().min(16).max(64).meta({ description: 'The id createDefinitionPreview returned' }),
});
