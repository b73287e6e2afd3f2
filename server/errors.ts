/**
 * The one error catalogue of the API. Every refusal the server answers is built here, so each
 * stable code has exactly one place with its HTTP status and its Japanese and English message.
 * The JSON shape is rendered by http/error-handler.ts:
 * { "error": { "code", "message": { "ja", "en" }, "fields"?: [{ "pointer", "keyword", "message" }], "requestId" } }
 */
import type { FieldError } from '../shared/forms/messages.ts';
import type { LocalizedText } from '../shared/forms/types.ts';
import { formatDateTime } from '../shared/format-datetime.ts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly fields?: FieldError[],
  ) {
    super(`${code}: ${text.en}`);
  }
}

/** One field's problem, for a 422 VALIDATION_FAILED. */
export const fieldError = (pointer: string, keyword: string, ja: string, en: string): FieldError => ({
  pointer,
  keyword,
  message: { ja, en },
});

const formatMb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
/** How a refusal names each staff role. */
const ROLE_LABELS: Record<string, { ja: string; en: string }> = {
  clerk: { ja: '担当課の職員（clerk）', en: 'department staff (clerk)' },
  supervisor: { ja: '担当課の係長（supervisor）', en: 'department supervisors (supervisor)' },
  dx: { ja: 'DX推進担当（dx）', en: 'the DX office (dx)' },
  admin: { ja: '管理者（admin）', en: 'administrators (admin)' },
};

const e = (status: number, code: string, ja: string, en: string) => new AppError(status, code, { ja, en });

