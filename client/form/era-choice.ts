import { dateRuleOf, todayLimits } from '../../shared/forms/date-bounds.ts';
import type { Lang, SchemaNode } from '../../shared/forms/types.ts';
import { ERAS, toWareki, type Era, type EraKey } from '../../shared/japanese/wareki.ts';

export type EraChoice = EraKey | 'seireki';

/**
 * The eras a question's bounds on today allow (x-date: an adult's birth date is not in 令和), newest
 * first, and the era an empty answer starts in: the one of the latest allowed day (today when
 * unbounded) in Japanese, 西暦 in English.
 */
export function erasFor(schema: SchemaNode, today: string, lang: Lang): { eras: Era[]; emptyEra: EraChoice } {
  const { min, max } = todayLimits(dateRuleOf(schema), today);
  const eras = ERAS.filter((era, i) => {
    const next = ERAS[i - 1];
    return (!max || era.start <= max) && (!min || !next || next.start > min);
  });
  const latest = toWareki(max && max < today ? max : today)?.era.key;
  const emptyEra: EraChoice = lang === 'en' ? 'seireki' : (eras.find((e) => e.key === latest)?.key ?? eras[0]?.key ?? 'seireki');
  return { eras: eras.length > 0 ? eras : [...ERAS], emptyEra };
}
