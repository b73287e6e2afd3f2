/**
 * Signed filing in tests: the app with the local signing-app stand-in (server/demo/signing-app.ts)
 * and a PKI made in the test (server/demo/signing-pki.ts: a root, a signing CA, a card per
 * synthetic resident, and expired, revoked and untrusted ones), configured from files as a city
 * configures J-LIS's. The verification the app does is the real one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_RESIDENTS } from '../../server/demo/identity-provider.ts';
import { startStandInSigningApp, type StandInSigningApp } from '../../server/demo/signing-app.ts';
import { makeSigningPki, type SigningPki } from '../../server/demo/signing-pki.ts';
import { agentCall, type JsonResponse } from './http.ts';
import type { Agent } from './oidc.ts';
import { freePort, startTestServer, type TestServer } from './server.ts';

export interface WithSigning {
  server: TestServer;
  app: StandInSigningApp;
  pki: SigningPki;
  close: () => Promise<void>;
}

export async function startWithSigning(env: Record<string, string> = {}): Promise<WithSigning> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'koganei-jpki-'));
  const pki = await makeSigningPki(dir, DEMO_RESIDENTS);
  const app = await startStandInSigningApp({ redirectUris: [`http://127.0.0.1:${port}/api/signing/callback`], cards: pki.cards });
  const server = await startTestServer(
    {
      SIGNING_APP_URL: app.url,
      SIGNING_CLIENT_ID: app.clientId,
      SIGNING_CLIENT_SECRET: app.clientSecret,
      SIGNATURE_TRUST_ANCHORS: pki.anchorsFile,
      SIGNATURE_CRLS: pki.crlFiles.join(','),
      SIGNING_ALLOW_HTTP: 'true',
      ...env,
    },
    { port },
  );
  return {
    server,
    app,
    pki,
    close: async () => {
      await server.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Started {
  signingRequestId: string;
  signUrl: string;
  digest: string;
}

/** createSigningRequest as the signed-in agent (201 expected). */
export async function askToSign(agent: Agent, base: string, procedureId: string, body: Record<string, unknown>): Promise<Started> {
  const res = await agentCall<Started>(agent, `${base}/api/procedures/${procedureId}/signing-requests`, { method: 'POST', json: body });
  if (res.status !== 201) throw new Error(`createSigningRequest answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** At the stand-in: pick `card` (or cancel); returns the callback address it sends the browser to. */
export async function signAtApp(agent: Agent, signUrl: string, card: string | 'cancel'): Promise<string> {
  const page = await agent.fetch(signUrl);
  const html = await page.text();
  const uid = /action="\/sign\/([\w-]+)\/approve"/u.exec(html)?.[1];
  if (!uid) throw new Error(`expected the signing page, got ${page.status}: ${html.slice(0, 200)}`);
  const origin = new URL(signUrl).origin;
  const res = await agent.fetch(`${origin}/sign/${uid}/${card === 'cancel' ? 'cancel' : 'approve'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: card === 'cancel' ? '' : `card=${encodeURIComponent(card)}`,
  });
  if (res.status !== 303) throw new Error(`the signing app answered ${res.status}`);
  return res.headers.get('location')!;
}

/** completeSigning as an API client would call it (JSON answers). */
export function completeSigning(agent: Agent, callback: string): Promise<JsonResponse> {
  return agentCall(agent, callback);
}

/** Asks, signs with `card` and completes: the signing request id and the callback's answer. */
export async function signWith(
  agent: Agent,
  base: string,
  procedureId: string,
  body: Record<string, unknown>,
  card: string,
): Promise<{ started: Started; callback: string; completed: JsonResponse }> {
  const started = await askToSign(agent, base, procedureId, body);
  const callback = await signAtApp(agent, started.signUrl, card);
  return { started, callback, completed: await completeSigning(agent, callback) };
}
