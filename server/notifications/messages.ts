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

export function receiptMail(p: {
  referenceNumber: string;
  title: LocalizedText;
  department: LocalizedText;
  phone: string;
  submittedAt: string;
  statusUrl: string;
  feeYen?: number | null;
  awaitingPayment?: boolean;
  /** How the fee is paid without online payment (offlineFeeText). */
  payOffline: LocalizedText;
}): MailText {
  const fee = p.feeYen ? `${p.feeYen.toLocaleString('ja-JP')}円` : null;
  const feeLines = !fee
    ? []
    : p.awaitingPayment
      ? [
          '',
          `手数料 ${fee} のお支払いが確認でき次第、審査を始めます。お支払いがまだの場合は、状況確認のページからお支払いください。`,
          `We start the review once the fee of ¥${p.feeYen!.toLocaleString('en-US')} is paid. If you have not paid yet, pay from the status page.`,
        ]
      : ['', `手数料：${fee}`, p.payOffline.ja, `Fee: ¥${p.feeYen!.toLocaleString('en-US')}. ${p.payOffline.en}`];
  return {
    subject: `【小金井市】申請を受け付けました（受付番号 ${p.referenceNumber}）/ Application received`,
    body: [
      '申請を受け付けました。',
      '',
      `手続：${p.title.ja}`,
      `受付番号：${p.referenceNumber}`,
      `受付日時：${formatDateTime(p.submittedAt, 'ja')}`,
      `担当課：${p.department.ja}（${p.phone}）`,
      ...feeLines,
      '',
      `We have received your application: ${p.title.en}, reference number ${p.referenceNumber}.`,
      footer(p.statusUrl),
    ].join('\n'),
  };
}

export function statusMail(p: {
  referenceNumber: string;
  title: LocalizedText;
  status: string;
  reason: string | null;
  statusUrl: string;
}): MailText {
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

/** 事後決済: staff set the fee after review. */
export function paymentRequestMail(p: {
  referenceNumber: string;
  title: LocalizedText;
  amountYen: number;
  online: boolean;
  /** How the fee is paid without online payment (offlineFeeText). */
  payOffline: LocalizedText;
  statusUrl: string;
}): MailText {
  const ja = `${p.amountYen.toLocaleString('ja-JP')}円`;
  const en = `¥${p.amountYen.toLocaleString('en-US')}`;
  return {
    subject: `【小金井市】手数料のお支払いのお願い（受付番号 ${p.referenceNumber}）/ Please pay the fee`,
    body: [
      `審査の結果、手数料は ${ja} となりました。`,
      '',
      `手続：${p.title.ja}`,
      `受付番号：${p.referenceNumber}`,
      '',
      p.online ? '状況確認のページで受付番号とアクセスコードを入力し、「手数料を支払う」からお支払いください。' : p.payOffline.ja,
      '',
      `The fee for your application (${p.title.en}, ${p.referenceNumber}) is ${en}.`,
      p.online ? 'Enter your reference number and access code on the status page and choose "Pay the fee".' : p.payOffline.en,
      footer(p.statusUrl),
    ].join('\n'),
  };
}

export function paymentReceivedMail(p: { referenceNumber: string; title: LocalizedText; amountYen: number; statusUrl: string }): MailText {
  return {
    subject: `【小金井市】手数料のお支払いを確認しました（受付番号 ${p.referenceNumber}）/ Payment received`,
    body: [
      `手数料 ${p.amountYen.toLocaleString('ja-JP')}円 のお支払いを確認しました。`,
      '',
      `手続：${p.title.ja}`,
      `受付番号：${p.referenceNumber}`,
      '',
      `We have received your payment of ¥${p.amountYen.toLocaleString('en-US')} for ${p.title.en} (${p.referenceNumber}).`,
      footer(p.statusUrl),
    ].join('\n'),
  };
}
