import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';

const base = {
  APP_SECRET: 'x'.repeat(32),
  SQLITE_PATH: '/tmp/koganei-config-test/db.sqlite3',
  PUBLIC_BASE_URL: 'https://shinsei.city.koganei.example.jp',
};

describe('payment settings', () => {
  it('without Stripe keys, fees are paid at the counter (no gateway)', () => {
    const c = loadConfig(base);
    expect(c.STRIPE_SECRET_KEY).toBeUndefined();
    expect(c.STRIPE_PAYMENT_METHODS).toEqual(['card']);
  });
  it('needs both the secret key and the webhook signing secret, or neither', () => {
    expect(() => loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow(/STRIPE_WEBHOOK_SECRET/u);
    expect(() => loadConfig({ ...base, STRIPE_WEBHOOK_SECRET: 'whsec_1' })).toThrow(ConfigError);
    expect(
      loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1', STRIPE_PAYMENT_METHODS: 'card, konbini' })
        .STRIPE_PAYMENT_METHODS,
    ).toEqual(['card', 'konbini']);
  });
  it('refuses unknown payment methods and a stand-in Stripe in production', () => {
    expect(() => loadConfig({ ...base, STRIPE_PAYMENT_METHODS: 'card,paypay' })).toThrow(/STRIPE_PAYMENT_METHODS/u);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', STRIPE_API_BASE: 'http://127.0.0.1:1' })).toThrow(/STRIPE_API_BASE/u);
    expect(() => loadConfig({ ...base, CHECKOUT_EXPIRES_MINUTES: '10' })).toThrow(/CHECKOUT_EXPIRES_MINUTES/u);
  });
});

describe('attachment scanning', () => {
  it('production scans uploads with clamd: without CLAMD_URL it refuses to start unless ATTACHMENT_SCAN=off is said explicitly', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/CLAMD_URL/u);
    expect(loadConfig({ ...base, NODE_ENV: 'production', ATTACHMENT_SCAN: 'off' }).ATTACHMENT_SCAN).toBe('off');
    expect(loadConfig({ ...base, NODE_ENV: 'production', CLAMD_URL: 'tcp://127.0.0.1:3310' }).ATTACHMENT_SCAN).toBe('on');
  });
  it('elsewhere scanning is on when clamd is configured, off otherwise (the demo marks files 未検査)', () => {
    expect(loadConfig(base).ATTACHMENT_SCAN).toBe('off');
    expect(loadConfig({ ...base, CLAMD_URL: 'unix:/run/clamav/clamd.ctl' }).ATTACHMENT_SCAN).toBe('on');
    expect(() => loadConfig({ ...base, ATTACHMENT_SCAN: 'on' })).toThrow(/CLAMD_URL/u);
    expect(() => loadConfig({ ...base, CLAMD_URL: 'http://clamd' })).toThrow(/CLAMD_URL/u);
  });
});

describe('the staff second factor', () => {
  const production = { ...base, NODE_ENV: 'production', CLAMD_URL: 'unix:/run/clamav/clamd.ctl' };
  it('is required in production, where optional is refused; optional elsewhere unless set', () => {
    expect(loadConfig(production).STAFF_MFA).toBe('required');
    expect(() => loadConfig({ ...production, STAFF_MFA: 'optional' })).toThrow(/STAFF_MFA/u);
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).STAFF_MFA).toBe('optional');
    expect(loadConfig({ ...base, STAFF_MFA: 'required' }).STAFF_MFA).toBe('required');
    expect(() => loadConfig({ ...base, STAFF_MFA: 'sometimes' })).toThrow(ConfigError);
  });
  it('derives a 256-bit key for the TOTP secrets from APP_SECRET, not the audit key', () => {
    const c = loadConfig(base);
    expect(c.MFA_KEY).toHaveLength(32);
    expect(loadConfig({ ...base, APP_SECRET: 'y'.repeat(32) }).MFA_KEY.equals(c.MFA_KEY)).toBe(false);
    expect(c.STAFF_IDLE_MINUTES).toBe(30);
  });
});

describe('the public address', () => {
  const production = { ...base, NODE_ENV: 'production', CLAMD_URL: 'unix:/run/clamav/clamd.ctl' };
  it('is required in production as an https address that is not this machine: receipts, mails and sign-in carry it', () => {
    const { PUBLIC_BASE_URL: _unset, ...withoutAddress } = production;
    expect(() => loadConfig(withoutAddress)).toThrow(/PUBLIC_BASE_URL/u);
    expect(() => loadConfig({ ...production, PUBLIC_BASE_URL: 'http://shinsei.city.koganei.example.jp' })).toThrow(/PUBLIC_BASE_URL/u);
    expect(() => loadConfig({ ...production, PUBLIC_BASE_URL: 'https://127.0.0.1:3000' })).toThrow(/PUBLIC_BASE_URL/u);
    expect(loadConfig(production).PUBLIC_BASE_URL).toBe('https://shinsei.city.koganei.example.jp');
    expect(loadConfig({ ...base, PUBLIC_BASE_URL: 'http://localhost:3000' }).PUBLIC_BASE_URL).toBe('http://localhost:3000');
  });
});
