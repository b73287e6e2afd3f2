/**
 * What the security review found (issue 9), each as the behaviour that must hold, on SQLite and on
 * PostgreSQL: hostile text refused at the field, one refused row never fails another resident's
 * submission, CSV cells never become formulas, a stalled mail server stops nothing, nothing
 * personal reaches the log.
 */
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { entryHash, GENESIS, verifyAuditChain } from '../../server/audit/audit-log.ts';
import { verifyAuditLog, writeCheckpoint } from '../../server/audit/checkpoints.ts';
import { createLogger } from '../../server/logger.ts';
import { MailSender } from '../../server/notifications/sender.ts';
import { clone, call, definition, repoDefinitions, submit, testClock } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addStaff, asStaff, login, type StaffSession } from '../helpers/staff.ts';

let server: TestServer;
const clock = testClock();
let clerk: StaffSession;
const example = () => clone(definition('kosodate-01').examples[0]) as any;
const stored = async () => Number(((await server.testDb.db('submissions').count({ n: '*' })) as { n: number | string }[])[0]!.n);

/** Makes the database itself refuse a submission whose answers contain POISON (a row no validator would catch). */
async function poisonTrigger(s: TestServer): Promise<void> {
  const db = s.testDb.db;
  if (s.testDb.kind === 'postgres') {
    await db.raw(`create function poison() returns trigger language plpgsql as $$
      begin if new.answers::text like '%POISON%' then raise exception 'refused: %', new.answers; end if; return new; end $$`);
    await db.raw('create trigger poison before insert on submissions for each row execute function poison()');
  } else {
    await db.raw(
      "create trigger poison before insert on submissions when new.answers like '%POISON%' begin select raise(abort, 'refused by the test trigger'); end",
    );
  }
}

beforeAll(async () => {
  server = await startTestServer({}, { clock: clock.now });
  await addStaff(server, 'clerk@koganei.example', 'clerk', 'kosodate-shien');
  clerk = await login(server, 'clerk@koganei.example');
  await poisonTrigger(server);
});
afterAll(async () => {
  await server.close();
});

