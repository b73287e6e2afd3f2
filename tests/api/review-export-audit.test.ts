/** CSV export for Excel, and audit-chain tamper detection, through HTTP and the real database. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/audit/audit-log.ts';
import { dialectOf } from '../../server/db/connection.ts';
import { clone, definition, submit } from '../helpers/http.ts';
import type { TestServer } from '../helpers/server.ts';
import { startWithClerk, type StaffSession } from '../helpers/staff.ts';

// Not execFileSync: the script waits for the chain's lock, and this process must stay free to commit
// the linking transaction it may hold (the audit entries of the requests above are linked after commit).
const run = promisify(execFile);

let server: TestServer;
let clerk: StaffSession;
beforeAll(async () => {
  ({ server, clerk } = await startWithClerk());
});
afterAll(async () => {
  await server.close();
});

describe('CSV export', () => {
  it('is UTF-8 with BOM and CRLF, one column per answer with its Japanese label, lists flattened, 個人番号 masked, formulas neutralised, and audited', async () => {
    const answers = clone(definition('kosodate-01').examples[0]) as any;
    answers.account.bankName = '=HYPERLINK("http://evil.example","x")'; // typed by the resident (the name is verified)
    await submit(server.url, 'kosodate-01', answers);
    await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0]);
    const res = await fetch(`${server.url}/api/staff/export.csv?status=submitted&procedure=kosodate-01`, {
      headers: { Cookie: clerk.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="?kosodate-01-\d{4}-\d{2}-\d{2}\.csv"?/u);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 5)).toEqual(['受付番号', '手続', '状態', '申請日時', '担当者']);
    expect(header).toContain('氏名');
    expect(header).toContain('お子さん（1件目）／氏名');
    expect(header).toContain('お子さん（2件目）／お子さんの住所');
    expect(text).toContain('********9013');
    expect(text).not.toContain('023456789013');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).toContain('平成2年4月1日（1990年4月1日）');
    const exports = await server.testDb.db('audit_log').where('action', 'submission.export');
    expect(JSON.parse(exports.at(-1).details)).toMatchObject({ rows: 2, procedureId: 'kosodate-01' });
  });
});

describe('audit chain', () => {
  it('npm run audit:verify passes, then finds a row edited behind the triggers’ back', async () => {
    const env = { ...process.env, ...server.testDb.env, APP_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' };
    const { stdout: ok } = await run('npx', ['tsx', 'scripts/audit-verify.ts'], { env, encoding: 'utf8' });
    expect(ok).toMatch(/audit log OK: \d+ entries/u);

    const db = server.testDb.db;
    const victim = await db('audit_log').orderBy('id').offset(1).first();
    if (dialectOf(db) === 'postgres') {
      await db.raw('alter table audit_log disable trigger audit_log_no_change');
      await db('audit_log').where('id', victim.id).update({ address: '203.0.113.9' });
      await db.raw('alter table audit_log enable trigger audit_log_no_change');
    } else {
      await db.raw('drop trigger audit_log_no_update');
      await db('audit_log').where('id', victim.id).update({ address: '203.0.113.9' });
    }
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      brokenAt: { id: String(victim.id), reason: expect.stringContaining('edited') },
    });
    let failed: { code?: number; stderr?: string } = {};
    try {
      await run('npx', ['tsx', 'scripts/audit-verify.ts'], { env, encoding: 'utf8' });
    } catch (error) {
      failed = error as typeof failed;
    }
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`BROKEN at entry ${victim.id}`);
  });
});
