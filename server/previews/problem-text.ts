/**
 * forms:check's problems in Japanese for the preview page (the checks word them in English for
 * the command line). Each known message has its Japanese; anything else is shown in English with
 * a Japanese lead-in, never dropped.
 */
import type { Problem } from '../procedures/definition-checks.ts';

type Rule = [RegExp, (...groups: string[]) => string];

const RULES: Rule[] = [
  [/^"(.+)" has no English title \(x-en\.title\)$/u, (t) => `「${t}」に英語の見出し（x-en.title）がありません。`],
  [/^description has no English text \(x-en\.description\)$/u, () => '説明（description）に英語（x-en.description）がありません。'],
  [/^unknown format "(.+)" \(supported: (.+)\)$/u, (f, list) => `「${f}」という形式（format）はありません。使える形式：${list}`],
  [
    /^a text answer needs maxLength/u,
    () => '文字で答える項目には、最大文字数（maxLength）が必要です（選択肢か、長さの決まった形式を除く）。',
  ],
  [/^a list needs maxItems/u, () => 'くり返し入力する項目には、最大の個数（maxItems）が必要です。'],
  [
    /^a 個人番号 needs 本人確認/u,
    () => '個人番号を受け取るには本人確認が必要です（番号法第16条）。"identity": "required" にしてください。',
  ],
  [/^x-prefill must be one of (.+)$/u, (list) => `x-prefill には次のいずれかを書いてください：${list}`],
  [/^x-prefill fills a text answer/u, () => 'x-prefill は文字で答える項目（type: string）にだけ使えます。'],
  [/^x-prefill needs sign-in/u, () => 'x-prefill を使うにはログインが必要です。"identity" を "optional" か "required" にしてください。'],
  [/^"(.+)" is a member of every JavaScript object/u, (k) => `「${k}」は項目名に使えません。別の名前にしてください。`],
  [/^"(.+)" is not an id in shared\/reference\/priority-procedures\.json$/u, (id) => `「${id}」は国の優先手続の一覧にないIDです。`],
  [/^(.+) is not a field of the form$/u, (f) => `${f} はこの様式の項目ではありません。`],
  [/^"(.+)" is not one of the choices of (.+)$/u, (v, f) => `「${v}」は ${f} の選択肢にありません。`],
  [/^filing for someone else needs sign-in/u, () => '代理申請にはログインが必要です。"identity" を設定してください。'],
  [
    /^a signature needs a verified sign-in/u,
    () => '電子署名には本人確認済みのログインが必要です。"identity" を "required" にしてください。',
  ],
  [
    /^a signature is compared with the applicant's (.+?):/u,
    (a) => `電子署名は申請者の${a === 'name' ? '氏名' : '生年月日'}と照合します。"x-prefill": "${a}" の項目を1つ設けてください。`,
  ],
  [/^the filing period closes before it opens/u, () => '受付期間の終わり（closesAt）が始まり（opensAt）より前になっています。'],
  [/^(.+) is not a date and time$/u, (v) => `${v} は日時として読み取れません（例：2026-11-04T08:30:00+09:00）。`],
  [/^(.+) is not an integer field of the form$/u, (f) => `${f} は整数で答える項目ではありません（手数料の数量に使えません）。`],
  [
    /^uiSchema refers to "(.+)", which is not a field here$/u,
    (k) => `uiSchema の「${k}」に当たる項目が、様式（schema）のこの場所にありません。`,
  ],
  [/^schema does not compile: (.+)$/u, (m) => `様式（schema）を読み込めません：${m}`],
  [/^schema cannot be compiled into a validator: (.+)$/u, (m) => `様式（schema）から入力チェックを作れません：${m}`],
  [/^example is not valid: (.+)$/u, (m) => `例（examples）の回答が正しくありません：${m}`],
  [/^(.+) does not exist$/u, (f) => `共通部品 ${f} が見つかりません。`],
  [
    /^"(.+)" is not a shared part: write "common\/<name>\.json"$/u,
    (r) => `「${r}」は共通部品ではありません。"common/<名前>.json" と書いてください。`,
  ],
  [/^"(.+)" is not a question of (.+)$/u, (k, f) => `「${k}」は ${f} の項目ではありません（x-omit）。`],
  [/^"(.+)" is not a required question of (.+)$/u, (k, f) => `「${k}」は ${f} の必須の項目ではありません（x-optional）。`],
  [/^shared parts refer to each other in a loop: (.+)$/u, (c) => `共通部品がお互いを参照していて、終わりがありません：${c}`],
  [/^(.+) is not a valid shared part: (.+)$/u, (f, m) => `${f} は共通部品の形になっていません：${m}`],
  [
    /^format "attachment" is for a string answer/u,
    () => '"format": "attachment" は文字の項目（ファイルのID）に使います。複数のファイルは、その配列にしてください。',
  ],
  [/^x-attachment belongs on an attachment question/u, () => 'x-attachment は添付ファイルの項目にだけ書けます。'],
  [/^unknown option "(.+)"/u, (o) => `x-attachment に「${o}」という設定はありません（accept、maxBytes、maxFiles）。`],
  [/^"(.+)" is not an accepted type/u, (t) => `「${t}」は受け付けられるファイルの種類ではありません（jpeg、png、heic、pdf）。`],
  [
    /^maxFiles \((.+)\) differs from the list's maxItems \((.+)\)/u,
    (a, b) => `maxFiles（${a}）と maxItems（${b}）を同じ数にしてください。`,
  ],
  [
    /^no example meets this condition \(if\)/u,
    () => 'この条件（if）に当てはまる例がありません。「then」の場合の例（examples）を加えてください。',
  ],
  [
    /^every example meets this condition \(if\)/u,
    () => 'すべての例がこの条件（if）に当てはまります。「else」の場合の例（examples）を加えてください。',
  ],
  // The meta-schema's (ajv's) words.
  [/^must have required property '(.+)'$/u, (k) => `必須の項目「${k}」がありません。`],
  [/^must NOT have additional properties \((.+)\)$/u, (k) => `「${k}」という項目は定義ファイルに書けません。`],
  [/^must be equal to one of the allowed values$/u, () => '決められた値のいずれかにしてください。'],
  [/^must be equal to constant$/u, () => '決められた値にしてください。'],
  [/^must be (string|integer|number|object|array|boolean|null)$/u, (t) => `型が正しくありません（${t} にしてください）。`],
  [/^must match pattern "(.+)"$/u, (p) => `書き方が正しくありません（パターン ${p}）。`],
  [/^must NOT have fewer than (\d+) characters$/u, (n) => `${n}文字以上にしてください。`],
  [/^must NOT have fewer than (\d+) items$/u, (n) => `${n}個以上にしてください。`],
  [/^must match exactly one schema in oneOf$/u, () => '書き方がどの形にも当てはまりません。'],
];

export function problemInJapanese(problem: Problem): string {
  if (problem.ja) return problem.ja;
  for (const [pattern, word] of RULES) {
    const m = pattern.exec(problem.message);
    if (m) return word(...m.slice(1));
  }
  return `（英語のみのメッセージです）${problem.message}`;
}
