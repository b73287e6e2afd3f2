/**
 * One budget of look-ups by reference number + access code per client address (status, correction
 * form, correction, withdrawal, receipt, payment), so that guessing codes through one endpoint or
 * another costs the same, on whichever server.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { addressLimiter, type LimiterStorage } from './rate-limit.ts';

/** Strict: every look-up is counted before it is answered, so the budget holds across every server. */
export function residentLookupLimiter(db: Knex, perWindow: number, logger: Logger, storage: LimiterStorage = {}) {
  return addressLimiter(db, 'lookup', perWindow, 15 * 60 * 1000, logger, { ...storage, strict: true });
}
