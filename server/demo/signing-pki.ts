/**
 * The demo's (and the tests') stand-in for JPKI, made on the spot and written to a folder as a
 * city would configure it: the trust anchor (root CA), the CRLs of the root and the signing CA,
 * and one 署名用電子証明書 per synthetic resident, plus cards that must be refused (expired,
 * revoked, from a CA the city does not trust). Synthetic people only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeCrl, makeIntermediate, makeRoot, makeSigner, type Issued } from './pki.ts';
import type { SigningCard } from './signing-app.ts';
import type { SyntheticResident } from './identity-provider.ts';

const DAY = 86_400_000;

export interface SigningPki {
  anchorsFile: string;
  crlFiles: string[];
  cards: SigningCard[];
  root: Issued;
  intermediate: Issued;
  /** Rewrites the signing CA's CRL (tests: a stale one, or one issued now). */
  writeSigningCaCrl: (dates?: { thisUpdate?: Date; nextUpdate?: Date }) => Promise<void>;
}

const sexCode = (g: SyntheticResident['gender']) => (g === 'male' ? '1' : '2');
const attributesOf = (r: SyntheticResident) => ({
  name: r.name,
  birthDate: r.birthdate.replaceAll('-', ''),
  sex: sexCode(r.gender),
  address: r.address,
});

export async function makeSigningPki(dir: string, residents: SyntheticResident[]): Promise<SigningPki> {
  mkdirSync(dir, { recursive: true });
  const root = await makeRoot('CN=Demo JPKI Root CA, O=Koganei Demo, C=JP');
  const intermediate = await makeIntermediate(root, 'CN=Demo JPKI Signing CA, O=Koganei Demo, C=JP');
  const chain = [intermediate.der];
  const cards: SigningCard[] = [];
  for (const r of residents)
    cards.push({
      id: r.sub,
      label: `${r.name}（有効な署名用電子証明書）`,
      signer: await makeSigner(intermediate, { attributes: attributesOf(r) }),
      chain,
    });
  const first = residents[0]!;
  const now = Date.now();
  const expired = await makeSigner(intermediate, {
    attributes: attributesOf(first),
    notBefore: new Date(now - 400 * DAY),
    notAfter: new Date(now - 35 * DAY),
  });
  const revoked = await makeSigner(intermediate, { attributes: attributesOf(first) });
  // Another CA with the same names: the city never configured it.
  const otherRoot = await makeRoot('CN=Demo JPKI Root CA, O=Koganei Demo, C=JP');
  const otherCa = await makeIntermediate(otherRoot, 'CN=Demo JPKI Signing CA, O=Koganei Demo, C=JP');
  const untrusted = await makeSigner(otherCa, { attributes: attributesOf(first) });
  cards.push(
    { id: `${first.sub}-expired`, label: `${first.name}（有効期限が切れた証明書）`, signer: expired, chain },
    { id: `${first.sub}-revoked`, label: `${first.name}（失効した証明書）`, signer: revoked, chain },
    { id: `${first.sub}-untrusted`, label: `${first.name}（信頼されていない発行元の証明書）`, signer: untrusted, chain: [otherCa.der] },
  );

  const anchorsFile = path.join(dir, 'anchors.pem');
  const rootCrlFile = path.join(dir, 'root.crl.pem');
  const caCrlFile = path.join(dir, 'signing-ca.crl.pem');
  writeFileSync(anchorsFile, root.certificate.toString('pem'));
  writeFileSync(rootCrlFile, (await makeCrl(root, [], { nextUpdate: new Date(now + 30 * DAY) })).toString('pem'));
  const writeSigningCaCrl = async (dates: { thisUpdate?: Date; nextUpdate?: Date } = {}) => {
    writeFileSync(caCrlFile, (await makeCrl(intermediate, [revoked], dates)).toString('pem'));
  };
  await writeSigningCaCrl();
  return { anchorsFile, crlFiles: [rootCrlFile, caCrlFile], cards, root, intermediate, writeSigningCaCrl };
}
