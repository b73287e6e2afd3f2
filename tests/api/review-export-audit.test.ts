/** CSV export for Excel, and audit-chain tamper detection, through HTTP and the real database. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/audit/audit-log.ts';
import { dialectOf } from '../../server/db/connection.ts';
import { clone, definition, submit } from '../helpers/http.ts';
import type { TestServer } from '../helpers/server.ts';
import { asStaff, startWithClerk, type StaffSession } from '../helpers/staff.ts';

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
    expect(header.slice(0, 7)).toEqual(['受付番号', '手続', '状態', '申請日時', '担当者', '最終状態変更日時', '差戻し理由']);
    // The claimant's answers are prefixed with their step, as a child's are with its list item.
    expect(header).toContain('請求者（受給者）について／氏名');
    expect(header).not.toContain('氏名');
    expect(header).toContain('お子さん（1件目）／氏名');
    expect(header).toContain('お子さん（2件目）／お子さんの住所');
    expect(text).toContain('********9013');
    expect(text).not.toContain('023456789013');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).toContain('平成2年4月1日（1990年4月1日）');
    const exports = await server.testDb.db('audit_log').where('action', 'submission.export');
    expect(JSON.parse(exports.at(-1).details)).toMatchObject({ rows: 2, procedureId: 'kosodate-01' });
  });

  it('gives each date in ISO form beside its 和暦 text (Excel sorts it), the last status change and the reason of the return', async () => {
    const { referenceNumber } = (await submit(server.url, 'kosodate-01', definition('kosodate-01').examples[0])).body;
    const move = (to: string, reason?: string) =>
      asStaff(server, clerk, `/staff/submissions/${referenceNumber}/transitions`, { method: 'POST', json: { to, reason } });
    expect((await move('in_review')).status).toBe(200);
    expect((await move('returned', '口座番号を、通帳のとおりご確認ください。')).status).toBe(200);
    const res = await fetch(`${server.url}/api/staff/export.csv?status=returned&procedure=kosodate-01`, {
      headers: { Cookie: clerk.cookie },
    });
    const [head, row] = (await res.text()).replace(/^\uFEFF/u, '').split('\r\n') as [string, string];
    const header = head.split(',');
    const cells = row.split(',');
    const at = (name: string) => cells[header.indexOf(name)];
    expect(cells[0]).toBe(referenceNumber);
    expect(at('状態')).toBe('差戻し');
    expect(at('差戻し理由')).toBe('口座番号を、通帳のとおりご確認ください。');
    expect(at('最終状態変更日時')).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}:\d{2}$/u);
    const birth = header.indexOf('請求者（受給者）について／生年月日');
    expect(birth).toBeGreaterThan(0);
    expect(header[birth + 1]).toBe('請求者（受給者）について／生年月日（日付）');
    expect(cells[birth]).toBe('平成2年4月1日（1990年4月1日）');
    expect(cells[birth + 1]).toBe('1990-04-01');
    expect(header).toContain('お子さん（1件目）／生年月日（日付）');
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
