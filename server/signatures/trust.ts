/**
 * What the city trusts for signatures: the JPKI CA certificates (trust anchors, and intermediate
 * CAs if any) and the CRLs the city refreshes, read from files it configures. A CRL is only
 * believed when its issuer is one of these CAs and its signature verifies; it is current until its
 * nextUpdate (and no older than the city's maximum age).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface TrustStore {
  anchors: x509.X509Certificate[];
  intermediates: x509.X509Certificate[];
  /** Every CRL read; one is used for a certificate only when its issuer's key verifies it (verify.ts). */
  crls: x509.X509Crl[];
  /** CRLs that name a configured CA but are not signed by it (never used; named for the operator). */
  problems: string[];
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/gu;

/** Certificates from PEM text (one or several blocks) or a single DER file. */
export function readCertificates(data: Buffer): x509.X509Certificate[] {
  const text = data.toString('latin1');
  const blocks = text.match(PEM_BLOCK);
  if (blocks) return blocks.filter((b) => b.includes('CERTIFICATE')).map((b) => new x509.X509Certificate(b));
  return [new x509.X509Certificate(new Uint8Array(data))];
}

/** CRLs from PEM (X509 CRL or CRL labels) or DER. */
export function readCrls(data: Buffer): x509.X509Crl[] {
  const blocks = data.toString('latin1').match(PEM_BLOCK);
  if (blocks) return blocks.filter((b) => b.includes('CRL')).map((b) => new x509.X509Crl(b.replaceAll('X509 CRL', 'CRL')));
  return [new x509.X509Crl(new Uint8Array(data))];
}

const sameName = (a: x509.X509Certificate | x509.X509Crl, b: x509.X509Certificate) => a.issuerName.toString() === b.subjectName.toString();

/** Builds the store, naming each CRL that claims a configured CA's name without its signature. */
export async function buildTrustStore(
  anchors: x509.X509Certificate[],
  intermediates: x509.X509Certificate[],
  crls: x509.X509Crl[],
): Promise<TrustStore> {
  const problems: string[] = [];
  for (const crl of crls) {
    const named = [...anchors, ...intermediates].filter((c) => sameName(crl, c));
    if (named.length === 0) continue; // an intermediate the signing app sends along may have issued it
    let signed = false;
    for (const ca of named) if (await crl.verify({ publicKey: ca.publicKey })) signed = true;
    if (!signed) problems.push(`a CRL naming ${crl.issuer} is not signed by that configured CA`);
  }
  return { anchors, intermediates, crls, problems };
}

const verifiedBy = new WeakMap<x509.X509Crl, Map<string, boolean>>();

/** Whether `issuer`'s key signed this CRL (remembered: a CRL can be megabytes). */
export async function crlIssuedBy(crl: x509.X509Crl, issuer: x509.X509Certificate): Promise<boolean> {
  if (!sameName(crl, issuer)) return false;
  const key = issuer.toString('base64');
  let known = verifiedBy.get(crl);
  if (!known) verifiedBy.set(crl, (known = new Map()));
  let ok = known.get(key);
  if (ok === undefined) {
    ok = await crl.verify({ publicKey: issuer.publicKey }).catch(() => false);
    known.set(key, ok);
  }
  return ok;
}

export interface TrustFiles {
  anchors: string;
  intermediates?: string | undefined;
  crls: string[];
}

/** Reads the configured files (at start-up and whenever the CRL refresh job has new ones). */
export async function loadTrustStore(files: TrustFiles): Promise<TrustStore> {
  const anchors = readCertificates(readFileSync(files.anchors));
  const intermediates = files.intermediates ? readCertificates(readFileSync(files.intermediates)) : [];
  const crls = files.crls.flatMap((f) => readCrls(readFileSync(f)));
  return buildTrustStore(anchors, intermediates, crls);
}
