/**
 * Demo staff accounts, one per role, created only in demo mode (npm start) and removed when the
 * server starts outside demo mode; demo mode itself is refused in production (config.ts). Their
 * passwords are random, made at first start, kept in a file readable only by the server's user
 * (data/demo-logins.json beside the SQLite file) and printed at every start.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import argon2 from 'argon2';
import type { Knex } from 'knex';
import { createAccount } from './accounts.ts';

export const DEMO_ACCOUNTS = [
  { email: 'clerk@demo.koganei.example', role: 'clerk', departmentId: 'kosodate-shien', displayName: '子育て支援課 窓口（デモ）' },
  {
    email: 'supervisor@demo.koganei.example',
    role: 'supervisor',
    departmentId: 'kosodate-shien',
    displayName: '子育て支援課 係長（デモ）',
  },
  // 介護福祉課 reviews 要介護認定 and the signed 更新認定 (電子署名).
  { email: 'kaigo@demo.koganei.example', role: 'clerk', departmentId: 'kaigo-fukushi', displayName: '介護福祉課 窓口（デモ）' },
  { email: 'dx@demo.koganei.example', role: 'dx', departmentId: null, displayName: 'DX推進担当（デモ）' },
  { email: 'admin@demo.koganei.example', role: 'admin', departmentId: null, displayName: '管理者（デモ）' },
] as const;

export type DemoLogin = (typeof DEMO_ACCOUNTS)[number] & { password: string };

const randomPassword = () => `demo-${randomBytes(12).toString('base64url')}`;

function readLogins(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    // A damaged file: new passwords are made and written below.
    return {};
  }
}

/** Creates (or removes, outside demo mode) the demo accounts; returns their logins to print. */
export async function syncDemoAccounts(db: Knex, demoMode: boolean, departments: readonly string[], dataDir: string): Promise<DemoLogin[]> {
  if (!demoMode) {
    await db('staff_users').where('is_demo', true).delete();
    return [];
  }
  const file = path.join(dataDir, 'demo-logins.json');
  const known = readLogins(file);
  const logins: DemoLogin[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const exists = (await db('staff_users').where('email', account.email).first('id')) as { id: number } | undefined;
    let password = known[account.email];
    if (!exists) {
      password ??= randomPassword();
      await createAccount(db, { ...account, password, isDemo: true }, departments);
    } else if (!password) {
      // An account whose password this installation does not know (an older demo): give it a new one.
      password = randomPassword();
      await db('staff_users')
        .where('id', exists.id)
        .update({ password_hash: await argon2.hash(password, { type: argon2.argon2id }) });
    }
    logins.push({ ...account, password });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(Object.fromEntries(logins.map((l) => [l.email, l.password])), null, 2), { mode: 0o600 });
  return logins;
}
