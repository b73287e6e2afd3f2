/** Strings of resident sign-in and マイページ, in Japanese and English. */
export const RESIDENT_MESSAGES = {
  signInLink: { ja: 'ログイン', en: 'Sign in' },
  myPageLink: { ja: 'マイページ', en: 'My page' },
  signInTitle: { ja: 'ログイン（本人確認）', en: 'Sign in (identity check)' },
  signInLead: {
    ja: 'マイナンバーカードなどで本人確認をしてログインすると、申請の状況をマイページで確認でき、入力途中の申請を別の端末で続けられます。',
    en: 'Sign in with a verified identity (for example your My Number Card) to see your applications on My page and continue a form on another device.',
  },
  signInButton: { ja: '{provider}でログインする', en: 'Sign in with {provider}' },
  signInDemo: {
    ja: 'デモ環境です。本物のデジタル認証アプリの代わりに、架空の住民を選んでログインするサービスが動いています。',
    en: 'This is a demo: instead of the real app, a stand-in lets you pick a synthetic resident.',
  },
  signInUnavailableHere: {
    ja: 'この窓口では、現在ログインをご利用いただけません。受付番号とアクセスコードで状況を確認できます。',
    en: 'Signing in is not available here at the moment. You can check a status with your reference number and access code.',
  },
  signInErrorTitle: { ja: 'ログインできませんでした', en: 'You were not signed in' },
  signInError_SIGN_IN_CANCELLED: { ja: 'ログインが取り消されました。', en: 'Signing in was cancelled.' },
  signInError_SIGN_IN_REQUEST_UNKNOWN: {
    ja: 'ログインの手続の期限が切れたか、すでに使われています。もう一度ログインしてください。',
    en: 'This sign-in expired or was already used. Please sign in again.',
  },
  signInError_SIGN_IN_OTHER_BROWSER: {
    ja: 'ログインを始めたブラウザーと異なります。同じブラウザーで、もう一度ログインしてください。',
    en: 'This sign-in was started in another browser. Please sign in again in this browser.',
  },
  signInError_other: {
    ja: '本人確認の結果を確認できませんでした。もう一度お試しください。',
    en: 'The identity check could not be confirmed. Please try again.',
  },
  myPageTitle: { ja: 'マイページ', en: 'My page' },
  myPageSignedInAs: { ja: '{name} さんとしてログインしています（本人確認済み）。', en: 'Signed in as {name} (identity verified).' },
  myPageSubmissions: { ja: '申請した手続', en: 'Your applications' },
  myPageNoSubmissions: { ja: 'ログインして申請した手続はまだありません。', en: 'You have not filed anything while signed in yet.' },
  myPageDrafts: { ja: '入力途中の申請（下書き）', en: 'Unfinished applications (drafts)' },
  myPageNoDrafts: { ja: '下書きはありません。', en: 'You have no drafts.' },
  myPageDraftKept: {
    ja: '最終更新 {updated}・{deleteAfter}に自動で削除されます',
    en: 'Last saved {updated}; deleted automatically on {deleteAfter}',
  },
  myPageDraftRule: {
    ja: '下書きは、最後に保存してから{days}日間更新がないと削除されます。申請したときも削除されます。',
    en: 'A draft is deleted automatically when left untouched for {days} days, and when you file the application.',
  },
  verifiedBadge: { ja: '本人確認済み', en: 'Verified' },
  verifiedNote: {
    ja: 'マイナンバーカードでのログインで確認された内容です。ここでは変更できません。',
    en: 'Confirmed by your My Number Card sign-in; it cannot be changed here.',
  },
  identityRequiredTitle: { ja: 'この手続は本人確認（ログイン）が必要です', en: 'This procedure needs a verified sign-in' },
  identityRequiredLead: {
    ja: '個人番号（マイナンバー）をお預かりするため、申請の前にマイナンバーカードで本人確認をしてください。ログイン後、この手続に戻ります。',
    en: 'Because this form collects your Individual Number, please verify your identity with your My Number Card first. You will come back here afterwards.',
  },
  identityRequiredButton: { ja: 'マイナンバーカードでログイン', en: 'Sign in with My Number Card' },
  serverDraftFound: {
    ja: '{updated}に保存した入力途中の申請があります（{deleteAfter}に自動で削除されます）。続きから入力できます。',
    en: 'You have a draft saved on {updated} (deleted automatically on {deleteAfter}). You can continue it.',
  },
  draftNewQuestions: {
    ja: '保存した後に申請書が変わりました。次の質問が新しく追加されています。',
    en: 'The form has changed since you saved. These questions are new:',
  },
  filerQuestion: { ja: 'どなたの申請ですか', en: 'Who is this application for?' },
  filerSelf: { ja: 'ご本人（ログインしている方）の申請', en: 'For myself (the person signed in)' },
  filerProxy: { ja: '代理人として（ご家族などに代わって申請する）', en: 'As a proxy (on behalf of a family member or someone else)' },
  filerProxyHint: {
    ja: '代理人として申請するときは、申請する方の情報をご自身で入力してください。ログインしたあなたのお名前は代理人として記録されます。',
    en: 'As a proxy, enter the details of the person you apply for; your verified name is recorded as the proxy.',
  },
  myPageSubmitted: { ja: '申請日時', en: 'Filed' },
  myPageReference: { ja: '受付番号', en: 'Reference number' },
  myPageStatus: { ja: '状況', en: 'Status' },
  signOut: { ja: 'ログアウト', en: 'Sign out' },
  signedOut: { ja: 'ログアウトしました。', en: 'You have signed out.' },
} as const;
