/**
 * Resident sign-in in tests: the app with the local OpenID Connect provider (server/demo/
 * identity-provider.ts, a real oidc-provider) configured as its issuer, and a resident agent that
 * signs in the way a browser does (redirects followed, each site's cookies kept apart).
 */
import { startStandInProvider, type StandInOptions, type StandInProvider } from '../../server/demo/identity-provider.ts';
import { freePort, startTestServer, type TestServer } from './server.ts';

export interface WithProvider {
  server: TestServer;
  idp: StandInProvider;
  close: () => Promise<void>;
}

export async function startWithProvider(env: Record<string, string> = {}, idpOptions: Partial<StandInOptions> = {}): Promise<WithProvider> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startStandInProvider({
    redirectUris: [`${base}/api/resident/callback`],
    postLogoutRedirectUris: [`${base}/`],
    ...idpOptions,
  });
  const server = await startTestServer(
    {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      ...(idpOptions.clientJwks ? {} : { OIDC_CLIENT_SECRET: idp.clientSecret }),
      OIDC_ALLOW_HTTP: 'true',
      // The assurance level a city asks for (マイナンバーカード): the provider then states it in the ID token (acr).
      OIDC_ACR_VALUES: 'urn:jpki:mynumbercard',
      ...env,
    },
    { port },
  );
  return {
    server,
    idp,
    close: async () => {
      await server.close();
      await idp.close();
    },
  };
}

/** Cookies per host, as a browser keeps them (name=value only; enough for these flows). */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();
  store(url: string, res: Response): void {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/iu.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.jars.set(host, jar);
  }
  header(url: string): string {
    return [...(this.jars.get(new URL(url).host) ?? new Map<string, string>()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.get(name);
  }
  delete(url: string, name: string): void {
    this.jars.get(new URL(url).host)?.delete(name);
  }
}

/** A browser-like agent: sends its cookies, follows redirects by hand, keeps what each site sets. */
export class Agent {
  readonly jar = new CookieJar();
  csrf = '';
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    if (this.csrf && new URL(url).pathname.startsWith('/api/')) headers.set('x-csrf-token', this.csrf);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.jar.store(url, res);
    return res;
  }
  /** Follows redirects until a page that is not one; returns the last response and its URL. */
  async follow(url: string, init: RequestInit = {}, stopAt?: (url: string) => boolean): Promise<{ res: Response; url: string }> {
    let current = url;
    let res = await this.fetch(current, init);
    for (let hops = 0; hops < 15 && res.status >= 300 && res.status < 400; hops += 1) {
      current = new URL(res.headers.get('location')!, current).href;
      if (stopAt?.(current)) return { res, url: current };
      res = await this.fetch(current);
    }
    return { res, url: current };
  }
}

/**
 * Signs `agent` in as `account` through the provider, stopping before the callback: returns the
 * callback URL the provider sent the browser to (the test decides whether to use it, alter it or replay it).
 */
export async function providerCallback(agent: Agent, app: string, account: string, returnTo = '/mypage'): Promise<string> {
  const started = await agent.follow(`${app}/api/resident/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  const interaction = started.url;
  if (!/\/interaction\//u.test(interaction)) throw new Error(`expected the provider's sign-in page, got ${interaction}`);
  const isCallback = (u: string) => new URL(u).pathname === '/api/resident/callback';
  const done = await agent.follow(
    `${interaction}/login`,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `account=${encodeURIComponent(account)}` },
    isCallback,
  );
  if (!isCallback(done.url)) throw new Error(`expected the callback, got ${done.url}`);
  // Behind a balancer the provider sends the browser to the public address; this agent talks to `app`.
  const callback = new URL(done.url);
  return `${app}${callback.pathname}${callback.search}`;
}

/** Signs in fully; the agent then holds the session cookie and its CSRF token. */
export async function signIn(agent: Agent, app: string, account: string): Promise<void> {
  const callback = await providerCallback(agent, app, account);
  const res = await agent.fetch(callback, { headers: { accept: 'application/json' } });
  if (res.status !== 303) throw new Error(`callback answered ${res.status}: ${await res.text()}`);
  const session = (await (await agent.fetch(`${app}/api/resident/session`)).json()) as { csrfToken?: string };
  agent.csrf = session.csrfToken ?? '';
}
