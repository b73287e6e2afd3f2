/**
 * A local stand-in for the national signing app (デジタル認証アプリ's signing flow), for the demo and
 * the tests: it speaks the protocol of signatures/provider.ts on 127.0.0.1, shows the digest it is
 * asked to sign, lets you pick a card (there is no card reader here: each "card" is a key and
 * certificate made by server/demo/pki.ts), or cancel, and hands the signature and certificate to
 * the platform once for the code it sent back. It is never used in production.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signDigest, type Issued } from './pki.ts';

export interface SigningCard {
  id: string;
  /** What the picker shows, e.g. 小金井 花子（有効な署名用電子証明書）. */
  label: string;
  signer: Issued;
  /** Intermediates sent along with the signature (DER). */
  chain: Buffer[];
  algorithm?: 'RSASSA-PKCS1-v1_5' | 'RSASSA-PSS';
}

export interface SigningAppOptions {
  redirectUris: string[];
  cards: SigningCard[];
  clientId?: string;
  clientSecret?: string;
  port?: number;
}

export interface StandInSigningApp {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Tests: sign with another digest than the one asked (a signing app that misbehaves). */
  tamper: { digest: Buffer | null };
  close: () => Promise<void>;
}

interface Interaction {
  redirectUri: string;
  state: string;
  digest: string;
}

const escape = (s: string) => s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
const TTL_MS = 10 * 60_000;

function page(uid: string, digest: string, cards: SigningCard[]): string {
  const buttons = cards
    .map(
      (c) =>
        `<li><form method="post" action="/sign/${uid}/approve"><input type="hidden" name="card" value="${escape(c.id)}"><button type="submit">${escape(c.label)}で署名する</button></form></li>`,
    )
    .join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>電子署名（デモ）</title>
<style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.7}button{font-size:1rem;padding:.6rem 1rem;margin:.25rem 0;min-height:44px}code{word-break:break-all}</style></head>
<body><main><h1>電子署名（デモ用の代わりのサービス）</h1><p>これはデジタル認証アプリの署名機能の代わりに動いている、デモ・テスト用のサービスです。マイナンバーカードは読み取りません。署名に使う架空のカードを選んでください。</p>
<p lang="en">A stand-in for the Digital Authentication App's signing (demo and tests only). Pick a synthetic card.</p>
<p>署名する内容（申請内容のハッシュ値 SHA-256）：<br><code>${escape(digest)}</code></p>
<ul>${buttons}</ul><form method="post" action="/sign/${uid}/cancel"><button type="submit">署名しない（Cancel）</button></form></main></body></html>`;
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function startStandInSigningApp(options: SigningAppOptions): Promise<StandInSigningApp> {
  const clientId = options.clientId ?? 'koganei-online';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const interactions = new Map<string, Interaction & { at: number }>();
  const codes = new Map<string, { digest: string; card: SigningCard; redirectUri: string; at: number }>();
  const tamper: StandInSigningApp['tamper'] = { digest: null };

  const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(body);
  };
  const back = (res: ServerResponse, i: Interaction, params: Record<string, string>) => {
    const url = new URL(i.redirectUri);
    for (const [k, v] of Object.entries({ state: i.state, ...params })) url.searchParams.set(k, v);
    send(res, 303, 'text/plain', '', { location: url.href });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const now = Date.now();
    if (req.method === 'GET' && url.pathname === '/sign') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      const digest = q.get('digest') ?? '';
      if (
        q.get('client_id') !== clientId ||
        !options.redirectUris.includes(redirectUri) ||
        !/^[0-9a-f]{64}$/u.test(digest) ||
        !q.get('state')
      )
        return send(res, 400, 'text/plain; charset=utf-8', 'invalid signing request');
      const uid = randomBytes(12).toString('base64url');
      interactions.set(uid, { redirectUri, state: q.get('state')!, digest, at: now });
      return send(res, 200, 'text/html; charset=utf-8', page(uid, digest, options.cards));
    }
    const m = /^\/sign\/([\w-]+)\/(approve|cancel)$/u.exec(url.pathname);
    if (req.method === 'POST' && m) {
      const i = interactions.get(m[1]!);
      interactions.delete(m[1]!);
      if (!i || now - i.at > TTL_MS) return send(res, 400, 'text/plain; charset=utf-8', 'expired');
      if (m[2] === 'cancel') return back(res, i, { error: 'access_denied' });
      const picked = (await form(req)).get('card');
      const card = options.cards.find((c) => c.id === picked);
      if (!card) return send(res, 400, 'text/plain; charset=utf-8', 'unknown card');
      const code = randomBytes(18).toString('base64url');
      codes.set(code, { digest: i.digest, card, redirectUri: i.redirectUri, at: now });
      return back(res, i, { code });
    }
    if (req.method === 'POST' && url.pathname === '/result') {
      const [scheme, token] = (req.headers.authorization ?? '').split(' ');
      const [id, secret] = Buffer.from(token ?? '', 'base64')
        .toString()
        .split(':')
        .map((s) => decodeURIComponent(s));
      if (scheme !== 'Basic' || id !== clientId || !same(secret ?? '', clientSecret))
        return send(res, 401, 'application/json', JSON.stringify({ error: 'invalid_client' }));
      const f = await form(req);
      const entry = codes.get(f.get('code') ?? '');
      codes.delete(f.get('code') ?? '');
      if (!entry || now - entry.at > TTL_MS || entry.redirectUri !== f.get('redirect_uri'))
        return send(res, 400, 'application/json', JSON.stringify({ error: 'invalid_grant' }));
      const algorithm = entry.card.algorithm ?? 'RSASSA-PKCS1-v1_5';
      const signature = signDigest(entry.card.signer, tamper.digest ?? Buffer.from(entry.digest, 'hex'), algorithm);
      return send(
        res,
        200,
        'application/json',
        JSON.stringify({
          algorithm,
          signature: signature.toString('base64'),
          certificate: entry.card.signer.der.toString('base64'),
          chain: entry.card.chain.map((c) => c.toString('base64')),
        }),
      );
    }
    // Browsers ask every page's site for an icon: none, without an error in the console.
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    send(res, 404, 'text/plain', 'not found');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'text/plain', 'error'));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    tamper,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
