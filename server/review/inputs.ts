/** Request schemas of the department staff endpoints (the typed boundary: http/route.ts). */
import { z } from 'zod';
import { canonicalCode } from '../../shared/reference-number.ts';
import { STATUSES } from '../../shared/status.ts';
import { says } from '../http/input-errors.ts';

export { refParam } from '../http/inputs.ts';
import type { QueueFilters } from './queue.ts';

const DATE = /^(\d{4}-\d{2}-\d{2})?$/u;
/** Query values are strings; an empty one (an unset filter in a form) means absent. */
const blankIsAbsent = (v: string | undefined) => (v === '' ? undefined : v);

const cursor = z
  .string()
  .max(200)
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    try {
      const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [unknown, unknown];
      if (typeof at === 'string' && Number.isInteger(id)) return { at, id: id as number };
    } catch {
      // Not base64url JSON: reported below like any other malformed cursor.
    }
    ctx.addIssue({ code: 'custom', message: says('ページの指定が正しくありません。', 'Invalid cursor.') });
    return z.NEVER;
  });

const assignee = z
  .string()
  .max(20)
  .optional()
  .transform((value, ctx): QueueFilters['assignee'] => {
    if (!value) return undefined;
    if (value === 'me' || value === 'none') return value;
    if (/^\d{1,12}$/u.test(value)) return Number(value);
    ctx.addIssue({ code: 'custom', message: says('担当者の指定が正しくありません。', 'Unknown assignee.') });
    return z.NEVER;
  });

const day = z.string().regex(DATE, says('日付は YYYY-MM-DD の形式で指定してください。', 'Dates must be YYYY-MM-DD.')).optional();

/** The queue's filters (listQueue, exportSubmissions); a bad value is 422 with one message per parameter. */
export const queueQuery = z
  .object({
    procedure: z.string().max(100).optional(),
    status: z.enum(['', ...STATUSES], { error: says('状態の指定が正しくありません。', 'Unknown status.') }).optional(),
    assignee,
    from: day,
    to: day,
    q: z.string().max(64).optional(),
    channel: z
      .enum(['', 'online', 'counter-assisted'], { error: says('受付経路の指定が正しくありません。', 'Unknown channel.') })
      .optional(),
    sort: z.enum(['', 'newest', 'oldest']).optional(),
    due: z
      .enum(['', 'overdue'], { error: says('処理期限の指定が正しくありません。', 'Unknown due-date filter.') })
      .optional()
      .meta({ description: 'overdue: past the 標準処理期間 due date and not yet decided' }),
    cursor,
  })
  .transform((v): QueueFilters => ({
    sort: v.sort === 'oldest' ? 'oldest' : 'newest',
    procedureId: blankIsAbsent(v.procedure),
    status: v.status || undefined,
    assignee: v.assignee,
    from: blankIsAbsent(v.from),
    to: blankIsAbsent(v.to),
    q: v.q ? canonicalCode(v.q) || undefined : undefined,
    channel: v.channel || undefined,
    overdue: v.due === 'overdue' || undefined,
    cursor: v.cursor,
  }));

const staffText = (max: number) => z.string().max(max, says(`${max}文字以内で入力してください。`, `Use at most ${max} characters.`));

export const transitionBody = z.strictObject({
  to: z.enum(STATUSES, { error: says('変更先の状態を選んでください。', 'Choose the status to change to.') }),
  reason: staffText(2000).optional().meta({ description: 'Required for 差戻し and 却下: the resident sees it' }),
  documents: z
    .array(z.string().max(300))
    .max(20)
    .optional()
    .meta({ description: 'With 差戻し: attachment questions (JSON pointers) the resident is asked to attach or replace' }),
});

export const bulkTransitionBody = transitionBody.omit({ documents: true }).extend({
  referenceNumbers: z.array(z.string().max(64)).max(200),
});

export const assigneeBody = z.strictObject({
  assigneeId: z.union([z.number().int().positive(), z.null()], {
    error: says('同じ課の職員を選んでください。', 'Choose a colleague in your department.'),
  }),
});

export const textBody = z.strictObject({
  text: z
    .string({ error: says('内容を入力してください（2000文字以内）。', 'Enter the text (up to 2,000 characters).') })
    .max(2000, says('内容を入力してください（2000文字以内）。', 'Enter the text (up to 2,000 characters).')),
});
