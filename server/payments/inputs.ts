/** Request schemas of the payment endpoints (the typed boundary: http/route.ts). */
import { z } from 'zod';
import { says } from '../http/input-errors.ts';
import { MAX_FEE_YEN, yenMessage } from './staff-actions.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const yen = z
  .number({ error: says(...yenMessage(MAX_FEE_YEN)) })
  .int(says(...yenMessage(MAX_FEE_YEN)))
  .min(1, says(...yenMessage(MAX_FEE_YEN)))
  .max(MAX_FEE_YEN, says(...yenMessage(MAX_FEE_YEN)));

export const sessionIdParam = z.object({
  sessionId: z
    .string()
    .regex(/^cs_[A-Za-z0-9_]{1,250}$/u, says('お支払いの番号が正しくありません。', 'This is not a payment session id.'))
    .meta({ description: 'Stripe Checkout Session id (Stripe adds it to the return address)' }),
});

export const feeBody = z.strictObject({ amountYen: yen });

export const counterPaymentBody = z.strictObject({
  amountYen: yen,
  note: z.string().max(200).optional().meta({ description: 'e.g. the counter terminal slip number' }),
});

const REFUND_REASON = says('返金の理由を入力してください（500文字以内）。', 'Enter the reason for the refund (up to 500 characters).');
export const refundBody = z.strictObject({
  amountYen: yen.meta({ description: 'At most what was paid and not yet refunded' }),
  reason: z.string({ error: REFUND_REASON }).max(500, REFUND_REASON),
});

export const settlementQuery = z.object({
  date: z
    .string({ error: says('日付は YYYY-MM-DD の形式で指定してください。', 'The date must be YYYY-MM-DD.') })
    .regex(DATE, says('日付は YYYY-MM-DD の形式で指定してください。', 'The date must be YYYY-MM-DD.'))
    .refine(
      (v) => !Number.isNaN(new Date(`${v}T00:00:00+09:00`).getTime()),
      says('日付は YYYY-MM-DD の形式で指定してください。', 'The date must be YYYY-MM-DD.'),
    )
    .meta({ format: 'date' }),
});
