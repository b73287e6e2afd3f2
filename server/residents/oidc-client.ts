/**
 * The OpenID Connect client for resident sign-in, on openid-client (decision 0015): discovery,
 * authorization code flow with PKCE (S256), state and nonce, ID token validation (signature,
 * issuer, audience, expiry, nonce: all done by the library), userinfo, and sign-out at the
 * provider when it publishes an end_session_endpoint. Claim names are configured, so デジタル認証アプリ
 * and a city's own provider both fit. Nothing here trusts the browser: the attributes come from
 * the provider's signed ID token and its userinfo endpoint.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as oidc from 'openid-client';
import type { VerifiedAttributes } from '../../shared/identity.ts';
import type { LocalizedText } from '../../shared/forms/types.ts';
import { AppError, Errors } from '../errors.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  privateKeyFile?: string;
  privateKeyAlg: 'RS256' | 'PS256' | 'ES256';
  scopes: string;
  acrValues?: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  claims: { name: string; address: string; birthDate: string; sex: string; assurance: string };
  allowHttp: boolean;
  label: LocalizedText;
  /** The demo's local stand-in (said so on the sign-in page). */
  demo: boolean;
}

export interface SignInResult {
  subject: string;
  attributes: VerifiedAttributes;
  assurance: string | null;
  idToken: string | null;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function addressOf(v: unknown): string | undefined {
  if (typeof v === 'string') return text(v);
  if (v && typeof v === 'object') {
    const a = v as Record<string, unknown>;
    return text(a.formatted) ?? text([a.region, a.locality, a.street_address].filter((p) => typeof p === 'string').join(''));
  }
  return undefined;
}

function sexOf(v: unknown): VerifiedAttributes['sex'] {
  const s = typeof v === 'number' ? String(v) : text(v)?.toLowerCase();
  if (s === undefined) return undefined;
  if (['male', 'm', '1', '男', '男性'].includes(s)) return 'male';
  if (['female', 'f', '2', '女', '女性'].includes(s)) return 'female';
  return 'other';
}

function birthDateOf(v: unknown): string | undefined {
  const s = text(v)?.replace(/\//gu, '-');
  if (!s) return undefined;
  const compact = /^(\d{4})(\d{2})(\d{2})$/u.exec(s);
  const iso = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : s;
  return /^\d{4}-\d{2}-\d{2}$/u.test(iso) ? iso : undefined;
}

/** The 基本4情報 from the provider's claims, by the configured names. */
export function attributesFrom(claims: Record<string, unknown>, names: OidcSettings['claims']): VerifiedAttributes {
  const out: VerifiedAttributes = {};
  const name = text(claims[names.name]);
  if (name) out.name = name.normalize('NFKC').replace(/\s+/gu, ' ');
  const address = addressOf(claims[names.address]);
  if (address) out.address = address;
  const birthDate = birthDateOf(claims[names.birthDate]);
  if (birthDate) out.birthDate = birthDate;
  const sex = sexOf(claims[names.sex]);
  if (sex) out.sex = sex;
  return out;
}

export class OidcClient {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  private options(): oidc.DiscoveryRequestOptions {
    return this.settings.allowHttp ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 };
  }

  /** Discovery once; a failure is not kept, so the next sign-in tries again. */
  private config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const s = this.settings;
      if (s.privateKeyFile) {
        const key = createPrivateKey(readFileSync(s.privateKeyFile, 'utf8'));
        const algorithm =
          s.privateKeyAlg === 'ES256'
            ? { name: 'ECDSA', namedCurve: 'P-256' }
            : { name: s.privateKeyAlg === 'PS256' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
        const cryptoKey = crypto.subtle.importKey('pkcs8', key.export({ format: 'der', type: 'pkcs8' }), algorithm, false, ['sign']);
        this.configuration = cryptoKey.then((k) =>
          oidc.discovery(
            new URL(s.issuer),
            s.clientId,
            { token_endpoint_auth_method: 'private_key_jwt' },
            oidc.PrivateKeyJwt(k),
            this.options(),
          ),
        );
      } else {
        this.configuration = oidc.discovery(
          new URL(s.issuer),
          s.clientId,
          undefined,
          oidc.ClientSecretBasic(s.clientSecret ?? ''),
          this.options(),
        );
      }
      // The ID token's signature is checked against the provider's keys (jwks_uri) too, not only
      // trusted because it came over TLS from the token endpoint (OIDC Core 3.1.3.7 allows that).
      this.configuration = this.configuration.then((c) => {
        oidc.enableNonRepudiationChecks(c);
        return c;
      });
      this.configuration.catch(() => {
        this.configuration = null;
      });
    }
    return this.configuration.catch(() => {
      throw Errors.identityProviderUnavailable();
    });
  }

  async authorizationUrl(p: { state: string; nonce: string; codeVerifier: string }): Promise<string> {
    const config = await this.config();
    const params: Record<string, string> = {
      redirect_uri: this.settings.redirectUri,
      scope: [...new Set(['openid', ...this.settings.scopes.split(/\s+/u).filter(Boolean)])].join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(p.codeVerifier),
      code_challenge_method: 'S256',
      state: p.state,
      nonce: p.nonce,
    };
    if (this.settings.acrValues) params.acr_values = this.settings.acrValues;
    return oidc.buildAuthorizationUrl(config, params).href;
  }

  /** Exchanges the code and validates everything; any failure is a 400 with what went wrong, never the provider's text. */
  async complete(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<SignInResult> {
    const config = await this.config();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied') throw Errors.signInCancelled();
      if (error instanceof TypeError && /fetch failed/u.test(error.message)) throw Errors.identityProviderUnavailable();
      throw Errors.signInRefused();
    }
    const claims = tokens.claims();
    if (!claims) throw Errors.signInRefused();
    let userinfo: Record<string, unknown> = {};
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      } catch {
        throw Errors.signInRefused();
      }
    }
    const all = { ...claims, ...userinfo } as Record<string, unknown>;
    return {
      subject: claims.sub,
      attributes: attributesFrom(all, this.settings.claims),
      assurance: text(claims[this.settings.claims.assurance]) ?? text(all[this.settings.claims.assurance]) ?? null,
      idToken: tokens.id_token ?? null,
    };
  }

  /** Where to send the browser to sign out at the provider too, or null when it offers no such endpoint. */
  async endSessionUrl(idToken: string | null): Promise<string | null> {
    let config: oidc.Configuration;
    try {
      config = await this.config();
    } catch {
      return null;
    }
    if (!config.serverMetadata().end_session_endpoint) return null;
    const params: Record<string, string> = { post_logout_redirect_uri: this.settings.postLogoutRedirectUri };
    if (idToken) params.id_token_hint = idToken;
    return oidc.buildEndSessionUrl(config, params).href;
  }
}
