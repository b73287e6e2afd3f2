/** Finding procedures by everyday words and readings (shared/forms/search.ts). */
import { describe, expect, it } from 'vitest';
import { searchProcedures } from '../../../shared/forms/search.ts';
import type { ProcedureSummary } from '../../../shared/forms/types.ts';
import { repoDefinitions } from '../../helpers/http.ts';
import { procedureSummary } from '../../../server/procedures/routes.ts';

const published: ProcedureSummary[] = repoDefinitions()
  .filter((d) => d.published)
  .map(procedureSummary);
const ids = (query: string) => searchProcedures(published, query).map((p) => p.id);

describe('search', () => {
  it.each([
    ['こども', 'kosodate-01'],
    ['子供', 'kosodate-12'],
    ['子ども', 'kosodate-11'],
    ['保育園', 'kosodate-12'],
    ['ほいくえん', 'kosodate-12'],
    ['マイナンバー', 'tenshutsu'],
    ['かいご', 'kaigo-01'],
    ['引っ越し', 'tenshutsu'],
    ['ひっこし', 'tenshutsu'],
    ['いぬ', 'inu-toroku'],
    ['ゴミ', 'sodai-gomi'],
    ['ひとり親', 'jidoufuyou-shinsei'],
    ['child allowance', 'kosodate-01'],
    ['ＮＵＲＳＥＲＹ', 'kosodate-12'],
  ])('“%s” finds %s', (query, id) => {
    expect(ids(query)).toContain(id);
  });

  it('every word must match (or one of its synonyms), and nonsense finds nothing', () => {
    expect(ids('介護 住宅')).toContain('kaigo-10');
    expect(ids('介護 住宅')).not.toContain('kaigo-06');
    expect(ids('ぴよぴよ')).toEqual([]);
    expect(ids('   ')).toEqual([]);
  });

  it('finds every published procedure by its own title', () => {
    for (const p of published) expect(ids(p.title.ja), p.id).toContain(p.id);
  });
});