export const Errors = {
  // Generic: request shape and transport.
  notFound: () => e(404, 'NOT_FOUND', 'お探しのページは見つかりませんでした。', 'Not found.'),
  invalidJson: () => e(400, 'INVALID_JSON', '送信された内容を読み取れませんでした。', 'The request body is not valid JSON.'),
  forbiddenKey: () =>
    e(400, 'FORBIDDEN_KEY', '送信された内容に使えない項目名が含まれています。', 'The request body contains a forbidden key.'),
  tooDeep: () => e(400, 'BODY_TOO_DEEP', '送信された内容の入れ子が深すぎます。', 'The request body is nested too deeply.'),
  tooLarge: () => e(413, 'PAYLOAD_TOO_LARGE', '送信された内容が大きすぎます。', 'The request body is too large.'),
  unsupportedMediaType: () =>
    e(415, 'UNSUPPORTED_MEDIA_TYPE', 'JSON形式で送信してください。', 'Send the request body as application/json.'),
  validation: (fields: FieldError[]) =>
    new AppError(422, 'VALIDATION_FAILED', { ja: '入力内容に誤りがあります。', en: 'Some answers need correcting.' }, fields),

  // Electronic signatures (signatures/verify.ts): why a signature was not accepted. Nothing is stored on any of them.
  signatureInvalid: () =>
    e(
      422,
      'SIGNATURE_INVALID',
      '電子署名が申請内容と一致しません。もう一度署名してください。',
      'The electronic signature does not match this application. Please sign again.',
    ),
  signatureCertificateExpired: () =>
    e(
      422,
      'SIGNATURE_CERTIFICATE_EXPIRED',
      '署名用電子証明書の有効期限が切れています。市区町村の窓口で更新してから、もう一度お試しください。',
      'The signing certificate has expired. Please renew it at your municipal office and try again.',
    ),
  signatureCertificateRevoked: () =>
    e(
      422,
      'SIGNATURE_CERTIFICATE_REVOKED',
      '署名用電子証明書が失効しています。市区町村の窓口でお問い合わせください。',
      'The signing certificate has been revoked. Please ask at your municipal office.',
    ),
  signatureCertificateUntrusted: () =>
    e(
      422,
      'SIGNATURE_CERTIFICATE_UNTRUSTED',
      'この電子証明書は、この手続の署名には使えません（発行元を確認できません）。マイナンバーカードの署名用電子証明書で署名してください。',
      'This certificate cannot be used to sign here (its issuer is not trusted). Please sign with the signing certificate of your My Number Card.',
    ),
  signatureCertificateUnusable: () =>
    e(
      422,
      'SIGNATURE_CERTIFICATE_UNUSABLE',
      'この電子証明書は署名用ではないか、読み取れません。マイナンバーカードの署名用電子証明書で署名してください。',
      'This certificate is not a signing certificate or cannot be read. Please sign with the signing certificate of your My Number Card.',
    ),
  signatureRevocationUnknown: () =>
    e(
      503,
      'SIGNATURE_REVOCATION_UNKNOWN',
      '電子証明書の失効情報を確認できないため、現在署名付きの申請を受け付けられません。時間をおいてお試しいただくか、担当課にお問い合わせください。',
      'The certificate revocation list cannot be checked, so signed applications cannot be accepted right now. Please try later or contact the department.',
    ),
  // The signing flow (signatures/requests.ts).
  signatureRequired: () =>
    e(
      422,
      'SIGNATURE_REQUIRED',
      'この手続は、マイナンバーカードによる電子署名が必要です。「電子署名へ進む」から署名してください。',
      'This procedure needs an electronic signature with your My Number Card. Please sign first.',
    ),
  signatureNotAsked: () =>
    e(422, 'SIGNATURE_NOT_ASKED', 'この手続に電子署名は必要ありません。', 'This procedure does not take an electronic signature.'),
  signingUnavailable: () =>
    e(
      503,
      'SIGNING_UNAVAILABLE',
      '現在、電子署名を受け付けられません。時間をおいてお試しいただくか、担当課にお問い合わせください。',
      'Electronic signatures cannot be accepted right now. Please try later or contact the department.',
    ),
  signingAppUnreachable: () =>
    e(
      503,
      'SIGNING_APP_UNREACHABLE',
      '署名アプリと通信できませんでした。時間をおいて、もう一度署名してください。',
      'The signing app could not be reached. Please try signing again later.',
    ),
  signingCancelled: () =>
    e(
      400,
      'SIGNING_CANCELLED',
      '電子署名が取り消されました。申請するには、もう一度署名してください。',
      'The signing was cancelled. To file, please sign again.',
    ),
  signingRequestUnknown: () =>
    e(
      404,
      'SIGNING_REQUEST_UNKNOWN',
      '署名の受付が見つからないか、有効期限が切れています。もう一度「電子署名へ進む」から署名してください。',
      'This signing request was not found or has expired. Please sign again.',
    ),
  signingRequestUsed: () =>
    e(
      409,
      'SIGNING_REQUEST_USED',
      'この電子署名は、すでに申請に使われています。',
      'This signature has already been used for an application.',
    ),
  signingNotFinished: () =>
    e(
      409,
      'SIGNING_NOT_FINISHED',
      '電子署名がまだ済んでいません。署名してから申請してください。',
      'The signing is not finished yet. Please sign first.',
    ),
  signatureForOtherAnswers: () =>
    e(
      409,
      'SIGNATURE_FOR_OTHER_ANSWERS',
      '署名した後に申請内容が変わりました。内容を確認して、もう一度署名してください。',
      'The answers changed after they were signed. Please check them and sign again.',
    ),
  signatureSignerMismatch: () =>
    e(
      422,
      'SIGNATURE_SIGNER_MISMATCH',
      '署名した方の氏名・生年月日が、申請者と一致しません。申請者ご本人のマイナンバーカードで署名してください（代理で申請する場合は、代理人として申請してください）。',
      "The signer's name and date of birth do not match the applicant. Please sign with the applicant's own My Number Card (or file as a proxy).",
    ),
  rateLimited: () =>
    e(
      429,
      'RATE_LIMITED',
      '短い時間に多くの操作がありました。しばらくしてから、もう一度お試しください。',
      'Too many requests. Please try again later.',
    ),
  unavailable: () => e(503, 'UNAVAILABLE', '現在サービスを利用できません。', 'The service is unavailable.'),
  internal: () =>
    e(
      500,
      'INTERNAL',
      'システムでエラーが発生しました。時間をおいて、もう一度お試しください。',
      'Something went wrong on our side. Please try again later.',
    ),

  // Procedures and filing.
  procedureNotFound: () => e(404, 'PROCEDURE_NOT_FOUND', 'この手続は見つかりませんでした。', 'There is no such procedure.'),
  definitionProblems: (problems: { pointer: string; message: string; ja: string }[]) =>
    new AppError(
      422,
      'DEFINITION_PROBLEMS',
      {
        ja: `定義ファイルに${problems.length}件の問題があります。直してから、もう一度プレビューしてください。`,
        en: `The definition file has ${problems.length} problem(s). Correct them, then preview it again.`,
      },
      problems.map((p) => ({ pointer: p.pointer, keyword: 'definition', message: { ja: p.ja, en: p.message } })),
    ),
  previewOtherDepartment: () =>
    e(
      403,
      'PREVIEW_OTHER_DEPARTMENT',
      'この定義は他の課の手続です。プレビューできるのは、担当課の職員とDX推進担当だけです。',
      'This definition belongs to another department. Only its department’s staff and the DX office can preview it.',
    ),
  previewNotFound: () =>
    e(
      404,
      'PREVIEW_NOT_FOUND',
      'このプレビューは見つからないか、有効期限（1時間）が過ぎています。もう一度プレビューを開いてください。',
      'This preview does not exist or has expired (after an hour). Please open the preview again.',
    ),
  procedureNotYetOpen: (opensAt: string) =>
    e(
      409,
      'PROCEDURE_NOT_YET_OPEN',
      `この手続の受付はまだ始まっていません。${formatDateTime(opensAt, 'ja')}から受け付けます。`,
      `This procedure is not open yet. Applications are accepted from ${formatDateTime(opensAt, 'en')} (Japan time).`,
    ),
  procedureClosed: (closesAt: string) =>
    e(
      409,
      'PROCEDURE_CLOSED',
      `この手続の受付は${formatDateTime(closesAt, 'ja')}に終了しました。`,
      `Applications for this procedure closed on ${formatDateTime(closesAt, 'en')} (Japan time).`,
    ),
  procedureNotPublished: () =>
    e(
      404,
      'PROCEDURE_NOT_PUBLISHED',
      'この手続は現在オンラインで受け付けていません。',
      'This procedure is not accepting online applications.',
    ),
  badIdempotencyKey: () =>
    e(
      400,
      'IDEMPOTENCY_KEY_INVALID',
      'Idempotency-Key ヘッダーの形式が正しくありません（16〜128文字の英数字と - _ . :）。',
      'The Idempotency-Key header must be 16-128 characters of A-Z, a-z, 0-9, -, _, . or :.',
    ),
  idempotencyKeyReused: () =>
    e(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'この Idempotency-Key は別の内容の申請に使われています。',
      'This Idempotency-Key was already used for a different submission.',
    ),
  unknownVersion: () =>
    e(
      422,
      'DEFINITION_VERSION_UNKNOWN',
      '申請書の版が古いか、存在しません。ページを読み込み直してください。',
      'This version of the form does not exist. Please reload the page.',
    ),

  // A resident's own submission (reference number + access code).
  residentSubmissionNotFound: () =>
    e(
      404,
      'SUBMISSION_NOT_FOUND',
      '受付番号またはアクセスコードが正しくありません。',
      'The reference number or access code is not correct.',
    ),
  notReturned: () =>
    e(409, 'NOT_RETURNED', 'この申請は現在、修正を受け付けていません。', 'This submission is not waiting for a correction.'),
  cannotWithdraw: () =>
    e(409, 'INVALID_TRANSITION', '審査が終わった申請は取り下げられません。', 'A decided submission cannot be withdrawn.'),

  // Attachments (server/attachments).
  multipartRequired: () =>
    e(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'ファイルは multipart/form-data（項目名 file）で送信してください。',
      'Send the file as multipart/form-data in the field "file".',
    ),
  multipartInvalid: () =>
    e(
      400,
      'UPLOAD_INCOMPLETE',
      'ファイルを最後まで受け取れませんでした。通信状態の良いところで、もう一度お試しください。',
      'The file did not arrive completely. Please try again where the connection is better.',
    ),
  attachmentTooLarge: (maxBytes: number) =>
    e(
      413,
      'ATTACHMENT_TOO_LARGE',
      `ファイルが大きすぎます。${formatMb(maxBytes)}以下のファイルを選んでください。`,
      `The file is too large. Choose a file of ${formatMb(maxBytes)} or less.`,
    ),
  attachmentEmpty: () =>
    e(422, 'ATTACHMENT_EMPTY', '選んだファイルは空です。別のファイルを選んでください。', 'The file is empty. Please choose another file.'),
  attachmentTypeNotAllowed: (labels: string[]) =>
    e(
      422,
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      `この種類のファイルは添付できません。${labels.join('、')}のファイルを選んでください。`,
      `This kind of file cannot be attached. Choose a ${labels.join(', ')} file.`,
    ),
  heicUnsupported: () =>
    e(
      422,
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      'HEIC形式の写真は現在受け付けていません。JPEG形式で保存してから添付してください。',
      'HEIC photos cannot be accepted at the moment. Please save the photo as JPEG and attach it again.',
    ),
  attachmentTooMany: (max: number) =>
    e(
      422,
      'ATTACHMENT_TOO_MANY',
      `この項目に添付できるファイルは${max}件までです。不要なファイルを削除してから追加してください。`,
      `You can attach up to ${max} files here. Remove one before adding another.`,
    ),
  attachmentInfected: () =>
    e(
      422,
      'ATTACHMENT_INFECTED',
      'このファイルからウイルスが検出されたため、受け付けられません。ファイルは保存していません。別のファイルを選んでください。',
      'A virus was found in this file, so it cannot be accepted. Nothing of it was kept. Please choose another file.',
    ),
  attachmentUnreadable: () =>
    e(
      422,
      'ATTACHMENT_UNREADABLE',
      'ファイルを読み取れませんでした。壊れていないか確かめて、もう一度お試しください。',
      'The file could not be read. Please check that it opens and try again.',
    ),
  scanUnavailable: () =>
    e(
      503,
      'ATTACHMENT_SCAN_UNAVAILABLE',
      'ファイルの安全確認ができないため、現在添付を受け付けていません。時間をおいて、もう一度お試しください。',
      'Files cannot be checked for viruses right now, so they cannot be attached. Please try again later.',
    ),
  attachmentQuestionUnknown: () =>
    Errors.validation([
      fieldError('/field', 'enum', 'この手続には、その添付の項目がありません。', 'This procedure has no such attachment question.'),
    ]),
  attachmentNotFound: () => e(404, 'ATTACHMENT_NOT_FOUND', 'このファイルは見つかりませんでした。', 'There is no such file.'),
  draftTokenInvalid: () =>
    e(
      400,
      'DRAFT_TOKEN_INVALID',
      '下書きの識別子（X-Draft-Token）の形式が正しくありません。ページを読み込み直してください。',
      'The X-Draft-Token header is missing or malformed. Please reload the page.',
    ),
  attachmentMissing: (pointer: string) =>
    fieldError(
      pointer,
      'attachment',
      'このファイルは見つかりませんでした（24時間を過ぎたか、別の下書きのファイルです）。もう一度添付してください。',
      'This file was not found (it is over 24 hours old or belongs to another draft). Please attach it again.',
    ),
  attachmentUsed: (pointer: string) =>
    fieldError(
      pointer,
      'attachment',
      'このファイルは別の申請ですでに使われています。もう一度添付してください。',
      'This file was already used in another application. Please attach it again.',
    ),

  // Staff accounts and sessions.
  invalidCredentials: () =>
    e(401, 'INVALID_CREDENTIALS', 'メールアドレスまたはパスワードが正しくありません。', 'The e-mail address or password is not correct.'),
  unauthenticated: () => e(401, 'UNAUTHENTICATED', 'ログインしてください。', 'Please sign in.'),
  /** A refusal names the roles that may (the staff client's refusal page shows it). */
  forbidden: (roles: readonly string[] = []) =>
    roles.length === 0
      ? e(403, 'FORBIDDEN', 'この操作を行う権限がありません。', 'You are not allowed to do this.')
      : e(
          403,
          'FORBIDDEN',
          `この画面・操作は、${roles.map((r) => ROLE_LABELS[r]?.ja ?? r).join('・')}が利用できます。`,
          `This page is for ${roles.map((r) => ROLE_LABELS[r]?.en ?? r).join(' or ')}.`,
        ),
  mfaRequired: () => e(401, 'MFA_REQUIRED', '確認コード（2段階認証）を入力してください。', 'Enter the code from your authenticator app.'),
  mfaEnrolmentRequired: () =>
    e(
      401,
      'MFA_ENROLMENT_REQUIRED',
      '先に2段階認証（認証アプリ）を設定してください。',
      'Set up the second factor (an authenticator app) first.',
    ),
  passwordChangeRequired: () => e(403, 'PASSWORD_CHANGE_REQUIRED', '先にパスワードを変更してください。', 'Change your password first.'),
  mfaCodeInvalid: () =>
    e(
      401,
      'MFA_CODE_INVALID',
      '確認コードが正しくないか、すでに使われています。新しいコードを入力してください。',
      'The code is wrong or was already used. Enter a new code.',
    ),
  mfaAlreadyEnrolled: () =>
    e(
      409,
      'MFA_ALREADY_ENROLLED',
      '2段階認証はすでに設定されています。設定し直すには管理者に依頼してください。',
      'The second factor is already set up. Ask an administrator to reset it.',
    ),
  mfaNotStarted: () =>
    e(409, 'MFA_NOT_STARTED', '2段階認証の設定を、最初からやり直してください。', 'Start setting up the second factor again.'),
  mfaNotPending: () => e(409, 'MFA_NOT_PENDING', 'このログインでは確認コードは不要です。', 'This sign-in does not need a code.'),
  passwordRefused: (ja: string, en: string) => Errors.validation([fieldError('/newPassword', 'password', ja, en)]),
  currentPasswordWrong: () =>
    Errors.validation([
      fieldError('/currentPassword', 'password', '現在のパスワードが正しくありません。', 'The current password is not correct.'),
    ]),
  staffAccountNotFound: () => e(404, 'STAFF_ACCOUNT_NOT_FOUND', 'このアカウントは見つかりませんでした。', 'There is no such account.'),
  sessionNotFound: () => e(404, 'SESSION_NOT_FOUND', 'このログイン中の端末は見つかりませんでした。', 'There is no such session.'),
  ownAccount: () =>
    e(
      409,
      'OWN_ACCOUNT',
      '自分のアカウントの役割の変更・停止はできません。別の管理者に依頼してください。',
      'You cannot change the role of, or disable, your own account. Ask another administrator.',
    ),
  csrf: () => e(403, 'CSRF_TOKEN_INVALID', '画面を読み込み直してから、もう一度操作してください。', 'Please reload the page and try again.'),
  accountRefused: (reason: string) =>
    Errors.validation([fieldError('', 'account', `アカウントを作成できません：${reason}`, `Cannot create the account: ${reason}`)]),

  // Department review.
  submissionNotFound: () =>
    e(404, 'SUBMISSION_NOT_FOUND', 'この申請は見つかりませんでした。', 'There is no such submission in your department.'),
  invalidTransition: (refs: string[], from: string[], to: string) =>
    e(
      409,
      'INVALID_TRANSITION',
      `現在の状態（${from.join('・')}）からは、この状態に変更できません：${refs.join('、')}`,
      `Cannot change ${refs.join(', ')} from ${from.join('/')} to ${to}.`,
    ),
  reasonRequired: () =>
    Errors.validation([
      fieldError('/reason', 'required', '理由を入力してください（申請者に表示されます）。', 'Enter the reason (the resident will see it).'),
    ]),
  textRequired: () =>
    Errors.validation([
      fieldError('/text', 'required', '内容を入力してください（2000文字以内）。', 'Enter the text (up to 2,000 characters).'),
    ]),
  documentsOnlyWithReturn: () =>
    Errors.validation([
      fieldError(
        '/documents',
        'return',
        '書類の提出を求められるのは、差戻しのときだけです。',
        'Documents can be asked for only when returning a submission.',
      ),
    ]),
  documentsUnknown: () =>
    Errors.validation([
      fieldError(
        '/documents',
        'enum',
        'この手続の添付の項目から選んでください。',
        'Choose from the attachment questions of this procedure.',
      ),
    ]),
  reassignNeedsSupervisor: () =>
    e(403, 'FORBIDDEN', '担当者の変更は、係長（supervisor）が行います。', 'Only a supervisor can reassign a submission.'),
  badAssignee: () =>
    Errors.validation([fieldError('/assigneeId', 'enum', '同じ課の職員を選んでください。', 'Choose a colleague in your department.')]),

  // Fees and payments.
  noFee: () => e(409, 'NO_FEE', 'この申請には、お支払いいただく手数料がありません。', 'There is no fee to pay for this application.'),
  feeNotSet: () =>
    e(409, 'FEE_NOT_SET', '手数料の金額は、審査の後に担当課からお知らせします。', 'The department will tell you the fee after review.'),
  onlinePaymentUnavailable: () =>
    e(
      409,
      'ONLINE_PAYMENT_UNAVAILABLE',
      '現在オンラインでのお支払いは受け付けていません。お支払いの方法は、状況確認のページの案内をご覧ください。',
      'Online payment is not available. The status page tells you how to pay the fee.',
    ),
  alreadyPaid: () => e(409, 'ALREADY_PAID', '手数料はお支払い済みです。', 'The fee has already been paid.'),
  paymentPending: () =>
    e(
      409,
      'PAYMENT_PENDING',
      'お支払いの確認を待っています（コンビニでのお支払いは、お支払い後に反映されます）。',
      'We are waiting for your payment to be confirmed (a convenience store payment shows once you have paid).',
    ),
  submissionClosed: () =>
    e(409, 'SUBMISSION_CLOSED', 'この申請は終了しているため、お支払いできません。', 'This application is closed; there is nothing to pay.'),
  paymentNotFound: () => e(404, 'PAYMENT_NOT_FOUND', 'このお支払いは見つかりませんでした。', 'There is no such payment.'),
  paymentProvider: () =>
    e(
      502,
      'PAYMENT_PROVIDER_ERROR',
      '決済サービスとの通信に失敗しました。時間をおいて、もう一度お試しください。',
      'We could not reach the payment service. Please try again later.',
    ),
  webhookSignature: () =>
    e(400, 'WEBHOOK_SIGNATURE_INVALID', '署名を確認できませんでした。', 'The webhook signature could not be verified.'),
  paymentOutstanding: (refs: string[]) =>
    e(
      409,
      'PAYMENT_OUTSTANDING',
      `手数料のお支払いが確認できていないため、完了にできません：${refs.join('、')}`,
      `The fee is not paid yet, so it cannot be completed: ${refs.join(', ')}`,
    ),
  feeFixed: () =>
    e(
      409,
      'FEE_FIXED',
      'この手続の手数料は申請の内容で決まるため、変更できません。',
      'This procedure’s fee follows from the answers and cannot be set by staff.',
    ),
  feeLocked: () =>
    e(
      409,
      'FEE_LOCKED',
      'お支払いの手続中または支払済みのため、金額を変更できません。',
      'A payment is in progress or made, so the amount cannot change.',
    ),
  nothingToRefund: () => e(409, 'NOTHING_TO_REFUND', '返金できるお支払いがありません。', 'There is no payment to refund.'),
  amount: (pointer: string, ja: string, en: string) => Errors.validation([fieldError(pointer, 'range', ja, en)]),
  refundReason: () =>
    Errors.validation([
      fieldError(
        '/reason',
        'required',
        '返金の理由を入力してください（500文字以内）。',
        'Enter the reason for the refund (up to 500 characters).',
      ),
    ]),

  // Resident sign-in (OpenID Connect) and drafts.
  signInUnavailable: () =>
    e(
      503,
      'SIGN_IN_UNAVAILABLE',
      'この窓口では、現在ログインをご利用いただけません。',
      'Signing in is not available on this service at the moment.',
    ),
  identityProviderUnavailable: () =>
    e(
      503,
      'IDENTITY_PROVIDER_UNAVAILABLE',
      '本人確認のサービスに接続できませんでした。しばらくしてから、もう一度お試しください。',
      'The identity service could not be reached. Please try again later.',
    ),
  signInRequestUnknown: () =>
    e(
      400,
      'SIGN_IN_REQUEST_UNKNOWN',
      'ログインの手続が見つからないか、期限が切れています。もう一度ログインしてください。',
      'This sign-in was not found or has expired. Please sign in again.',
    ),
  signInOtherBrowser: () =>
    e(
      400,
      'SIGN_IN_OTHER_BROWSER',
      'ログインを始めたブラウザーと異なるため、ログインできませんでした。同じブラウザーで、もう一度ログインしてください。',
      'This sign-in was started in another browser. Please sign in again in this browser.',
    ),
  signInCancelled: () => e(400, 'SIGN_IN_CANCELLED', 'ログインが取り消されました。', 'Signing in was cancelled.'),
  signInRefused: () =>
    e(
      400,
      'SIGN_IN_REFUSED',
      '本人確認の結果を確認できなかったため、ログインできませんでした。もう一度お試しください。',
      'The identity service’s answer could not be verified, so you were not signed in. Please try again.',
    ),
  residentSignInRequired: () =>
    e(
      401,
      'RESIDENT_SIGN_IN_REQUIRED',
      'この手続は、マイナンバーカードなどで本人確認（ログイン）をしてから申請してください。',
      'Please sign in with a verified identity (for example your My Number Card) to file this procedure.',
    ),
  verifiedAnswerChanged: (pointer: string) =>
    Errors.validation([
      fieldError(
        pointer,
        'verified',
        '本人確認済みの内容は変更できません。変更が必要な場合は、担当課にお問い合わせください。',
        'Verified details cannot be changed here. Please contact the department if they need correcting.',
      ),
    ]),
  proxyNotAllowed: () =>
    e(422, 'PROXY_NOT_ALLOWED', 'この手続は、代理で申請することはできません。', 'This procedure cannot be filed for someone else.'),
  proxyRelation: (pointer: string) =>
    Errors.validation([
      fieldError(
        pointer,
        'proxy',
        '代理で申請する場合は、申請する方との関係を選んでください。',
        'When filing for someone else, choose your relationship to them.',
      ),
    ]),
  draftNotFound: () => e(404, 'DRAFT_NOT_FOUND', 'この下書きは見つかりませんでした。', 'There is no such draft.'),
  // Counter-assisted filing (書かない窓口).
  counterIdentityRequired: () =>
    Errors.validation([
      fieldError(
        '/identityCheck',
        'required',
        'この手続は本人確認が必要です。窓口で確認した本人確認書類を選んでください。',
        'This procedure needs an identity check: choose the document you checked at the counter.',
      ),
    ]),
  counterAttachmentsUnavailable: () =>
    e(
      422,
      'COUNTER_ATTACHMENTS_UNAVAILABLE',
      '添付ファイルのある回答は、窓口での代行入力ではお受けできません。書類は窓口でお預かりしてください。',
      'Answers with attached files cannot be filed at the counter: take the documents at the counter instead.',
    ),
};
