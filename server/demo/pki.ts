/**
 * A small public-key infrastructure made on the spot (the demo and the tests), standing in for JPKI: a root CA, an
 * intermediate, signer certificates carrying 基本4情報 the way the 署名用電子証明書 does
 * (subjectAltName otherNames), and CRLs. Made with @peculiar/x509 (keys by node's WebCrypto).
 */
import 'reflect-metadata';
import { constants, createPrivateKey, sign, webcrypto, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { DirectoryString, GeneralName, OtherName, SubjectAlternativeName } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { JPKI_OIDS } from '../signatures/certificate-attributes.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const DAY = 86_400_000;
let serial = 0x1000;

export interface Issued {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
  /** The private key for node's crypto (the signing-app stand-in signs with it). */
  privateKey: KeyObject;
  der: Buffer;
}

async function issue(options: {
  subject: string;
  issuer?: Issued;
  ca: boolean;
  notBefore?: Date;
  notAfter?: Date;
  usage?: number;
  attributes?: Partial<Record<keyof typeof JPKI_OIDS, string>>;
}): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca, options.ca ? 1 : undefined, true),
    new x509.KeyUsagesExtension(
      options.usage ??
        (options.ca
          ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
          : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation),
      true,
    ),
  ];
  if (options.attributes) {
    const names = Object.entries(options.attributes).map(
      ([k, v]) =>
        new GeneralName({
          otherName: new OtherName({
            typeId: JPKI_OIDS[k as keyof typeof JPKI_OIDS],
            value: AsnConvert.serialize(new DirectoryString({ utf8String: v })),
          }),
        }),
    );
    extensions.push(new x509.Extension('2.5.29.17', false, AsnConvert.serialize(new SubjectAlternativeName(names))));
  }
  serial += 1;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString(16).padStart(4, '0'),
    subject: options.subject,
    issuer: options.issuer?.certificate.subject ?? options.subject,
    notBefore: options.notBefore ?? new Date(now - DAY),
    notAfter: options.notAfter ?? new Date(now + 365 * DAY),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: options.issuer?.keys.privateKey ?? keys.privateKey,
    extensions,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    certificate,
    keys,
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    der: Buffer.from(certificate.rawData),
  };
}

export const makeRoot = (subject = 'CN=Test JPKI Root CA, O=Koganei Test, C=JP') =>
  issue({ subject, ca: true, notAfter: new Date(Date.now() + 3650 * DAY) });
export const makeIntermediate = (
  root: Issued,
  subject = 'CN=Test JPKI Signing CA, O=Koganei Test, C=JP',
  dates: { notBefore?: Date; notAfter?: Date } = {},
) => issue({ subject, issuer: root, ca: true, ...dates });

export const makeSigner = (
  issuer: Issued,
  options: {
    attributes?: Partial<Record<keyof typeof JPKI_OIDS, string>>;
    notBefore?: Date;
    notAfter?: Date;
    usage?: number;
    ca?: boolean;
    subject?: string;
  } = {},
) =>
  issue({
    subject: options.subject ?? `CN=signer ${serial + 1}, C=JP`,
    issuer,
    ca: options.ca ?? false,
    attributes: options.attributes ?? { name: '小金井 花子', birthDate: '19920514', sex: '2', address: '東京都小金井市本町六丁目6番3号' },
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter ? { notAfter: options.notAfter } : {}),
    ...(options.usage !== undefined ? { usage: options.usage } : {}),
  });

/** A CRL from `issuer` listing `revoked`, issued at thisUpdate (default: an hour ago), next update in a day. */
export async function makeCrl(
  issuer: Issued,
  revoked: Issued[] = [],
  dates: { thisUpdate?: Date; nextUpdate?: Date } = {},
): Promise<x509.X509Crl> {
  const thisUpdate = dates.thisUpdate ?? new Date(Date.now() - 3_600_000);
  return x509.X509CrlGenerator.create({
    issuer: issuer.certificate.subject,
    thisUpdate,
    nextUpdate: dates.nextUpdate ?? new Date(thisUpdate.getTime() + DAY),
    entries: revoked.map((r) => ({ serialNumber: r.certificate.serialNumber, revocationDate: new Date(Date.now() - 60_000) })),
    signingAlgorithm: ALG,
    signingKey: issuer.keys.privateKey,
  });
}

/** What a signing app returns: the digest signed with the certificate's key (PKCS#1 v1.5 or PSS, SHA-256). */
export function signDigest(signer: Issued, digest: Buffer, algorithm: 'RSASSA-PKCS1-v1_5' | 'RSASSA-PSS' = 'RSASSA-PKCS1-v1_5'): Buffer {
  return sign('sha256', digest, {
    key: signer.privateKey,
    padding: algorithm === 'RSASSA-PSS' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING,
    ...(algorithm === 'RSASSA-PSS' ? { saltLength: 32 } : {}),
  });
}
