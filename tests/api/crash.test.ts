/**
 * Durability under a crash (issue 9): the real server process is killed with SIGKILL in the middle
 * of a burst of submissions. Every submission it acknowledged (201) must be in the database when
 * it is opened again; nothing half-written may be there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, submit } from '../helpers/http.ts';
import { createTestDb, type TestDb } from '../helpers/database.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.destroy();
});

/** The production entry point in its own process; resolves with its address once it listens. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...testDb.env,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      APP_SECRET: 'crash-test-secret-crash-test-secret-0123',
      SUBMISSIONS_PER_WINDOW: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /Residents:\s+(http:\/\/[^\s/]+)/u.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
  });
}

describe('a crash during a burst of submissions', () => {
  it('loses no acknowledged submission', { timeout: 180_000 }, async () => {
    const { child, url } = await startServer();
    const acknowledged: string[] = [];
    let failed = 0;
    // 罹災証明書 is filed without sign-in (this server runs no identity provider); its mail address gets the receipt.
    const answers = structuredClone(definition('hisai-01').examples[0]) as { applicant: Record<string, unknown> };
    answers.applicant.email = 'nakacho@example.jp';
    // Clients keep submitting; the server is killed once some have been acknowledged.
    const clients = Array.from({ length: 20 }, async () => {
      for (let i = 0; i < 200; i += 1) {
        try {
          const res = await submit(url, 'hisai-01', answers);
          if (res.status === 201) acknowledged.push(res.body.referenceNumber as string);
        } catch {
          failed += 1; // the connection died with the server
          return;
        }
      }
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Kill it once 100 are acknowledged (the clients keep going meanwhile).
    await expect.poll(() => acknowledged.length, { timeout: 60_000, interval: 5 }).toBeGreaterThanOrEqual(100);
    child.kill('SIGKILL');
    await exited;
    await Promise.all(clients);
    expect(failed).toBeGreaterThan(0); // it really died mid-burst
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);

    const stored = new Set(
      ((await testDb.db('submissions').select('reference_number')) as { reference_number: string }[]).map((r) => r.reference_number),
    );
    const lost = acknowledged.filter((ref) => !stored.has(ref));
    expect(lost).toEqual([]);
    // Each stored submission has its receipt mail: the two were committed together.
    const [mails] = (await testDb.db('mail_outbox').count({ n: '*' })) as { n: number | string }[];
    expect(Number(mails!.n)).toBe(stored.size);
  });
});
