/**
 * The platform's own signature verification (server/signatures), against a PKI made here: a root,
 * an intermediate, signers valid, expired, revoked and from another CA, and CRLs current, stale and
 * forged. Every refusal has its stable code; the accepted one names the signer from the certificate.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.ts';
import { buildTrustStore, loadTrustStore, readCertificates, readCrls, type TrustStore } from '../../../server/signatures/trust.ts';
import { verifySignature, type SignatureToVerify } from '../../../server/signatures/verify.ts';
import { makeCrl, makeIntermediate, makeRoot, makeSigner, signDigest, type Issued } from '../../helpers/pki.ts';

const DAY = 86_400_000;
const digest = createHash('sha256').update('{"answers":{"name":"小金井 花子"}}').digest();
const options = () => ({ at: new Date(), crlMaxAgeMs: 2 * DAY });

let root: Issued;
let ca: Issued;
let signer: Issued;
let revoked: Issued;
let expired: Issued;
let trust: TrustStore;

const input = (who: Issued, overrides: Partial<SignatureToVerify> = {}): SignatureToVerify => ({
  digest,
  signature: signDigest(who, digest),
  algorithm: 'RSASSA-PKCS1-v1_5',
  certificate: who.der,
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number; ja: string; en: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, status: error.status, ja: error.text.ja, en: error.text.en };
    throw error;
  }
  throw new Error('accepted, but should have been refused');
}

beforeAll(async () => {
  root = await makeRoot();
  ca = await makeIntermediate(root);
  signer = await makeSigner(ca);
  revoked = await makeSigner(ca);
  expired = await makeSigner(ca, { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
  trust = await buildTrustStore([root.certificate], [ca.certificate], [await makeCrl(root), await makeCrl(ca, [revoked])]);
}, 60_000);

// Each test makes RSA keys of its own: seconds on a busy two-core machine.
describe('a signature made with a signing certificate', { timeout: 30_000 }, () => {
  it('is accepted when it signs exactly this digest, with the signer read from the certificate', async () => {
    const result = await verifySignature(input(signer), trust, options());
    expect(result).toMatchObject({
      algorithm: 'RSASSA-PKCS1-v1_5',
      signer: { name: '小金井 花子', birthDate: '1992-05-14', sex: '2', address: '東京都小金井市本町六丁目6番3号' },
      certificate: { serialNumber: signer.certificate.serialNumber, issuer: ca.certificate.subject },
      anchor: root.certificate.subject,
    });
    expect(result.certificate.sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(new Date(result.crlThisUpdate).getTime()).toBeLessThan(Date.now());
  });

  it('is accepted with RSA-PSS too', async () => {
    const result = await verifySignature(
      input(signer, { signature: signDigest(signer, digest, 'RSASSA-PSS'), algorithm: 'RSASSA-PSS' }),
      trust,
      options(),
    );
    expect(result.algorithm).toBe('RSASSA-PSS');
  });

  it('is refused when it signs another digest, is altered, or was made with another key', async () => {
    const other = createHash('sha256').update('something else').digest();
    expect((await refusal(verifySignature(input(signer, { signature: signDigest(signer, other) }), trust, options()))).code).toBe(
      'SIGNATURE_INVALID',
    );
    const altered = Buffer.from(signDigest(signer, digest));
    altered[10] = altered[10]! ^ 0xff;
    expect((await refusal(verifySignature(input(signer, { signature: altered }), trust, options()))).code).toBe('SIGNATURE_INVALID');
    expect((await refusal(verifySignature(input(signer, { signature: signDigest(revoked, digest) }), trust, options()))).code).toBe(
      'SIGNATURE_INVALID',
    );
    // Signed with PKCS#1 v1.5 but declared PSS.
    expect((await refusal(verifySignature(input(signer, { algorithm: 'RSASSA-PSS' }), trust, options()))).code).toBe('SIGNATURE_INVALID');
  });

  it('is refused when the certificate has expired (or is not yet valid), saying so in Japanese and English', async () => {
    const r = await refusal(verifySignature(input(expired), trust, options()));
    expect(r).toMatchObject({ code: 'SIGNATURE_CERTIFICATE_EXPIRED', status: 422 });
    expect(r.ja).toContain('有効期限');
    expect(r.en).toContain('expired');
    const future = await makeSigner(ca, { notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 30 * DAY) });
    expect((await refusal(verifySignature(input(future), trust, options()))).code).toBe('SIGNATURE_CERTIFICATE_EXPIRED');
  });

  it('is refused when the certificate is revoked', async () => {
    const r = await refusal(verifySignature(input(revoked), trust, options()));
    expect(r).toMatchObject({ code: 'SIGNATURE_CERTIFICATE_REVOKED', status: 422 });
    expect(r.ja).toContain('失効');
  });

  it('is refused when the certificate comes from a CA the city does not trust, even one with the same name', async () => {
    const otherRoot = await makeRoot('CN=Test JPKI Root CA, O=Koganei Test, C=JP'); // same name, other key
    const otherCa = await makeIntermediate(otherRoot);
    const stranger = await makeSigner(otherCa);
    expect((await refusal(verifySignature(input(stranger), trust, options()))).code).toBe('SIGNATURE_CERTIFICATE_UNTRUSTED');
    // Sending the other CA along does not make it trusted.
    expect((await refusal(verifySignature(input(stranger, { chain: [otherCa.der, otherRoot.der] }), trust, options()))).code).toBe(
      'SIGNATURE_CERTIFICATE_UNTRUSTED',
    );
    // A self-signed "signer".
    const selfSigned = await makeRoot('CN=小金井 花子, C=JP');
    const asSigner = { ...selfSigned };
    expect((await refusal(verifySignature(input(asSigner), trust, options()))).code).toBe('SIGNATURE_CERTIFICATE_UNUSABLE');
  });

  it('accepts the intermediate sent along by the signing app when the city configured only the root', async () => {
    const rootOnly = await buildTrustStore([root.certificate], [], [await makeCrl(root), await makeCrl(ca, [revoked])]);
    expect((await refusal(verifySignature(input(signer), rootOnly, options()))).code).toBe('SIGNATURE_CERTIFICATE_UNTRUSTED');
    expect((await verifySignature(input(signer, { chain: [ca.der] }), rootOnly, options())).anchor).toBe(root.certificate.subject);
  });

  it('is refused when the certificate is not for signing, or cannot be read', async () => {
    const encipherOnly = await makeSigner(ca, { usage: x509.KeyUsageFlags.keyEncipherment });
    expect((await refusal(verifySignature(input(encipherOnly), trust, options()))).code).toBe('SIGNATURE_CERTIFICATE_UNUSABLE');
    expect((await refusal(verifySignature(input(signer, { certificate: Buffer.from('not a certificate') }), trust, options()))).code).toBe(
      'SIGNATURE_CERTIFICATE_UNUSABLE',
    );
  });
});

describe('revocation lists', { timeout: 30_000 }, () => {
  it('a stale CRL (past its next update, or older than the city allows) refuses every signature with 503, saying why', async () => {
    const old = new Date(Date.now() - 3 * DAY);
    const stale = await buildTrustStore(
      [root.certificate],
      [ca.certificate],
      [await makeCrl(root), await makeCrl(ca, [], { thisUpdate: old })],
    );
    const r = await refusal(verifySignature(input(signer), stale, options()));
    expect(r).toMatchObject({ code: 'SIGNATURE_REVOCATION_UNKNOWN', status: 503 });
    expect(r.ja).toContain('失効情報');
    const longLived = await buildTrustStore(
      [root.certificate],
      [ca.certificate],
      [await makeCrl(root), await makeCrl(ca, [], { thisUpdate: old, nextUpdate: new Date(Date.now() + 30 * DAY) })],
    );
    expect((await refusal(verifySignature(input(signer), longLived, options()))).code).toBe('SIGNATURE_REVOCATION_UNKNOWN');
  });

  it('no CRL from the issuing CA, or one not signed by it, is no CRL', async () => {
    const none = await buildTrustStore([root.certificate], [ca.certificate], [await makeCrl(root)]);
    expect((await refusal(verifySignature(input(signer), none, options()))).code).toBe('SIGNATURE_REVOCATION_UNKNOWN');
    const impostor = await makeIntermediate(await makeRoot(), ca.certificate.subject); // same name as the CA, other key
    const forged = await buildTrustStore([root.certificate], [ca.certificate], [await makeCrl(root), await makeCrl(impostor)]);
    expect(forged.problems[0]).toContain('is not signed by that configured CA');
    expect((await refusal(verifySignature(input(revoked), forged, options()))).code).toBe('SIGNATURE_REVOCATION_UNKNOWN');
  });

  it('a revoked intermediate makes its signers untrusted', async () => {
    const otherCa = await makeIntermediate(root, 'CN=Test JPKI Other CA, O=Koganei Test, C=JP');
    const underIt = await makeSigner(otherCa);
    const store = await buildTrustStore(
      [root.certificate],
      [ca.certificate, otherCa.certificate],
      [await makeCrl(root, [otherCa]), await makeCrl(otherCa)],
    );
    expect((await refusal(verifySignature(input(underIt), store, options()))).code).toBe('SIGNATURE_CERTIFICATE_UNTRUSTED');
  });

  it('reads CA bundles and CRLs from PEM (either CRL label) and DER files', async () => {
    const bundle = Buffer.from(`${root.certificate.toString('pem')}\n${ca.certificate.toString('pem')}\n`);
    expect(readCertificates(bundle).map((c) => c.subject)).toEqual([root.certificate.subject, ca.certificate.subject]);
    expect(readCertificates(ca.der)[0]!.subject).toBe(ca.certificate.subject);
    const crl = await makeCrl(ca, [revoked]);
    const pem = crl.toString('pem');
    expect(readCrls(Buffer.from(pem))[0]!.findRevoked(revoked.certificate)).toBeTruthy();
    expect(readCrls(Buffer.from(pem.replaceAll('BEGIN CRL', 'BEGIN X509 CRL').replaceAll('END CRL', 'END X509 CRL')))).toHaveLength(1);
    expect(readCrls(Buffer.from(crl.rawData))).toHaveLength(1);
    // The files a city configures: a PEM bundle of anchors, DER intermediates, a PEM and a DER CRL.
    const dir = mkdtempSync(path.join(tmpdir(), 'trust-'));
    writeFileSync(path.join(dir, 'anchors.pem'), root.certificate.toString('pem'));
    writeFileSync(path.join(dir, 'intermediates.der'), ca.der);
    writeFileSync(path.join(dir, 'root.crl'), (await makeCrl(root)).toString('pem'));
    writeFileSync(path.join(dir, 'ca.crl'), Buffer.from(crl.rawData));
    const loaded = await loadTrustStore({
      anchors: path.join(dir, 'anchors.pem'),
      intermediates: path.join(dir, 'intermediates.der'),
      crls: [path.join(dir, 'root.crl'), path.join(dir, 'ca.crl')],
    });
    expect(loaded.problems).toEqual([]);
    expect((await refusal(verifySignature(input(revoked), loaded, options()))).code).toBe('SIGNATURE_CERTIFICATE_REVOKED');
    expect((await verifySignature(input(signer), loaded, options())).anchor).toBe(root.certificate.subject);
  });
});
