/**
 * The daily settlement of one department for Excel (UTF-8 with BOM, CRLF): every payment received
 * and every refund made on that Japan day, with the method and the Stripe ids to match Stripe's
 * own reports, and a total.
 */
import type { Knex } from 'knex';
import { paymentMethodLabel } from '../../shared/payments.ts';
import { isoTimestamp } from '../db/connection.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { excelCsv, japanTime } from '../csv/excel.ts';
import { japanDayRange } from '../../shared/fiscal-year.ts';
import { refundLabel } from '../../shared/payments.ts';

export async function settlementCsv(
  db: Knex,
  catalog: Catalog,
  departmentId: string,
  date: string,
): Promise<{ csv: string; rows: number }> {
  const { from: start, to: end } = japanDayRange(date);
  const paid = (await db('payments as p')
    .join('submissions as s', 's.id', 'p.submission_id')
    .select(
      'p.paid_at as at',
      's.reference_number',
      's.procedure_id',
      's.definition_version',
      'p.amount_yen',
      'p.method',
      'p.stripe_payment_intent_id',
      'p.stripe_session_id',
      'p.id',
    )
    .where('s.department_id', departmentId)
    .andWhere('p.status', 'paid')
    .andWhere('p.paid_at', '>=', start)
    .andWhere('p.paid_at', '<', end)) as Record<string, unknown>[];
  const refunds = (await db('refunds as r')
    .join('payments as p', 'p.id', 'r.payment_id')
    .join('submissions as s', 's.id', 'r.submission_id')
    .select(
      'r.created_at as at',
      's.reference_number',
      's.procedure_id',
      's.definition_version',
      'r.amount_yen',
      'p.method',
      'p.stripe_payment_intent_id',
      'p.stripe_session_id',
      'r.stripe_refund_id',
      'r.reason',
      'r.status',
      'r.id',
    )
    .where('s.department_id', departmentId)
    .whereNot('r.status', 'failed')
    .whereNot('r.status', 'canceled')
    .andWhere('r.created_at', '>=', start)
    .andWhere('r.created_at', '<', end)) as Record<string, unknown>[];
  const title = (r: Record<string, unknown>) =>
    catalog.version(String(r.procedure_id), Number(r.definition_version))?.definition.title.ja ?? String(r.procedure_id);
  const lines = [
    ...paid.map((r) => ({
      at: isoTimestamp(r.at),
      cells: [
        japanTime(isoTimestamp(r.at)),
        String(r.reference_number),
        title(r),
        '入金',
        String(Number(r.amount_yen)),
        paymentMethodLabel(r.method as string | null).ja,
        String(r.stripe_payment_intent_id ?? ''),
        String(r.stripe_session_id ?? ''),
        '',
        '',
        '',
      ],
      yen: Number(r.amount_yen),
    })),
    ...refunds.map((r) => ({
      at: isoTimestamp(r.at),
      cells: [
        japanTime(isoTimestamp(r.at)),
        String(r.reference_number),
        title(r),
        '返金',
        String(-Number(r.amount_yen)),
        paymentMethodLabel(r.method as string | null).ja,
        String(r.stripe_payment_intent_id ?? ''),
        String(r.stripe_session_id ?? ''),
        String(r.stripe_refund_id ?? ''),
        String(r.reason ?? ''),
        refundLabel(String(r.status)).ja,
      ],
      yen: -Number(r.amount_yen),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  // Amounts (column 5) are numbers we wrote, negative for refunds; every other cell is neutralised for Excel.
  const header = [
    '日時',
    '受付番号',
    '手続',
    '区分',
    '金額（円）',
    '支払方法',
    'Stripe決済ID',
    'Stripe Checkoutセッション',
    'Stripe返金ID',
    '返金理由',
    '返金の状態',
  ];
  const total = lines.reduce((n, l) => n + l.yen, 0);
  const records = [header, ...lines.map((l) => l.cells), ['合計', '', '', '', String(total), '', '', '', '', '', '']];
  return { csv: excelCsv(records), rows: lines.length };
}
