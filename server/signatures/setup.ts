/** The signing flow from the config: null when no signing app is configured (signed procedures are then closed online). */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { HttpSigningProvider } from './provider.ts';
import { SigningRequests } from './requests.ts';
import { TrustSource } from './trust-source.ts';

export function signingFromConfig(config: Config, db: Knex, logger: Logger): SigningRequests | null {
  if (!config.SIGNING_APP_URL || !config.SIGNING_CLIENT_ID || !config.SIGNING_CLIENT_SECRET || !config.SIGNATURE_TRUST_ANCHORS) return null;
  const provider = new HttpSigningProvider({
    baseUrl: config.SIGNING_APP_URL,
    clientId: config.SIGNING_CLIENT_ID,
    clientSecret: config.SIGNING_CLIENT_SECRET,
    timeoutMs: config.SIGNING_APP_TIMEOUT_MS,
  });
  const trust = new TrustSource(
    {
      anchors: config.SIGNATURE_TRUST_ANCHORS,
      intermediates: config.SIGNATURE_INTERMEDIATES,
      crls: (config.SIGNATURE_CRLS ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    },
    logger,
  );
  return new SigningRequests(
    db,
    config.APP_SECRET,
    provider,
    trust,
    {
      minutes: config.SIGNING_REQUEST_MINUTES,
      crlMaxAgeMs: config.SIGNATURE_CRL_MAX_AGE_HOURS * 3_600_000,
      callbackUrl: new URL('/api/signing/callback', config.PUBLIC_BASE_URL).href,
    },
    logger,
  );
}
