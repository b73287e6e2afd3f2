/**
 * Sign-in requests: what the callback needs to check that the answer is the one this browser
 * asked for. Each request is stored by the SHA-256 of its state with its PKCE verifier and nonce
 * (sealed), the browser-binding value's SHA-256 (a cookie of the browser that started it: a
 * callback URL sent to someone else signs nobody in), and where to go back to. It is deleted when
 * used, so a replayed callback finds nothing; it lapses after 10 minutes.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import * as oidc from 'openid-client';
import { open, seal } from '../auth/secret-box.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors } from '../errors.ts';
import type { OidcClient, SignInResult } from './oidc-client.ts';
import { sha256 } from './sessions.ts';

const REQUEST_MINUTES = 10;

/** Only a path of this site, never another origin (no open redirect). */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !/^\/(?![/\\])[\w\-./?=&%~#]*$/u.test(value) || value.startsWith('/api/')) return '/mypage';
  return value.slice(0, 300);
}

export class SignInRequests {
  constructor(
    private readonly db: Knex,
    private readonly key: Buffer,
    private readonly client: OidcClient,
  ) {}

  async start(returnTo: string | undefined): Promise<{ url: string; browserToken: string }> {
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const browserToken = randomBytes(32).toString('base64url');
    const url = await this.client.authorizationUrl({ state, nonce, codeVerifier });
    await this.db('resident_sign_in_requests').insert({
      id: sha256(state),
      browser_hash: sha256(browserToken),
      secrets: seal(this.key, JSON.stringify({ nonce, codeVerifier })),
      return_to: safeReturnTo(returnTo),
      created_at: isoTimestamp(new Date()),
    });
    return { url, browserToken };
  }

  /** Checks the callback against its request (used once) and asks the provider; throws a 4xx AppError on any mismatch. */
  async complete(callbackUrl: URL, browserToken: string): Promise<SignInResult & { returnTo: string }> {
    const state = callbackUrl.searchParams.get('state');
    if (!state || state.length > 200) throw Errors.signInRequestUnknown();
    const id = sha256(state);
    const row = (await this.db('resident_sign_in_requests').where('id', id).first()) as
      { browser_hash: string; secrets: string; return_to: string; created_at: unknown } | undefined;
    // Deleted before anything else: of two requests with the same state, only one deletes it.
    const deleted = row ? await this.db('resident_sign_in_requests').where('id', id).delete() : 0;
    if (!row || deleted === 0) throw Errors.signInRequestUnknown();
    if (Date.now() - new Date(isoTimestamp(row.created_at)).getTime() > REQUEST_MINUTES * 60_000) throw Errors.signInRequestUnknown();
    const sent = Buffer.from(sha256(browserToken));
    if (!browserToken || !timingSafeEqual(sent, Buffer.from(row.browser_hash))) throw Errors.signInOtherBrowser();
    if (callbackUrl.searchParams.get('error') === 'access_denied') throw Errors.signInCancelled();
    const { nonce, codeVerifier } = JSON.parse(open(this.key, row.secrets)) as { nonce: string; codeVerifier: string };
    const result = await this.client.complete(callbackUrl, { state, nonce, codeVerifier });
    return { ...result, returnTo: row.return_to };
  }
}