describe('text no form produces', () => {
  it.each([
    ['a NUL character', 'x\u0000y'],
    ['a lone surrogate', 'x\ud800'],
    ['a bidi override', '本町\u202E1-2'],
    ['a zero-width space', '本\u200B町'],
    ['another control character', 'a\u0007b'],
  ])('an answer with %s is refused with 422 at its field, and nothing is stored', async (_name, text) => {
    const answers = example();
    answers.claimant.address = text;
    const before = await stored();
    const res = await submit(server.url, 'kosodate-01', answers);
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toContainEqual(expect.objectContaining({ pointer: '/claimant/address', keyword: 'characters' }));
    expect(res.body.error.fields[0].message.ja).toMatch(/文字/u);
    expect(await stored()).toBe(before);
  });

  it('staff notes, sign-in and keys are checked the same way', async () => {
    const ref = (await submit(server.url, 'kosodate-01', example())).body.referenceNumber;
    const note = await asStaff(server, clerk, `/staff/submissions/${ref}/notes`, { method: 'POST', json: { text: 'メモ\u0000' } });
    expect(note.status).toBe(422);
    expect(note.body.error.fields[0].pointer).toBe('/text');
    const signIn = await call(`${server.url}/api/staff/session`, {
      method: 'POST',
      json: { email: 'clerk@koganei.example\u0000', password: 'x' },
    });
    expect(signIn.status).toBe(422);
    expect(signIn.body.error.fields[0].pointer).toBe('/email');
    const key = example();
    key.claimant['\ud800'] = 'x';
    expect((await submit(server.url, 'kosodate-01', key)).status).toBe(422);
  });

  it('a query or path with such text is refused too, before any database sees it', async () => {
    const queue = await asStaff(server, clerk, '/staff/submissions?procedure=%00&q=x');
    expect(queue.status).toBe(422);
    expect(queue.body.error.fields[0]).toMatchObject({ pointer: '/procedure', keyword: 'characters' });
    expect((await call(`${server.url}/api/procedures/kosodate%00-01`)).status).toBe(422);
    expect((await call(`${server.url}/api/receipts/verify/ACD-EFG-HJK%E2%80%AE/abc`)).status).toBe(422);
  });

  it('keys named after Object.prototype members are refused in every object of every definition’s examples', async () => {
    const objects = (value: unknown, path: string[] = []): string[][] =>
      value !== null && typeof value === 'object'
        ? [...(Array.isArray(value) ? [] : [path]), ...Object.entries(value).flatMap(([k, v]) => objects(v, [...path, k]))]
        : [];
    let checked = 0;
    for (const d of repoDefinitions().filter((d) => d.published)) {
      clock.at(d);
      const base = d.examples[0] as Record<string, unknown>;
      for (const path of objects(base)) {
        const key = ['constructor', 'toString', 'valueOf', '__defineGetter__', 'hasOwnProperty'][checked % 5]!;
        const answers = clone(base) as any;
        let target = answers;
        for (const segment of path) target = target[segment];
        target[key] = 'x'.repeat(200);
        const res = await submit(server.url, d.id, answers);
        expect(res.status, `${d.id} ${path.join('/')}`).toBe(422);
        expect(res.body.error.fields).toContainEqual(
          expect.objectContaining({ pointer: `/${[...path, key].join('/')}`, keyword: 'additionalProperties' }),
        );
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('keys named after Object.prototype members are unknown at every level of every definition', async () => {
    for (const key of ['constructor', 'toString', 'valueOf', '__defineGetter__', 'hasOwnProperty']) {
      const answers = example();
      answers.children.list[0][key] = 'x'.repeat(1000);
      const res = await submit(server.url, 'kosodate-01', answers);
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toContainEqual(
        expect.objectContaining({ pointer: `/children/list/0/${key}`, keyword: 'additionalProperties' }),
      );
    }
  });
});

describe('small input, small answer', () => {
  it('a 150 kB list far over its maximum is refused at once with one message, not one per item', async () => {
    const answers = example();
    answers.children.list = Array.from({ length: 3000 }, () => ({ name: 1, birthDate: 'x', extra: 'y'.repeat(20) }));
    const started = Date.now();
    const res = await submit(server.url, 'kosodate-01', answers);
    expect(res.status).toBe(422);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ pointer: '/children/list', keyword: 'maxItems' })]);
  });

  it('reports at most 50 field errors and says how many more there were', async () => {
    const answers = example();
    const item = answers.children.list[0];
    answers.children.list = Array.from({ length: 10 }, () => ({
      ...item,
      name: 1,
      nameKana: 2,
      birthDate: 3,
      relationship: 4,
      livingTogether: 5,
    }));
    // Every answer the resident types (name, date of birth and address come from the sign-in, locked).
    const locked = new Set(['name', 'birthDate', 'address']);
    answers.claimant = Object.fromEntries(Object.entries(answers.claimant).map(([k, v]) => [k, locked.has(k) ? v : 12345]));
    const res = await submit(server.url, 'kosodate-01', answers);
    expect(res.status).toBe(422);
    const fields = res.body.error.fields as { pointer: string; keyword: string; message: { ja: string } }[];
    expect(fields).toHaveLength(51);
    expect(fields.at(-1)).toMatchObject({ keyword: 'more', message: { ja: expect.stringMatching(/^ほかに\d+件の誤りがあります。$/u) } });
    expect(JSON.stringify(res.body).length).toBeLessThan(20_000);
  });
});

describe('group commit', () => {
  it('a row the database refuses fails only its own request: every other submission in the batch is stored', async () => {
    const good = Array.from({ length: 40 }, () => example());
    const bad = Array.from({ length: 4 }, () => {
      const a = example();
      a.account.branchName = 'POISON 小金井支店';
      return a;
    });
    const results = await Promise.all([...good, ...bad].map((a) => submit(server.url, 'kosodate-01', a)));
    const statuses = results.map((r) => r.status);
    expect(statuses.slice(0, 40)).toEqual(Array(40).fill(201));
    expect(statuses.slice(40)).toEqual(Array(4).fill(500));
    for (const r of results.slice(40)) expect(r.body.error.code).toBe('INTERNAL');
    const refs = results.slice(0, 40).map((r) => r.body.referenceNumber);
    const [row] = (await server.testDb.db('submissions').whereIn('reference_number', refs).count({ n: '*' })) as { n: number | string }[];
    expect(Number(row!.n)).toBe(40);
  });
});

describe('abuse is bounded', () => {
  it('submissions and form starts are limited per address; what is refused is not stored or counted', async () => {
    const limited = await startTestServer({ SUBMISSIONS_PER_WINDOW: '3', FORM_STARTS_PER_WINDOW: '2' });
    try {
      const filed = [];
      for (let i = 0; i < 5; i += 1) filed.push(await submit(limited.url, 'kosodate-01', example()));
      expect(filed.map((r) => r.status)).toEqual([201, 201, 201, 429, 429]);
      expect(filed[3]!.body.error.code).toBe('RATE_LIMITED');
      const [row] = (await limited.testDb.db('submissions').count({ n: '*' })) as { n: number | string }[];
      expect(Number(row!.n)).toBe(3);
      const starts = [];
      for (let i = 0; i < 4; i += 1)
        starts.push((await call(`${limited.url}/api/procedures/kosodate-01/starts`, { method: 'POST' })).status);
      expect(starts).toEqual([204, 204, 429, 429]);
      const counted = await limited.testDb.db('form_starts').where('procedure_id', 'kosodate-01').sum({ n: 'n' });
      expect(Number((counted[0] as { n: number | string }).n)).toBe(2);
    } finally {
      await limited.close();
    }
  });
});

