/**
 * Mail texts, in Japanese then English. They carry the reference number, the procedure and the
 * status, never the answers or the access code.
 */
import { formatDateTime } from '../../shared/format-datetime.ts';
import { statusLabel } from '../../shared/status.ts';
import type { LocalizedText } from '../../shared/forms/types.ts';

export interface MailText {
  subject: string;
  body: string;
}

const footer = (statusUrl: string) =>
  [
    '',
    `申請の状況は、次のページで受付番号とアクセスコードを入力して確認できます。\n${statusUrl}`,
    'このメールは送信専用です。ご不明な点は、担当課へお問い合わせください。',
    '',
    '---',
    `You can check the status with your reference number and access code at ${statusUrl}`,
    'This address does not receive replies. Please contact the department with any questions.',
    '',
    '小金井市 オンライン手続 / Koganei City Online Procedures',
  ].join('\n');

export function receiptMail(p: { referenceNumber: string; title: LocalizedText; department: LocalizedText; phone: string; submittedAt: string; statusUrl: string }): MailText {
  return {
    subject: `【小金井市】申請を受け付けました（受付番号 ${p.referenceNumber}）/ Application received`,
    body: [
      '申請を受け付けました。',
      '',
      `手続：${p.title.ja}`,
      `受付番号：${p.referenceNumber}`,
      `受付日時：${formatDateTime(p.submittedAt, 'ja')}`,
      `担当課：${p.department.ja}（${p.phone}）`,
      '',
      `We have received your application: ${p.title.en}, reference number ${p.referenceNumber}.`,
      footer(p.statusUrl),
    ].join('\n'),
  };
}

export function statusMail(p: { referenceNumber: string; title: LocalizedText; status: string; reason: string | null; statusUrl: string }): MailText {
  const label = statusLabel(p.status);
  return {
    subject: `【小金井市】申請の状況が「${label.ja}」になりました（受付番号 ${p.referenceNumber}）/ Status: ${label.en}`,
    body: [
      `申請の状況が「${label.ja}」になりました。`,
      '',
      `手続：${p.title.ja}`,
      `受付番号：${p.referenceNumber}`,
      ...(p.status === 'returned' ? ['', '修正をお願いしたい内容は、状況確認のページでご確認ください。'] : []),
      '',
      `The status of your application (${p.title.en}, ${p.referenceNumber}) is now: ${label.en}.`,
      footer(p.statusUrl),
    ].join('\n'),
  };
}
