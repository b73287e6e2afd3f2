/** Display formatting used by several pages. */
import { feeRuleText } from '../shared/fees.ts';
import type { FeeDefinition, Lang } from '../shared/forms/types.ts';

export function feeText(fee: FeeDefinition | null, lang: Lang): string | null {
  return feeRuleText(fee, lang);
}

export { formatDateTime } from '../shared/format-datetime.ts';
