/**
 * One budget of look-ups by reference number + access code per client address (status, correction
 * form, correction, withdrawal, receipt, payment), so that guessing codes through one endpoint or
 * another costs the same.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { addressLimiter } from './rate-limit.ts';

export function residentLookupLimiter(db: Knex, perWindow: number, logger: Logger) {
  return addressLimiter(db, 'lookup', perWindow, 15 * 60 * 1000, logger);
}
