/**
 * Verifies an electronic signature made with a signing certificate (the マイナンバーカード's
 * 署名用電子証明書), by the platform itself: the signature over exactly the submission's digest
 * (RSA PKCS#1 v1.5 or PSS with SHA-256; the signed message is the 32-byte SHA-256 digest of the
 * canonical submission, the one the receipt prints), the certificate's use (digital signature /
 * non-repudiation), the chain up to a configured trust anchor with every certificate valid at the
 * signing time, and revocation against a current CRL from each issuer (no current CRL: refused,
 * and the city is told). Certificates: @peculiar/x509; the RSA check: node's crypto.
 */
import 'reflect-metadata';
import { constants, createPublicKey, verify as rsaVerify } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { Errors } from '../errors.ts';
import { signerAttributes, type SignerAttributes } from './certificate-attributes.ts';
import { crlIssuedBy, type TrustStore } from './trust.ts';

export type SignatureAlgorithm = 'RSASSA-PKCS1-v1_5' | 'RSASSA-PSS';

export interface SignatureToVerify {
  /** SHA-256 of the canonical submission (32 bytes). */
  digest: Buffer;
  signature: Buffer;
  algorithm: SignatureAlgorithm;
  /** The signer's certificate, DER. */
  certificate: Buffer;
  /** Intermediate CA certificates the signing app sent along (DER), if any. */
  chain?: Buffer[];
}

export interface VerifiedSignature {
  algorithm: SignatureAlgorithm;
  signer: SignerAttributes;
  certificate: { serialNumber: string; subject: string; issuer: string; notBefore: string; notAfter: string; sha256: string };
  /** The trust anchor the chain ends at (its subject). */
  anchor: string;
  /** When the CRLs used were issued (the oldest one). */
  crlThisUpdate: string;
  verifiedAt: string;
}

export interface VerifyOptions {
  /** The signing time (now: the signature is verified as it arrives). */
  at: Date;
  /** A CRL older than this is not current even before its nextUpdate. */
  crlMaxAgeMs: number;
}

const KEY_USAGE_SIGN = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;

function parse(der: Buffer): x509.X509Certificate {
  try {
    return new x509.X509Certificate(new Uint8Array(der));
  } catch {
    throw Errors.signatureCertificateUnusable();
  }
}

const within = (c: x509.X509Certificate, at: Date) => c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();

function isCa(c: x509.X509Certificate): boolean {
  const bc = c.getExtension(x509.BasicConstraintsExtension);
  return bc?.ca === true;
}

/** The RSA signature over the digest (the digest is the signed message; SHA-256 is applied by the scheme). */
function signatureMatches(input: SignatureToVerify, certificate: x509.X509Certificate): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(certificate.publicKey.rawData), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return false;
    const padding =
      input.algorithm === 'RSASSA-PSS'
        ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }
        : { padding: constants.RSA_PKCS1_PADDING };
    return rsaVerify('sha256', input.digest, { key, ...padding }, input.signature);
  } catch {
    return false;
  }
}

/** From the signer up to a trust anchor, each link's signature checked; null when there is none. */
async function chainOf(
  leaf: x509.X509Certificate,
  trust: TrustStore,
  extra: x509.X509Certificate[],
): Promise<x509.X509Certificate[] | null> {
  const anchors = new Set(trust.anchors.map((a) => a.toString('base64')));
  const pool = [...trust.anchors, ...trust.intermediates, ...extra];
  const chain = [leaf];
  for (let depth = 0; depth < 6; depth += 1) {
    const current = chain.at(-1)!;
    if (anchors.has(current.toString('base64'))) return chain;
    let issuer: x509.X509Certificate | undefined;
    for (const candidate of pool) {
      if (candidate.subjectName.toString() !== current.issuerName.toString() || !isCa(candidate)) continue;
      if (await current.verify({ publicKey: candidate.publicKey, signatureOnly: true })) {
        issuer = candidate;
        break;
      }
    }
    if (!issuer || chain.includes(issuer)) return null;
    chain.push(issuer);
  }
  return null;
}

/** Verifies, or throws the AppError that says why not. */
export async function verifySignature(input: SignatureToVerify, trust: TrustStore, options: VerifyOptions): Promise<VerifiedSignature> {
  const leaf = parse(input.certificate);
  const extra = (input.chain ?? []).map(parse);
  const usage = leaf.getExtension(x509.KeyUsagesExtension);
  if (!usage || (usage.usages & KEY_USAGE_SIGN) === 0 || isCa(leaf)) throw Errors.signatureCertificateUnusable();
  if (input.digest.length !== 32 || !signatureMatches(input, leaf)) throw Errors.signatureInvalid();

  const chain = await chainOf(leaf, trust, extra);
  if (!chain) throw Errors.signatureCertificateUntrusted();
  const at = options.at;
  if (!within(leaf, at)) throw Errors.signatureCertificateExpired();
  if (chain.some((c) => !within(c, at))) throw Errors.signatureCertificateUntrusted();

  // Revocation: every certificate below the anchor needs a current CRL from its issuer.
  let oldest: Date | null = null;
  for (let i = 0; i < chain.length - 1; i += 1) {
    const cert = chain[i]!;
    const issuer = chain[i + 1]!;
    const crls: x509.X509Crl[] = [];
    for (const crl of trust.crls) if (await crlIssuedBy(crl, issuer)) crls.push(crl);
    const current = crls
      .filter((crl) => crl.thisUpdate.getTime() <= at.getTime() + 5 * 60_000)
      .filter((crl) => (crl.nextUpdate ? at.getTime() < crl.nextUpdate.getTime() : false))
      .filter((crl) => at.getTime() - crl.thisUpdate.getTime() <= options.crlMaxAgeMs)
      .sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0];
    if (!current) throw Errors.signatureRevocationUnknown();
    if (current.findRevoked(cert)) throw i === 0 ? Errors.signatureCertificateRevoked() : Errors.signatureCertificateUntrusted();
    if (!oldest || current.thisUpdate < oldest) oldest = current.thisUpdate;
  }

  return {
    algorithm: input.algorithm,
    signer: signerAttributes(leaf),
    certificate: {
      serialNumber: leaf.serialNumber,
      subject: leaf.subject,
      issuer: leaf.issuer,
      notBefore: leaf.notBefore.toISOString(),
      notAfter: leaf.notAfter.toISOString(),
      sha256: Buffer.from(await leaf.getThumbprint('SHA-256')).toString('hex'),
    },
    anchor: chain.at(-1)!.subject,
    crlThisUpdate: (oldest ?? at).toISOString(),
    verifiedAt: at.toISOString(),
  };
}
