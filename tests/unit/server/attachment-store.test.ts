import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rechunk } from '../../../server/attachments/store.ts';

async function* pieces(sizes: number[], data: Buffer) {
  let at = 0;
  for (const s of sizes) {
    yield data.subarray(at, at + s);
    at += s;
  }
}

describe('rechunk', () => {
  it('cuts any stream of pieces into chunks of exactly the size, the last shorter, with every byte in order', async () => {
    for (const sizes of [
      [10],
      [3, 3, 3, 3],
      [1, 25, 0, 7, 40],
      [64],
      [16, 16, 16, 16, 1],
      Array.from({ length: 50 }, (_, i) => (i * 7) % 13),
    ]) {
      const total = sizes.reduce((a, b) => a + b, 0);
      const data = randomBytes(total);
      const out: Buffer[] = [];
      for await (const c of rechunk(pieces(sizes, data), 16)) out.push(Buffer.from(c));
      expect(Buffer.concat(out).equals(data)).toBe(true);
      expect(out.slice(0, -1).every((c) => c.length === 16)).toBe(true);
      expect(out.at(-1)?.length ?? 0).toBeLessThanOrEqual(16);
      expect(out.every((c) => c.length > 0)).toBe(true);
    }
  });
});
