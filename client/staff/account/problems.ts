/** A failed request as error-summary entries: one per field the server named (its id is the pointer's last part), or one for the form. */
import { ApiError, serverMessage } from '../../api.ts';
import type { SummaryItem } from '../../components/ErrorSummary.tsx';
import type { Lang } from '../../../shared/forms/types.ts';

export function problemsOf(
  error: unknown,
  lang: Lang,
  fallback: { target: string; text: string },
  targetOf: (pointer: string) => string = (pointer) => pointer.split('/').pop() || fallback.target,
): SummaryItem[] {
  if (error instanceof ApiError && error.fields.length > 0)
    return error.fields.map((f) => ({ target: targetOf(f.pointer), message: f.message[lang] }));
  const message = serverMessage(error);
  return [{ target: fallback.target, message: message ? message[lang] : fallback.text }];
}
