import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.ts';

describe('migrations', () => {
  it('lists every timestamped migration file, in order, each with up and down', () => {
    const files = readdirSync(path.resolve(import.meta.dirname, '../../../migrations'))
      .filter((f) => /^\d{14}_.+\.ts$/u.test(f))
      .map((f) => f.replace(/\.ts$/u, ''));
    expect(Object.keys(MIGRATIONS)).toEqual(files.sort());
    for (const m of Object.values(MIGRATIONS)) {
      expect(typeof m.up).toBe('function');
      expect(typeof m.down).toBe('function');
    }
  });
});
