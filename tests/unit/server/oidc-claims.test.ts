/** The 基本4情報 read from a provider's claims under the names the city configures (OIDC_CLAIM_*). */
import { describe, expect, it } from 'vitest';
import { attributesFrom } from '../../../server/residents/oidc-client.ts';

describe('claims to verified attributes', () => {
  it('reads the 基本4情報 under the configured claim names, in the shapes providers send them', () => {
    const names = { name: 'jp_name', address: 'jp_address', birthDate: 'dob', sex: 'jp_sex', assurance: 'acr' };
    const claims = {
      jp_name: '小金井　花子',
      jp_address: { formatted: '東京都小金井市本町六丁目6番3号' },
      dob: '1992-05-14',
      jp_sex: 'female',
      // Standard names are not read when the city named others.
      name: '別人',
      birthdate: '2000-01-01',
    };
    expect(attributesFrom(claims, names)).toEqual({
      name: '小金井 花子',
      address: '東京都小金井市本町六丁目6番3号',
      birthDate: '1992-05-14',
      sex: 'female',
    });
  });

  it('leaves out what the provider did not send, or sent in a shape that cannot be read', () => {
    const names = { name: 'name', address: 'address', birthDate: 'birthdate', sex: 'gender', assurance: 'acr' };
    expect(attributesFrom({ name: 42, birthdate: 'yesterday' }, names)).toEqual({});
  });
});
