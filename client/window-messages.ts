/** What the pages say about a procedure's filing period (opensAt / closesAt). */
export const WINDOW_MESSAGES = {
  windowPeriod: { ja: '受付期間：{opens}から{closes}まで', en: 'Applications accepted: from {opens} to {closes} (Japan time)' },
  windowUntil: { ja: '受付期間：{closes}まで', en: 'Applications accepted until {closes} (Japan time)' },
  windowNotYetOpen: {
    ja: 'この手続の受付はまだ始まっていません。{opens}から受け付けます。',
    en: 'This procedure is not open yet. Applications are accepted from {opens} (Japan time).',
  },
  windowClosed: {
    ja: 'この手続の受付は{closes}に終了しました。',
    en: 'Applications for this procedure closed on {closes} (Japan time).',
  },
  windowClosedDraft: {
    ja: '受付期間が{closes}に終了したため、入力中の内容は送信できません。お問い合わせは{department}（{phone}）へどうぞ。',
    en: 'The application period ended on {closes} (Japan time), so these answers can no longer be sent. For questions, contact {department} ({phone}).',
  },
} as const;
