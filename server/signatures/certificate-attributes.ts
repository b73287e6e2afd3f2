/**
 * The signer's 基本4情報 as the マイナンバーカード's 署名用電子証明書 carries them: otherName entries of
 * the subjectAltName extension, each a UTF8String under an OID of the JPKI certificate profile
 * (公的個人認証サービス 署名用電子証明書). The OIDs are named once here; a city connecting another
 * provider's certificates confirms them against that provider's profile (docs/signatures.md).
 */
import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import { DirectoryString, SubjectAlternativeName } from '@peculiar/asn1-x509';
import type { X509Certificate } from '@peculiar/x509';

export const JPKI_OIDS = {
  name: '1.2.392.200149.8.5.5.1',
  sex: '1.2.392.200149.8.5.5.3',
  birthDate: '1.2.392.200149.8.5.5.4',
  address: '1.2.392.200149.8.5.5.5',
} as const;

export interface SignerAttributes {
  name: string | null;
  /** ISO date (YYYY-MM-DD) when the certificate's value can be read as one. */
  birthDate: string | null;
  sex: string | null;
  address: string | null;
}

const SUBJECT_ALT_NAME = '2.5.29.17';

function text(value: ArrayBuffer): string | null {
  try {
    const s = AsnConvert.parse(value, DirectoryString);
    return (s.utf8String ?? s.printableString ?? s.bmpString ?? s.universalString ?? s.teletexString ?? null)?.normalize('NFC') ?? null;
  } catch {
    return null;
  }
}

/** YYYYMMDD or YYYY-MM-DD → YYYY-MM-DD (anything else: null, so it never matches an answer by accident). */
export function isoBirthDate(value: string | null): string | null {
  const m = value ? /^(\d{4})-?(\d{2})-?(\d{2})$/u.exec(value.trim()) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export function signerAttributes(certificate: X509Certificate): SignerAttributes {
  const found: Record<string, string | null> = {};
  const extension = certificate.extensions.find((e) => e.type === SUBJECT_ALT_NAME);
  if (extension) {
    const names = AsnConvert.parse(extension.value, SubjectAlternativeName);
    for (const n of names) if (n.otherName) found[n.otherName.typeId] = text(n.otherName.value);
  }
  return {
    name: found[JPKI_OIDS.name] ?? null,
    birthDate: isoBirthDate(found[JPKI_OIDS.birthDate] ?? null),
    sex: found[JPKI_OIDS.sex] ?? null,
    address: found[JPKI_OIDS.address] ?? null,
  };
}
