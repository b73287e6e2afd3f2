import { describe, expect, it } from 'vitest';
import { depthExceeds } from '../../../server/http/json-body.ts';

describe('depthExceeds', () => {
  it('measures nesting without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(depthExceeds(deep, 32)).toBe(true);
    expect(depthExceeds({ a: { b: [1, 2, { c: 3 }] } }, 4)).toBe(false);
    expect(depthExceeds({ a: { b: [1, 2, { c: {} }] } }, 4)).toBe(true);
  });
});
