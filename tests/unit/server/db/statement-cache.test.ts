import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachePreparedStatements } from '../../../../server/db/connection.ts';

interface Statement {
  run: (...bindings: unknown[]) => unknown;
  all: (...bindings: unknown[]) => unknown[];
}
interface Connection {
  prepare: (sql: string) => Statement;
  exec: (sql: string) => void;
  close: () => void;
}
// better-sqlite3 ships no types; knex uses it the same way.
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Connection;

let dir: string;
let db: Connection;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'statement-cache-'));
  db = new Database(path.join(dir, 'cache.sqlite3'));
  cachePreparedStatements(db as never);
  db.exec('create table t (a integer)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cachePreparedStatements', () => {
  it('gives back the statement already prepared for the same SQL', () => {
    const first = db.prepare('insert into t (a) values (?)');
    expect(db.prepare('insert into t (a) values (?)')).toBe(first);
    first.run(1);
    db.prepare('insert into t (a) values (?)').run(2);
    expect(db.prepare('select a from t order by a').all()).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('keeps at most 500 statements, dropping the least recently used', () => {
    const kept = db.prepare('select 0 as n');
    const dropped = db.prepare('select 1 as n');
    for (let i = 2; i < 501; i += 1) {
      db.prepare(`select ${i} as n`);
      if (i % 100 === 0) db.prepare('select 0 as n'); // used again: kept
    }
    expect(db.prepare('select 0 as n')).toBe(kept);
    expect(db.prepare('select 1 as n')).not.toBe(dropped);
  });

  it('a kept statement still sees the table after a schema change', () => {
    db.prepare('insert into t (a) values (?)').run(1);
    const select = db.prepare('select * from t');
    expect(select.all()).toEqual([{ a: 1 }]);
    db.exec('alter table t add column b text');
    db.prepare('update t set b = ?').run('x');
    expect(db.prepare('select * from t').all()).toEqual([{ a: 1, b: 'x' }]);
  });
});