describe('CSV exports', () => {
  it('a line break inside an answer stays inside its cell, and no line of any cell starts a formula', async () => {
    const answers = example();
    // Answers the resident types (the name and address come from the sign-in).
    answers.account.branchName = "本町1\n=cmd|' /C calc'!A0";
    answers.account.bankName = '@SUM(1+1)';
    const filed = await submit(server.url, 'kosodate-01', answers);
    expect(filed.status).toBe(201);
    const res = await asStaff(server, clerk, '/staff/export.csv?procedure=kosodate-01');
    expect(res.status).toBe(200);
    const rows = parse(String(res.body).replace(/^\uFEFF/u, ''), { relax_column_count: false }) as string[][];
    const header = rows[0]!;
    const mine = rows.find((r) => r[0] === filed.body.referenceNumber)!;
    expect(mine).toHaveLength(header.length);
    expect(mine.filter((cell) => cell.includes('calc'))).toEqual(["本町1\n'=cmd|' /C calc'!A0"]);
    expect(mine.filter((cell) => cell.includes('SUM'))).toEqual(["'@SUM(1+1)"]);
    for (const row of rows) for (const cell of row) for (const line of cell.split(/\r\n|\n|\r/u)) expect(line).not.toMatch(/^[=+\-@\t]/u);
  });
});

describe('a stalled mail server', () => {
  it('holds no database connection: submissions and /healthz answer within a second while it stalls', async () => {
    const sockets: Socket[] = [];
    const stalled: Server = createServer((socket) => void sockets.push(socket)); // accepts, never greets
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', () => resolve()));
    const port = (stalled.address() as { port: number }).port;
    await submit(server.url, 'kosodate-01', example()); // a receipt mail is due
    const sender = new MailSender(server.testDb.db, `smtp://127.0.0.1:${port}`, 'no-reply@koganei.example', createLogger('silent'), 3_000);
    const sending = sender.tick(1);
    await expect.poll(() => sockets.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const started = Date.now();
    const [health, filed] = await Promise.all([call(`${server.url}/healthz`), submit(server.url, 'kosodate-01', example())]);
    expect(health.status).toBe(200);
    expect(filed.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await sending).toBe(0); // the send timed out and is retried later
    for (const s of sockets) s.destroy();
    stalled.close();
  });
});

describe('the log', () => {
  it('a database error is logged without the answers it was about', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = createApp({ config: server.config, db: server.testDb.db, catalog: server.catalog, logger: createLogger('info', sink) });
    const local = await new Promise<HttpServer>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const answers = example();
    answers.account.branchName = 'POISON 本町支店';
    const res = await submit(`http://127.0.0.1:${(local.address() as { port: number }).port}`, 'kosodate-01', answers);
    local.closeAllConnections();
    await new Promise((resolve) => local.close(resolve));
    expect(res.status).toBe(500);
    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain(res.body.error.requestId);
    // Structured: one JSON object a line, each naming this server; the request's lines name the request.
    const entries = lines
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { serverId?: string; requestId?: string; msg?: string });
    expect(entries.every((e) => e.serverId === server.config.SERVER_ID)).toBe(true);
    expect(entries.find((e) => e.msg === 'unhandled error')?.requestId).toBe(res.body.error.requestId);
    for (const value of ['023456789013', '小金井 太郎', 'POISON', '1234567', 'taro@example.jp']) expect(log).not.toContain(value);
  });
});

