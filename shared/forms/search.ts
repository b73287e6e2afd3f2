/**
 * Finding a procedure by the words residents use: NFKC, lower case, hiragana folded to katakana
 * (「にんしん」 finds 「ニンシン」), and each word widened to its everyday synonyms and readings
 * (こども, 子ども, 子供 and 児童; 保育園 and 保育所; マイナンバー and 個人番号 …). A procedure
 * matches when every word of the query (or one of its synonyms) is in its title, summary,
 * department or keywords.
 */
import type { ProcedureSummary } from './types.ts';

/** NFKC, lower case, hiragana to katakana. */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** Groups of words that mean the same to a resident looking for a procedure. */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['こども', '子ども', '子供', '児童', 'お子さん', 'child', 'children', 'kids'],
  ['保育園', '保育所', '保育施設', '保育', 'こども園', '認定こども園', 'nursery', 'daycare', 'childcare'],
  ['マイナンバー', '個人番号', 'my number', 'mynumber'],
  ['手当', '給付', '助成', 'allowance', 'benefit'],
  ['ひとり親', '母子家庭', '父子家庭', '児童扶養手当', 'single parent'],
  ['妊娠', '妊婦', '母子手帳', '母子健康手帳', 'pregnancy', 'pregnant'],
  ['介護', '介護保険', '要介護', '要支援', 'ケアマネ', 'ケアマネジャー', 'care', 'nursing care'],
  ['引っ越し', '引越し', '引越', '転出', '転居', '転入', '住所変更', 'moving', 'move'],
  ['住民票', '住民票の写し', 'residence record', 'juminhyo'],
  ['証明書', '証明', 'certificate'],
  ['税', '税金', '課税', '非課税', '所得証明', '住民税', 'tax'],
  ['戸籍', '戸籍謄本', '戸籍抄本', '戸籍証明', 'family register', 'koseki'],
  ['犬', 'いぬ', 'ペット', '狂犬病', 'dog', 'pet'],
  ['ごみ', 'ゴミ', '粗大ごみ', '粗大ゴミ', 'garbage', 'waste', 'bulky'],
  ['災害', '罹災', '被災', '地震', '台風', '水害', 'disaster'],
  ['口座', '振込', '振込先', 'bank account'],
  ['再発行', '再交付', 'なくした', '紛失', 'reissue', 'lost'],
  ['学校給食', '給食', '給食費', 'school lunch'],
  ['寄附', '寄付', 'donation'],
  ['現況届', '現況', 'status report'],
];

const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of SYNONYM_GROUPS) {
    const folded = group.map(fold);
    for (const word of folded) map.set(word, [...new Set([...(map.get(word) ?? []), ...folded])]);
  }
  return map;
})();

/** The query's words, each with the words that mean the same. */
export function queryTerms(query: string): string[][] {
  const folded = fold(query).trim();
  if (!folded) return [];
  // A known phrase with a space in it ("my number") is one term.
  const phrases = [...SYNONYMS.keys()].filter((k) => k.includes(' ') && folded.includes(k));
  let rest = folded;
  for (const phrase of phrases) rest = rest.replace(phrase, ' ');
  const words = [...phrases, ...rest.split(/[\s、，,・]+/u).filter(Boolean)];
  return words.map((word) => [word, ...(SYNONYMS.get(word) ?? [])]);
}

export function searchText(p: ProcedureSummary): string {
  return fold(
    [p.title.ja, p.title.en, p.summary.ja, p.summary.en, p.department.name.ja, p.department.name.en, ...(p.keywords ?? [])].join(' '),
  );
}

export function matchesQuery(p: ProcedureSummary, terms: string[][]): boolean {
  if (terms.length === 0) return false;
  const haystack = searchText(p);
  return terms.every((alternatives) => alternatives.some((word) => haystack.includes(word)));
}

export function searchProcedures<T extends ProcedureSummary>(procedures: readonly T[], query: string): T[] {
  const terms = queryTerms(query);
  return procedures.filter((p) => matchesQuery(p, terms));
}
