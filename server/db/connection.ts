/**
 * knex connection: PostgreSQL when DATABASE_URL is set, otherwise an embedded SQLite file.
 * SQLite runs in WAL mode with synchronous=FULL, so a submission we acknowledged survives a
 * power cut; foreign keys are enforced on both.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { migrationSource } from '../../migrations/index.ts';

export interface DbOptions {
  DATABASE_URL?: string | undefined;
  SQLITE_PATH: string;
  SQLITE_DRIVER: 'better-sqlite3' | 'sqlite3';
  /** Key of the audit chain (audit/audit-log.ts), carried with the connection so every append has it. */
  AUDIT_KEY?: string | undefined;
}

export type Dialect = 'sqlite' | 'postgres';

/** What the audit log keeps with the connection: the pool (to link entries after commit). */
export interface AuditHandle {
  db?: Knex;
}

export function dialectOf(db: Knex): Dialect {
  return db.client.config.client === 'pg' ? 'postgres' : 'sqlite';
}

const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 5000'];

type SqliteConnection = {
  pragma?: (sql: string) => unknown;
  prepare?: (sql: string) => unknown;
  run?: (sql: string, cb: (err: Error | null) => void) => void;
};

/** Statements kept prepared per better-sqlite3 connection (knex prepares every query again otherwise). */
const STATEMENT_CACHE = 500;

/**
 * knex's better-sqlite3 dialect prepares each query's SQL every time it runs; the same few
 * statements run again and again (a submission's INSERT, its mail, BEGIN and COMMIT), so the
 * connection keeps the last STATEMENT_CACHE of them, least recently used dropped first. SQLite
 * prepares a kept statement again by itself after a schema change.
 */
export function cachePreparedStatements(conn: SqliteConnection): void {
  const prepare = conn.prepare?.bind(conn);
  if (!prepare) return;
  const cache = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    } else cache.delete(sql);
    cache.set(sql, statement);
    return statement;
  };
}

async function applyPragmas(conn: SqliteConnection): Promise<void> {
  for (const pragma of SQLITE_PRAGMAS) {
    if (conn.pragma) conn.pragma(pragma);
    else await new Promise<void>((resolve, reject) => conn.run!(`PRAGMA ${pragma}`, (err) => (err ? reject(err) : resolve())));
  }
}

export function createDb(options: DbOptions): Knex {
  const migrations = { migrationSource, tableName: 'knex_migrations' };
  if (options.DATABASE_URL) {
    const handle: AuditHandle = {};
    const db = knex({
      client: 'pg',
      connection: options.DATABASE_URL,
      pool: { min: 0, max: 10 },
      migrations,
      userParams: { auditKey: options.AUDIT_KEY, audit: handle },
    } as Knex.Config);
    // The audit log links entries after their transaction commits, on the connection pool itself.
    handle.db = db;
    return db;
  }
  mkdirSync(path.dirname(options.SQLITE_PATH), { recursive: true });
  return knex({
    client: options.SQLITE_DRIVER,
    connection: { filename: options.SQLITE_PATH },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) => {
        applyPragmas(conn).then(
          () => {
            cachePreparedStatements(conn);
            done(null, conn);
          },
          (err: Error) => done(err, conn),
        );
      },
    },
    migrations,
    // knex keeps userParams with the client: every query builder and transaction sees them.
    userParams: { auditKey: options.AUDIT_KEY },
  } as Knex.Config);
}

/**
 * Migrates to the latest version. Servers starting together race for knex's migration lock (a row
 * in knex_migrations_lock): one migrates, the others wait for it to finish, then find nothing to do.
 */
export async function migrate(db: Knex, waitMs = 120_000): Promise<void> {
  const until = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    try {
      await db.migrate.latest();
      return;
    } catch (error) {
      // Several servers on an empty database: the others wait for the lock, and one that loses the
      // race to create knex's own tables (duplicate type/table: 23505 on pg_type, 42P07) tries again.
      const code = (error as { code?: string }).code;
      const racing = (error as Error).name === 'MigrationLocked' || code === '23505' || code === '42P07';
      if (!racing || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The column a unique constraint failed on, or null when the error is something else. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23505') return e.constraint ?? '';
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || (e?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/u.test(e.message ?? ''))) {
    return /UNIQUE constraint failed: ([\w.]+)/u.exec(e.message ?? '')?.[1] ?? '';
  }
  return null;
}

/** Timestamps come back as Date (pg) or ISO text (SQLite): always hand out ISO strings. */
export function isoTimestamp(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

/** JSON columns come back parsed (pg jsonb) or as text (SQLite). */
export function jsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