describe('the audit log proves what it claims', () => {
  const dropTriggers = async (db: Knex, kind: string) => {
    if (kind === 'postgres') {
      await db.raw('alter table audit_log disable trigger user');
    } else {
      await db.raw('drop trigger if exists audit_log_no_update');
      await db.raw('drop trigger if exists audit_log_no_delete');
    }
  };

  it('a row forged with the database’s credentials but without the audit key is found', async () => {
    const own = await startTestServer();
    try {
      const db = own.testDb.db;
      await login(own, (await addStaff(own, 'a@koganei.example', 'clerk', 'kosodate-shien')).email);
      const last = await db('audit_log').orderBy('id', 'desc').first();
      const row = {
        at: new Date().toISOString(),
        actor_type: 'staff',
        actor_id: '1',
        action: 'staff.login',
        target: null,
        address: '203.0.113.5',
        details: '{}',
      };
      // Chained the way the code chains, but with no key: plain SHA-256, marked keyed or not.
      await db('audit_log').insert({ ...row, prev_hash: last.hash, hash: entryHash(last.hash, row, null), keyed: true });
      const forged = await verifyAuditChain(db);
      expect(forged).toMatchObject({ ok: false, brokenAt: { reason: expect.stringContaining('without the audit key') } });
    } finally {
      await own.close();
    }
  });

  it('a chain rewritten after dropping the triggers, or emptied, is found by the checkpoints kept outside the database', async () => {
    const own = await startTestServer();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'audit-')), 'checkpoints.jsonl');
    try {
      const db = own.testDb.db;
      await login(own, (await addStaff(own, 'b@koganei.example', 'clerk', 'kosodate-shien')).email);
      await login(own, 'b@koganei.example');
      expect(await writeCheckpoint(db, file)).toMatchObject({ rows: expect.any(Number) });
      expect(await verifyAuditLog(db, file)).toMatchObject({ ok: true, checkpoints: 1 });
      // Rewrite: edit a row and re-chain everything as if from before the key (the only chain one can compute without it).
      await dropTriggers(db, own.testDb.kind);
      const rows = await db('audit_log').orderBy('id');
      let prev = GENESIS;
      for (const r of rows) {
        const edited = { ...r, at: new Date(r.at).toISOString(), address: r.id === rows[0].id ? '198.51.100.1' : r.address };
        const hash = entryHash(prev, edited, null);
        await db('audit_log').where('id', r.id).update({ address: edited.address, prev_hash: prev, hash, keyed: false });
        prev = hash;
      }
      expect((await verifyAuditChain(db)).ok).toBe(true); // the chain alone cannot tell
      expect(await verifyAuditLog(db, file)).toMatchObject({ ok: false, reason: expect.stringContaining('no longer in the log') });
      // Emptied.
      await db('audit_log').delete();
      expect(await verifyAuditLog(db, file)).toMatchObject({ ok: false, reason: expect.stringContaining('no longer in the log') });
      // And the checkpoint file itself cannot be edited to match.
      const [line] = readFileSync(file, 'utf8').trim().split('\n');
      writeFileSync(file, `${JSON.stringify({ ...JSON.parse(line!), rows: 0 })}\n`);
      expect(await verifyAuditLog(db, file)).toMatchObject({ ok: false, reason: expect.stringContaining('not signed') });
    } finally {
      await own.close();
    }
  });

  it('TRUNCATE is refused on PostgreSQL, and UPDATE and DELETE on both databases', async () => {
    const db = server.testDb.db;
    if (server.testDb.kind === 'postgres') await expect(db.raw('truncate audit_log')).rejects.toThrow(/append-only/u);
    await expect(db('audit_log').delete()).rejects.toThrow(/append-only/u);
    await expect(db('audit_log').update({ action: 'x' })).rejects.toThrow(/append-only/u);
  });
});

describe('the rest of the list', () => {
  it.each([
    ['gzip', 'not gzip at all'],
    ['deflate', 'not deflate'],
    ['br', 'x'],
    ['x-unknown', '{}'],
  ])('a body with a malformed Content-Encoding (%s) is a 4xx with the error envelope, never a 500', async (encoding, body) => {
    const res = await call(`${server.url}/api/procedures/kosodate-01/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
      body,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(typeof res.body.error.code).toBe('string');
  });

  it('no response carries SQL or database text, even when the database refuses something', async () => {
    await addStaff(server, 'admin@koganei.example', 'admin');
    const admin = await login(server, 'admin@koganei.example');
    const account = { email: 'twice@koganei.example', password: 'a long enough password', role: 'dx' };
    expect((await asStaff(server, admin, '/staff/accounts', { method: 'POST', json: account })).status).toBe(201);
    const again = await asStaff(server, admin, '/staff/accounts', { method: 'POST', json: account });
    expect(again.status).toBe(422);
    const poisoned = example();
    poisoned.account.branchName = 'POISON';
    const refused = await submit(server.url, 'kosodate-01', poisoned);
    for (const res of [again, refused])
      expect(JSON.stringify(res.body)).not.toMatch(
        /insert into|select |update |constraint|duplicate key|SQLITE|syntax|relation|returning/iu,
      );
  });
});
