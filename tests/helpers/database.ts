/**
 * A real, empty, migrated database for one test file: a SQLite file in a temp folder, or, when
 * DATABASE_URL is set, a new PostgreSQL database created for the file and dropped after it.
 * When DATABASE_URL is set and PostgreSQL cannot be reached, this throws: tests fail, never skip.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { createDb, migrate } from '../../server/db/connection.ts';

/** The audit chain's key in tests (the app's config and the CLI get it through `env`). */
export const TEST_AUDIT_SECRET = 'test-audit-secret-test-audit-secret-0123';

export interface TestDb {
  db: Knex;
  kind: 'sqlite' | 'postgres';
  /** What the app's config needs to reach the same database. */
  env: { DATABASE_URL?: string; SQLITE_PATH: string; SQLITE_DRIVER?: string; AUDIT_SECRET: string };
  destroy: () => Promise<void>;
}

export async function createTestDb(options: { sqliteDriver?: 'better-sqlite3' | 'sqlite3'; sqliteOnly?: boolean } = {}): Promise<TestDb> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl && !options.sqliteOnly) {
    const name = `kp_test_${randomBytes(6).toString('hex')}`;
    const admin = knex({ client: 'pg', connection: baseUrl, pool: { min: 0, max: 1 } });
    try {
      await admin.raw(`CREATE DATABASE ${name}`);
    } finally {
      await admin.destroy();
    }
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const db = createDb({ DATABASE_URL: url.toString(), SQLITE_PATH: '', SQLITE_DRIVER: 'better-sqlite3', AUDIT_KEY: TEST_AUDIT_SECRET });
    await migrate(db);
    return {
      db,
      kind: 'postgres',
      env: { DATABASE_URL: url.toString(), SQLITE_PATH: '', AUDIT_SECRET: TEST_AUDIT_SECRET },
      destroy: async () => {
        await db.destroy();
        const again = knex({ client: 'pg', connection: baseUrl, pool: { min: 0, max: 1 } });
        await again.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.destroy();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'koganei-test-'));
  const file = path.join(dir, 'test.sqlite3');
  const db = createDb({ SQLITE_PATH: file, SQLITE_DRIVER: options.sqliteDriver ?? 'better-sqlite3', AUDIT_KEY: TEST_AUDIT_SECRET });
  await migrate(db);
  return {
    db,
    kind: 'sqlite',
    env: { SQLITE_PATH: file, SQLITE_DRIVER: options.sqliteDriver ?? 'better-sqlite3', AUDIT_SECRET: TEST_AUDIT_SECRET },
    destroy: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
