/**
 * Demo staff accounts, one per role, created only in demo mode (npm start) and removed when the
 * server starts outside demo mode. Their passwords are printed at start-up.
 */
import type { Knex } from 'knex';
import { createAccount } from './accounts.ts';

export const DEMO_ACCOUNTS = [
  { email: 'clerk@demo.koganei.example', password: 'demo-clerk-2026', role: 'clerk', departmentId: 'kosodate-shien', displayName: '子育て支援課 窓口（デモ）' },
  { email: 'supervisor@demo.koganei.example', password: 'demo-supervisor-2026', role: 'supervisor', departmentId: 'kosodate-shien', displayName: '子育て支援課 係長（デモ）' },
  { email: 'dx@demo.koganei.example', password: 'demo-dx-office-2026', role: 'dx', departmentId: null, displayName: 'DX推進担当（デモ）' },
  { email: 'admin@demo.koganei.example', password: 'demo-admin-2026!', role: 'admin', departmentId: null, displayName: '管理者（デモ）' },
] as const;

export async function syncDemoAccounts(db: Knex, demoMode: boolean, departments: readonly string[]): Promise<typeof DEMO_ACCOUNTS | []> {
  if (!demoMode) {
    await db('staff_users').where('is_demo', true).delete();
    return [];
  }
  for (const account of DEMO_ACCOUNTS) {
    const exists = await db('staff_users').where('email', account.email).first();
    if (!exists) await createAccount(db, { ...account, isDemo: true }, departments);
  }
  return DEMO_ACCOUNTS;
}
