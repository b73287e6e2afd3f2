import { AppError, Errors } from '../errors.ts';

export const PaymentErrors = {
  noFee: () => new AppError(409, 'NO_FEE', { ja: 'この申請には、お支払いいただく手数料がありません。', en: 'There is no fee to pay for this application.' }),
  feeNotSet: () => new AppError(409, 'FEE_NOT_SET', { ja: '手数料の金額は、審査の後に担当課からお知らせします。', en: 'The department will tell you the fee after review.' }),
  onlineUnavailable: () =>
    new AppError(409, 'ONLINE_PAYMENT_UNAVAILABLE', { ja: '現在オンラインでのお支払いは受け付けていません。手数料は窓口でお支払いください。', en: 'Online payment is not available. Please pay the fee at the counter.' }),
  alreadyPaid: () => new AppError(409, 'ALREADY_PAID', { ja: '手数料はお支払い済みです。', en: 'The fee has already been paid.' }),
  pending: () =>
    new AppError(409, 'PAYMENT_PENDING', { ja: 'お支払いの確認を待っています（コンビニでのお支払いは、お支払い後に反映されます）。', en: 'We are waiting for your payment to be confirmed (a convenience store payment shows once you have paid).' }),
  closed: () => new AppError(409, 'SUBMISSION_CLOSED', { ja: 'この申請は終了しているため、お支払いできません。', en: 'This application is closed; there is nothing to pay.' }),
  sessionNotFound: () => new AppError(404, 'PAYMENT_NOT_FOUND', { ja: 'このお支払いは見つかりませんでした。', en: 'There is no such payment.' }),
  provider: () =>
    new AppError(502, 'PAYMENT_PROVIDER_ERROR', { ja: '決済サービスとの通信に失敗しました。時間をおいて、もう一度お試しください。', en: 'We could not reach the payment service. Please try again later.' }),
  signature: () => new AppError(400, 'WEBHOOK_SIGNATURE_INVALID', { ja: '署名を確認できませんでした。', en: 'The webhook signature could not be verified.' }),
  outstanding: (refs: string[]) =>
    new AppError(409, 'PAYMENT_OUTSTANDING', { ja: `手数料のお支払いが確認できていないため、完了にできません：${refs.join('、')}`, en: `The fee is not paid yet, so it cannot be completed: ${refs.join(', ')}` }),
  feeFixed: () => new AppError(409, 'FEE_FIXED', { ja: 'この手続の手数料は申請の内容で決まるため、変更できません。', en: 'This procedure’s fee follows from the answers and cannot be set by staff.' }),
  feeLocked: () => new AppError(409, 'FEE_LOCKED', { ja: 'お支払いの手続中または支払済みのため、金額を変更できません。', en: 'A payment is in progress or made, so the amount cannot change.' }),
  nothingToRefund: () => new AppError(409, 'NOTHING_TO_REFUND', { ja: '返金できるお支払いがありません。', en: 'There is no payment to refund.' }),
  amount: (pointer: string, ja: string, en: string) => Errors.validation([{ pointer, keyword: 'range', message: { ja, en } }]),
  reason: () => Errors.validation([{ pointer: '/reason', keyword: 'required', message: { ja: '返金の理由を入力してください（500文字以内）。', en: 'Enter the reason for the refund (up to 500 characters).' } }]),
};
