/**
 * The demo (npm start) shows signed filing without the national signing app: a local stand-in
 * (signing-app.ts) with a PKI made at start (signing-pki.ts, in DATA_DIR/demo-jpki) configured as
 * a city would configure J-LIS's files, unless SIGNING_APP_URL is set. Its signing CA's CRL is
 * issued again every six hours, as a city's refresh would.
 */
import path from 'node:path';
import type { Config } from '../config.ts';
import { DEMO_RESIDENTS } from './identity-provider.ts';
import { startStandInSigningApp } from './signing-app.ts';
import { makeSigningPki } from './signing-pki.ts';

export async function withDemoSigningApp(config: Config): Promise<{ config: Config; close: () => Promise<void> } | null> {
  if (!config.DEMO_MODE || config.SIGNING_APP_URL) return null;
  const pki = await makeSigningPki(path.join(config.DATA_DIR, 'demo-jpki'), DEMO_RESIDENTS);
  const app = await startStandInSigningApp({
    redirectUris: [new URL('/api/signing/callback', config.PUBLIC_BASE_URL).href],
    cards: pki.cards,
  });
  const refresh = setInterval(() => void pki.writeSigningCaCrl(), 6 * 3_600_000);
  refresh.unref();
  return {
    config: {
      ...config,
      SIGNING_APP_URL: app.url,
      SIGNING_CLIENT_ID: app.clientId,
      SIGNING_CLIENT_SECRET: app.clientSecret,
      SIGNATURE_TRUST_ANCHORS: pki.anchorsFile,
      SIGNATURE_CRLS: pki.crlFiles.join(','),
      SIGNING_ALLOW_HTTP: true,
    },
    close: async () => {
      clearInterval(refresh);
      await app.close();
    },
  };
}
