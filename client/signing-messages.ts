/** Strings of electronic signing (署名用電子証明書) on the check page and the verification page, in Japanese and English. */
export const SIGNING_MESSAGES = {
  signingTitle: { ja: '電子署名', en: 'Electronic signature' },
  signingLead: {
    ja: 'この手続には、マイナンバーカードの署名用電子証明書による電子署名が必要です。「電子署名へ進む」を押すと署名アプリの画面に移ります。署名が終わると、この画面に戻ります。',
    en: 'This procedure needs an electronic signature with the signing certificate of your My Number Card. “Go to signing” takes you to the signing app; you come back here afterwards.',
  },
  signingProxyLead: {
    ja: '代理で申請するときは、代理人（ログインしている方）のマイナンバーカードで署名してください。',
    en: 'When filing for someone else, sign with your own (the proxy’s) My Number Card.',
  },
  signingFailedTitle: { ja: '電子署名ができませんでした', en: 'The signature was not accepted' },
  signingStart: { ja: '電子署名へ進む', en: 'Go to signing' },
  signingStarting: { ja: '署名アプリに移動しています…', en: 'Opening the signing app…' },
  signingDone: {
    ja: '電子署名が済みました（署名者：{name}）。このまま「この内容で申請する」を押してください。内容を変更した場合は、もう一度署名が必要です。',
    en: 'Signed (signer: {name}). Now press “Submit application”. If you change an answer, you will need to sign again.',
  },
  signingChecking: { ja: '署名の結果を確認しています…', en: 'Checking the signature…' },
  signingAgain: {
    ja: '署名した後に内容が変わったか、署名の期限が切れました。もう一度「電子署名へ進む」から署名してください。',
    en: 'The answers changed after signing, or the signature expired. Please sign again.',
  },
  verifySigned: {
    ja: 'あり（マイナンバーカードの署名用電子証明書で検証済み）',
    en: 'Yes (verified with a My Number Card signing certificate)',
  },
  verifyUnsigned: { ja: 'なし', en: 'None' },
  verifySignatureLabel: { ja: '電子署名', en: 'Electronic signature' },
} as const;
