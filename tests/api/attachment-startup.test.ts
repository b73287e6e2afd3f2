/** Production start-up refuses to run when the configured virus scanner does not answer. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/database.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.destroy();
});

describe('start-up with a scanner that does not answer', () => {
  it('exits with a message naming CLAMD_URL instead of storing files unscanned', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...testDb.env,
        NODE_ENV: 'production',
        PUBLIC_BASE_URL: 'https://shinsei.city.koganei.example.jp',
        PORT: '0',
        LOG_LEVEL: 'silent',
        APP_SECRET: 'startup-test-secret-startup-test-secret-01',
        CLAMD_URL: `unix:${path.join(ROOT, 'data', 'no-such-clamd.sock')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain('CLAMD_URL: the virus scanner does not answer');
    expect(out).not.toContain('Residents:');
  });
});
