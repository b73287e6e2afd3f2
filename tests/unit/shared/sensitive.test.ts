import { describe, expect, it } from 'vitest';
import { mergeSensitive, splitSensitive } from '../../../shared/forms/sensitive.ts';
import type { SchemaNode } from '../../../shared/forms/types.ts';

const schema: SchemaNode = {
  type: 'object',
  properties: {
    claimant: { type: 'object', properties: { name: { type: 'string' }, myNumber: { type: 'string', format: 'jp-my-number' } } },
    children: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, myNumber: { type: 'string', format: 'jp-my-number' } } },
    },
    account: { type: 'object', properties: { bank: { type: 'string' }, number: { type: 'string', 'x-sensitive': true } } },
  },
};

describe('sensitive answers', () => {
  const answers = {
    claimant: { name: '小金井 太郎', myNumber: '023456789013' },
    children: [{ name: '一郎', myNumber: '123456789018' }, { name: '次郎' }],
    account: { bank: 'むさし野銀行', number: '1234567' },
  };

  it('are taken out of what is kept for days, by pointer, inside lists too', () => {
    const { kept, sensitive } = splitSensitive(schema, answers);
    expect(JSON.stringify(kept)).not.toMatch(/023456789013|123456789018|1234567/u);
    expect(kept).toEqual({
      claimant: { name: '小金井 太郎' },
      children: [{ name: '一郎' }, { name: '次郎' }],
      account: { bank: 'むさし野銀行' },
    });
    expect(sensitive).toEqual({
      '/claimant/myNumber': '023456789013',
      '/children/0/myNumber': '123456789018',
      '/account/number': '1234567',
    });
  });

  it('are put back where they were, and only where the answers still have a place for them', () => {
    const { kept, sensitive } = splitSensitive(schema, answers);
    expect(mergeSensitive(kept, sensitive)).toEqual(answers);
    expect(mergeSensitive({ claimant: { name: 'x' } }, sensitive)).toEqual({ claimant: { name: 'x', myNumber: '023456789013' } });
  });
});
