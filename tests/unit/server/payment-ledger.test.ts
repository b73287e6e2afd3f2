import { describe, expect, it } from 'vitest';
import { advances, derivePaymentStatus, refundAdvances, type Ledger } from '../../../server/payments/ledger.ts';

const ledger = (l: Partial<Ledger>): Ledger => ({ feeYen: 600, attempts: [], refunds: [], ...l });

describe('payment status is derived from attempts and refunds', () => {
  it.each([
    ['no fee', ledger({ feeYen: null }), null],
    ['nothing tried', ledger({}), 'unpaid'],
    ['a checkout open', ledger({ attempts: [{ status: 'open', amountYen: 600 }] }), 'pending'],
    ['a konbini voucher waiting', ledger({ attempts: [{ status: 'pending', amountYen: 600 }] }), 'pending'],
    ['an expired session', ledger({ attempts: [{ status: 'expired', amountYen: 600 }] }), 'unpaid'],
    [
      'the last attempt failed',
      ledger({
        attempts: [
          { status: 'expired', amountYen: 600 },
          { status: 'failed', amountYen: 600 },
        ],
      }),
      'failed',
    ],
    [
      'paid',
      ledger({
        attempts: [
          { status: 'failed', amountYen: 600 },
          { status: 'paid', amountYen: 600 },
        ],
      }),
      'paid',
    ],
    [
      'part refunded',
      ledger({ attempts: [{ status: 'paid', amountYen: 600 }], refunds: [{ status: 'succeeded', amountYen: 300 }] }),
      'partially_refunded',
    ],
    [
      'a refund asked of Stripe counts',
      ledger({ attempts: [{ status: 'paid', amountYen: 600 }], refunds: [{ status: 'requested', amountYen: 600 }] }),
      'refunded',
    ],
    [
      'a failed refund does not count',
      ledger({ attempts: [{ status: 'paid', amountYen: 600 }], refunds: [{ status: 'failed', amountYen: 600 }] }),
      'paid',
    ],
    [
      'all refunded in two',
      ledger({
        attempts: [{ status: 'paid', amountYen: 600 }],
        refunds: [
          { status: 'succeeded', amountYen: 300 },
          { status: 'pending', amountYen: 300 },
        ],
      }),
      'refunded',
    ],
  ] as const)('%s', (_name, l, expected) => {
    expect(derivePaymentStatus(l as Ledger)).toBe(expected);
  });
});

describe('attempts and refunds only move forward, so late and duplicate events cannot undo a payment', () => {
  it('an attempt', () => {
    expect(advances('open', 'paid')).toBe(true);
    expect(advances('pending', 'failed')).toBe(true);
    expect(advances('paid', 'pending')).toBe(false);
    expect(advances('paid', 'expired')).toBe(false);
    expect(advances('expired', 'failed')).toBe(false);
    expect(advances('pending', 'pending')).toBe(false);
  });
  it('a refund', () => {
    expect(refundAdvances('requested', 'succeeded')).toBe(true);
    expect(refundAdvances('succeeded', 'pending')).toBe(false);
    expect(refundAdvances('succeeded', 'failed')).toBe(true);
  });
});
