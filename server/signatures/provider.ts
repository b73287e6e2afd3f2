/**
 * The signing app, behind one interface (a city plugs in the provider it contracts): the resident's
 * browser is sent to the app with the digest to sign and comes back with a one-time code (or an
 * error), and the platform fetches the signature and certificate for that code over the back
 * channel. HttpSigningProvider speaks the protocol of the local stand-in (server/demo/signing-app.ts),
 * shaped like the national app's signing flow: GET {app}/sign?client_id&redirect_uri&state&digest
 * (hex SHA-256), back to redirect_uri?state&code (or &error=access_denied), then
 * POST {app}/result (HTTP Basic client authentication; code, redirect_uri) answering
 * { algorithm, signature, certificate, chain } in base64.
 */
import { Errors } from '../errors.ts';
import type { SignatureAlgorithm } from './verify.ts';

export interface SigningResult {
  algorithm: SignatureAlgorithm;
  signature: Buffer;
  /** The signer's certificate, DER. */
  certificate: Buffer;
  /** Intermediate CA certificates sent along, DER. */
  chain: Buffer[];
}

export interface SigningProvider {
  /** Where the resident signs `digest` (hex); the app comes back to `redirectUri` with `state`. */
  signUrl(input: { digest: string; state: string; redirectUri: string }): string;
  /** The result of a finished signing; SIGNING_APP_UNREACHABLE when the app does not answer, SIGNING_REQUEST_UNKNOWN when it refuses the code. */
  result(code: string, redirectUri: string): Promise<SigningResult>;
}

export interface HttpSigningSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

const ALGORITHMS: readonly SignatureAlgorithm[] = ['RSASSA-PKCS1-v1_5', 'RSASSA-PSS'];
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/u;

function base64(value: unknown): Buffer | null {
  return typeof value === 'string' && value.length > 0 && value.length < 64_000 && BASE64.test(value) ? Buffer.from(value, 'base64') : null;
}

/** The app's answer, read defensively: anything malformed is a signature that cannot be verified. */
export function readResult(body: unknown): SigningResult {
  const b = (body ?? {}) as Record<string, unknown>;
  const algorithm = ALGORITHMS.find((a) => a === b.algorithm);
  const signature = base64(b.signature);
  const certificate = base64(b.certificate);
  const chain = Array.isArray(b.chain) ? b.chain.slice(0, 5).map(base64) : [];
  if (!algorithm || !signature || !certificate || chain.some((c) => c === null)) throw Errors.signatureInvalid();
  return { algorithm, signature, certificate, chain: chain as Buffer[] };
}

export class HttpSigningProvider implements SigningProvider {
  constructor(private readonly settings: HttpSigningSettings) {}

  signUrl({ digest, state, redirectUri }: { digest: string; state: string; redirectUri: string }): string {
    const url = new URL('sign', this.base());
    url.search = new URLSearchParams({
      client_id: this.settings.clientId,
      redirect_uri: redirectUri,
      state,
      digest,
      digest_alg: 'SHA-256',
    }).toString();
    return url.href;
  }

  async result(code: string, redirectUri: string): Promise<SigningResult> {
    const auth = Buffer.from(`${encodeURIComponent(this.settings.clientId)}:${encodeURIComponent(this.settings.clientSecret)}`).toString(
      'base64',
    );
    let response: Response;
    try {
      response = await fetch(new URL('result', this.base()), {
        method: 'POST',
        headers: { authorization: `Basic ${auth}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ code, redirect_uri: redirectUri }).toString(),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: 'error',
      });
    } catch {
      throw Errors.signingAppUnreachable();
    }
    if (response.status >= 500) throw Errors.signingAppUnreachable();
    if (!response.ok) throw Errors.signingRequestUnknown();
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw Errors.signingAppUnreachable();
    }
    return readResult(body);
  }

  private base(): string {
    return this.settings.baseUrl.endsWith('/') ? this.settings.baseUrl : `${this.settings.baseUrl}/`;
  }
}
