/**
 * A local stand-in for the national identity provider (デジタル認証アプリ), for the demo and the
 * tests: a real OpenID Connect provider (oidc-provider) on 127.0.0.1 with synthetic residents,
 * returning the 基本4情報 as claims and an assurance level (acr). Its sign-in page lets you pick
 * who signs in (there is no card reader here) or cancel. It is never used in production.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

export interface SyntheticResident {
  sub: string;
  name: string;
  birthdate: string;
  gender: 'male' | 'female';
  address: string;
}

/** Synthetic people only (no real data). */
export const DEMO_RESIDENTS: SyntheticResident[] = [
  { sub: 'demo-hanako', name: '小金井 花子', birthdate: '1992-05-14', gender: 'female', address: '東京都小金井市本町六丁目6番3号' },
  { sub: 'demo-taro', name: '小金井 太郎', birthdate: '1990-04-01', gender: 'male', address: '東京都小金井市本町六丁目6番3号' },
  { sub: 'demo-ume', name: '貫井 うめ', birthdate: '1941-03-20', gender: 'female', address: '東京都小金井市貫井北町五丁目2番1号' },
  { sub: 'demo-kenta', name: '緑 健太', birthdate: '1968-07-20', gender: 'male', address: '東京都小金井市緑町二丁目2番2号' },
];

export interface StandInOptions {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  /** A public JWK set for a private_key_jwt client (instead of a secret). */
  clientJwks?: { keys: object[] };
  residents?: SyntheticResident[];
  acr?: string;
  port?: number;
}

export interface StandInProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  close: () => Promise<void>;
}

const escape = (s: string) => s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

function page(uid: string, residents: SyntheticResident[]): string {
  const buttons = residents
    .map(
      (r) =>
        `<li><form method="post" action="/interaction/${uid}/login"><input type="hidden" name="account" value="${escape(r.sub)}"><button type="submit">${escape(r.name)}（${escape(r.birthdate)}）</button></form></li>`,
    )
    .join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>本人確認（デモ）</title>
<style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.7}button{font-size:1rem;padding:.6rem 1rem;margin:.25rem 0;min-height:44px}</style></head>
<body><main><h1>本人確認（デモ用の代わりのサービス）</h1><p>これはデジタル認証アプリの代わりに動いている、デモ・テスト用のサービスです。マイナンバーカードは読み取りません。ログインする架空の住民を選んでください。</p>
<p lang="en">A stand-in for the Digital Authentication App (demo and tests only). Pick a synthetic resident.</p>
<ul>${buttons}</ul><form method="post" action="/interaction/${uid}/abort"><button type="submit">やめる（Cancel）</button></form></main></body></html>`;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      data += c;
      if (data.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

export async function startStandInProvider(options: StandInOptions): Promise<StandInProvider> {
  const residents = options.residents ?? DEMO_RESIDENTS;
  const clientId = options.clientId ?? 'koganei-online';
  const clientSecret = options.clientSecret ?? 'stand-in-client-secret-0123456789abcdef';
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = options.clientJwks
    ? { client_id: clientId, token_endpoint_auth_method: 'private_key_jwt', jwks: options.clientJwks }
    : { client_id: clientId, client_secret: clientSecret };
  const configuration: Configuration = {
    clients: [
      {
        ...client,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ] as Configuration['clients'],
    pkce: { required: () => true },
    acrValues: [options.acr ?? 'urn:jpki:mynumbercard'],
    claims: { openid: ['sub'], profile: ['name', 'birthdate', 'gender'], address: ['address'], acr: null } as Configuration['claims'],
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // The provider asks before it ends its own session too; then it sends the resident back.
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>ログアウト（デモ）</title></head><body><main><h1>ログアウト（デモ用の代わりのサービス）</h1>${form}<button form="op.logoutForm" type="submit" name="logout" value="yes">ログアウトする（Sign out）</button></main></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const r = residents.find((x) => x.sub === sub);
      if (!r) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, name: r.name, birthdate: r.birthdate, gender: r.gender, address: { formatted: r.address } }),
      };
    },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 300, AuthorizationCode: 60, IdToken: 300 },
    cookies: { keys: ['stand-in-cookie-key-0123456789'] },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    const m = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/u.exec(req.url ?? '');
    if (!m) return void callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (!m[2]) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(details.uid, residents));
          return;
        }
        if (m[2] === '/abort') {
          await provider.interactionFinished(
            req,
            res,
            { error: 'access_denied', error_description: 'cancelled' },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        const account = (await readForm(req)).get('account') ?? '';
        if (!residents.some((r) => r.sub === account)) {
          res.writeHead(400).end('unknown account');
          return;
        }
        const grant = new provider.Grant({ accountId: account, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        grant.addOIDCClaims(['name', 'birthdate', 'gender', 'address']);
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, {
          login: { accountId: account, acr: options.acr ?? 'urn:jpki:mynumbercard' },
          consent: { grantId },
        });
      } catch {
        res.writeHead(400).end('interaction failed');
      }
    })();
  });
  return {
    issuer,
    clientId,
    clientSecret,
    provider,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
