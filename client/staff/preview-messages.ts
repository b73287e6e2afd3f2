/** The strings of definition previews (staff). */
export const PREVIEW_MESSAGES = {
  previewNav: { ja: '定義のプレビュー', en: 'Preview definitions' },
  previewTitle: { ja: '手続の定義をプレビューする', en: 'Preview a procedure definition' },
  previewLead: {
    ja: '公開前の手続を、住民の方と同じ画面で確認できます（すべてのステップ、確認画面、英語表示）。入力した内容は保存も送信もされません。',
    en: 'See a procedure before it is published, exactly as residents will (every step, the check page, English). Nothing you type is saved or sent.',
  },
  previewCatalogTitle: { ja: '登録されている定義', en: 'Definitions in the catalog' },
  previewUnpublished: { ja: '未公開', en: 'Not published' },
  previewPublished: { ja: '公開中', en: 'Published' },
  previewOpen: { ja: 'プレビューする', en: 'Preview' },
  previewOpenHidden: { ja: '「{title}」をプレビューする', en: 'Preview “{title}”' },
  previewNone: { ja: 'プレビューできる定義はありません。', en: 'There are no definitions you can preview.' },
  previewUploadTitle: { ja: '定義ファイルを選んでプレビューする', en: 'Preview a definition file' },
  previewUploadHint: {
    ja: '作成中や変更中の定義ファイル（JSON）を選んでください。公開前のチェック（npm run forms:check と同じ内容）を行い、問題があれば一覧にします。',
    en: 'Choose a definition file (JSON) you are writing or changing. It is checked as npm run forms:check does, and any problems are listed.',
  },
  previewUploadLabel: { ja: '定義ファイル（JSON）', en: 'Definition file (JSON)' },
  previewUploadSubmit: { ja: 'チェックしてプレビューする', en: 'Check and preview' },
  previewChecking: { ja: 'チェックしています…', en: 'Checking…' },
  previewNotJson: {
    ja: 'ファイルをJSONとして読み取れませんでした：{reason}',
    en: 'The file could not be read as JSON: {reason}',
  },
  previewChooseFile: { ja: '定義ファイルを選んでください。', en: 'Choose a definition file.' },
  previewProblemsTitle: { ja: '定義ファイルに{n}件の問題があります', en: 'The definition file has {n} problem(s)' },
  previewProblemsLead: {
    ja: '次の箇所を直してから、もう一度選んでください。場所は、ファイルの中の位置（JSON ポインタ）と、その項目の見出しです。',
    en: 'Correct these places, then choose the file again. Each place is given as its position in the file (JSON pointer) and the heading of that question.',
  },
  previewPlace: { ja: '場所', en: 'Where' },
  previewProblem: { ja: '問題', en: 'Problem' },
  previewWholeFile: { ja: 'ファイル全体', en: 'The whole file' },
  previewBanner: {
    ja: 'プレビュー：公開前の確認用の画面です。入力した内容は保存されず、送信もできません。',
    en: 'Preview: this is how residents will see the procedure. Nothing you type is saved, and nothing can be sent.',
  },
  previewBack: { ja: 'プレビューの一覧に戻る', en: 'Back to previews' },
  previewNoSubmit: {
    ja: 'プレビューのため、送信はできません。ここまでの画面と確認画面が、住民の方に表示される内容です。',
    en: 'This is a preview, so nothing can be sent. The steps and this check page are what residents will see.',
  },
  previewFileNote: {
    ja: 'プレビューのため、ファイルは送信されません。',
    en: 'This is a preview: files are not uploaded.',
  },
} as const;
