/**
 * Resident sign-in against the real OpenID Connect stand-in (oidc-provider), for what
 * resident-identity.test.ts does not cover: an ID token whose signature is not the provider's, a
 * code issued to another sign-in (its own nonce and PKCE verifier), the session's idle and
 * absolute limits, and a client that authenticates with private_key_jwt instead of a secret.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoTimestamp } from '../../server/db/connection.ts';
import { Agent, providerCallback, signIn, startWithProvider, type WithProvider } from '../helpers/oidc.ts';

let t: WithProvider;
let app: string;
beforeAll(async () => {
  t = await startWithProvider();
  app = t.server.url;
});
afterAll(async () => t?.close());

const refusedCode = async (agent: Agent, url: string) => {
  const res = await agent.fetch(url, { headers: { accept: 'application/json' } });
  const text = await res.text();
  return {
    status: res.status,
    code: text ? ((JSON.parse(text) as { error?: { code: string } }).error?.code ?? text) : `(empty ${res.headers.get('location')})`,
  };
};
const signedIn = async (agent: Agent) =>
  ((await (await agent.fetch(`${app}/api/resident/session`)).json()) as { signedIn: boolean }).signedIn;

describe('a forged callback', () => {
  it('is refused when the ID token’s signature is not the provider’s', async () => {
    const agent = new Agent();
    const callback = await providerCallback(agent, app, 'demo-hanako');
    // The app and this test share a process: the token response is altered on its way to the app.
    const real = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const res = await real(input, init);
      if (!String(input instanceof Request ? input.url : input).includes('/token')) return res;
      const body = (await res.json()) as { id_token: string };
      const [header, payload, signature] = body.id_token.split('.');
      const forged = Buffer.from(signature!, 'base64url');
      forged[0] = forged[0]! ^ 0xff;
      body.id_token = `${header}.${payload}.${forged.toString('base64url')}`;
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    try {
      expect(await refusedCode(agent, callback)).toEqual({ status: 400, code: 'SIGN_IN_REFUSED' });
    } finally {
      globalThis.fetch = real;
    }
    expect(await signedIn(agent)).toBe(false);
  });

  it('is refused when its code was issued to another sign-in (another nonce and PKCE verifier)', async () => {
    const other = new Agent();
    const agent = new Agent();
    const first = new URL(await providerCallback(other, app, 'demo-hanako'));
    const second = new URL(await providerCallback(agent, app, 'demo-hanako'));
    // This browser's own sign-in (its state and cookie) with the code issued to the other one.
    second.searchParams.set('code', first.searchParams.get('code')!);
    expect(await refusedCode(agent, second.href)).toEqual({ status: 400, code: 'SIGN_IN_REFUSED' });
    expect(await signedIn(agent)).toBe(false);
  });
});

describe('a resident session', () => {
  it('ends after RESIDENT_IDLE_MINUTES unused, and after RESIDENT_SESSION_HOURS however used', async () => {
    const db = t.server.testDb.db;
    const idle = new Agent();
    await signIn(idle, app, 'demo-ume');
    expect(await signedIn(idle)).toBe(true);
    const minutes = t.server.config.RESIDENT_IDLE_MINUTES;
    await db('resident_sessions').update({ last_seen_at: isoTimestamp(new Date(Date.now() - (minutes + 1) * 60_000)) });
    expect(await signedIn(idle)).toBe(false);

    const busy = new Agent();
    await signIn(busy, app, 'demo-ume');
    expect(await signedIn(busy)).toBe(true);
    await db('resident_sessions').update({ expires_at: isoTimestamp(new Date(Date.now() - 1000)) });
    expect(await signedIn(busy)).toBe(false);
  });
});

describe('a client with private_key_jwt', () => {
  it('signs residents in with its private key instead of a secret', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = mkdtempSync(path.join(tmpdir(), 'oidc-key-'));
    const keyFile = path.join(dir, 'client.pem');
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const jwk = { ...publicKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig' };
    const withKey = await startWithProvider(
      { OIDC_PRIVATE_KEY_FILE: keyFile, OIDC_PRIVATE_KEY_ALG: 'RS256' },
      { clientJwks: { keys: [jwk] } },
    );
    try {
      const agent = new Agent();
      await signIn(agent, withKey.server.url, 'demo-taro');
      const session = (await (await agent.fetch(`${withKey.server.url}/api/resident/session`)).json()) as {
        signedIn: boolean;
        attributes: { name: string };
      };
      expect(session).toMatchObject({ signedIn: true, attributes: { name: '小金井 太郎' } });
    } finally {
      await withKey.close();
    }
  });
});
