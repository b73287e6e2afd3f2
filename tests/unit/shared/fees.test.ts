import { describe, expect, it } from 'vitest';
import { feeDue, feeDueText, feeRuleText } from '../../../shared/fees.ts';
import type { FeeDefinition } from '../../../shared/forms/types.ts';

const perCopy: FeeDefinition = {
  payment: 'on_submission',
  yen: 300,
  per: { label: { ja: '1通', en: 'copy' }, quantityPointer: '/certificate/copies' },
};
const fixed: FeeDefinition = { payment: 'on_submission', yen: 200 };
const afterReview: FeeDefinition = { payment: 'after_review', note: { ja: '審査の後にお知らせします', en: 'After review' } };

describe('fees', () => {
  it('computes copies x unit price in integer yen', () => {
    expect(feeDue(perCopy, { certificate: { copies: 2 } })).toEqual({ yen: 600, unitYen: 300, quantity: 2 });
    expect(feeDueText(perCopy, feeDue(perCopy, { certificate: { copies: 2 } })!, 'ja')).toBe('300円 × 2通 = 600円');
    expect(feeDueText(perCopy, feeDue(perCopy, { certificate: { copies: 2 } })!, 'en')).toBe('¥300 per copy × 2 = ¥600');
  });
  it('a fixed fee is its amount, whatever the answers', () => {
    expect(feeDue(fixed, {})).toEqual({ yen: 200, unitYen: 200, quantity: 1 });
    expect(feeRuleText(fixed, 'ja')).toBe('200円');
    expect(feeRuleText(perCopy, 'ja')).toBe('1通につき300円');
    expect(feeRuleText(perCopy, 'en')).toBe('¥300 per copy');
  });
  it('a fee set after review is not due at submission', () => {
    expect(feeDue(afterReview, { anything: 1 })).toBeNull();
    expect(feeRuleText(afterReview, 'ja')).toBe('審査の後にお知らせします');
    expect(feeDue(null, {})).toBeNull();
  });
});
