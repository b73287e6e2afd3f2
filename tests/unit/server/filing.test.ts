import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { staffFiling } from '../../../server/review/filing.ts';
import { definition } from '../../helpers/http.ts';

// 要介護認定 with filing for someone else allowed (the relation answer says who files).
const care = { ...definition('kaigo-01'), proxy: { relation: '/applicant/relationship', self: 'self' } };
/** Only the counter case reads the clerk's name. */
const db = (() => ({ select: () => ({ where: () => ({ first: async () => ({ display_name: '窓口 さくら' }) }) }) })) as unknown as Knex;
const online = { method: 'oidc', provider: 'https://id.example', assurance: 'high', verifiedAt: '2026-12-02T00:00:00.000Z' };

describe('staff see who filed and how identity was verified', () => {
  it.each([
    ['no sign-in', { channel: 'online', identity: null }, 'オンライン（本人確認なし）', false],
    [
      'a verified sign-in',
      { channel: 'online', identity: JSON.stringify({ ...online, filer: 'self' }) },
      'オンライン（本人確認済みのログイン、保証レベル：high、提供元：https://id.example）',
      true,
    ],
    [
      'a proxy',
      { channel: 'online', identity: { ...online, filer: 'proxy', filerName: '小金井 一郎', relation: 'family' } },
      '代理人 小金井 一郎（続柄：家族）が申請。オンライン（本人確認済みのログイン、保証レベル：high、提供元：https://id.example）',
      true,
    ],
    [
      'a clerk at the counter',
      {
        channel: 'counter-assisted',
        identity: { method: 'counter', document: 'driving-licence', clerkId: 7, verifiedAt: '', filer: 'self' },
      },
      '窓口で職員が代行入力（本人確認書類：運転免許証、担当：窓口 さくら）',
      true,
    ],
    [
      'a clerk at the counter, no document',
      { channel: 'counter-assisted', identity: { method: 'counter', document: null, clerkId: 7, verifiedAt: '', filer: 'self' } },
      '窓口で職員が代行入力（本人確認書類：確認なし、担当：窓口 さくら）',
      false,
    ],
  ])('%s', async (_name, row, ja, verified) => {
    const filing = await staffFiling(db, row, care);
    expect(filing.summary.ja).toBe(ja);
    expect(filing.verified).toBe(verified);
    expect(filing.channel).toBe(row.channel);
  });
});
