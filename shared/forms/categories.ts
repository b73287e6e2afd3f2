import type { LocalizedText } from './types.ts';

/** Life events / categories the home page groups procedures by, in display order. */
export const CATEGORIES: readonly { id: string; label: LocalizedText }[] = [
  { id: 'pregnancy-birth', label: { ja: '妊娠・出産', en: 'Pregnancy and birth' } },
  { id: 'childcare', label: { ja: '子育て', en: 'Raising children' } },
  { id: 'care', label: { ja: '介護・高齢者', en: 'Long-term care and older people' } },
  { id: 'certificates', label: { ja: '住民票・証明書', en: 'Residence records and certificates' } },
  { id: 'disaster', label: { ja: '災害・被災者支援', en: 'Disasters and support for victims' } },
  { id: 'living', label: { ja: 'くらし・ごみ', en: 'Daily life and waste' } },
];

export const CATEGORY_IDS = CATEGORIES.map((c) => c.id);
