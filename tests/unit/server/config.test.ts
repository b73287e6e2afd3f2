import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';

const base = { APP_SECRET: 'x'.repeat(32), SQLITE_PATH: '/tmp/koganei-config-test/db.sqlite3' };

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
