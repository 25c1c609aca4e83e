/**
 * Object identifiers of the JPKI certificates (jpki-protocol.md §5, §6; rules.md §9).
 * The parser matches by these, never by position; the test CA issues with them.
 */
export const OID = Object.freeze({
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  rsaEncryption: '1.2.840.113549.1.1.1',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  subjectKeyIdentifier: '2.5.29.14',
  /** 署名用電子証明書 policy. */
  policySign: '1.2.392.200149.8.5.1.1.20',
  /** 利用者証明用電子証明書 policy. */
  policyAuth: '1.2.392.200149.8.5.1.3.30',
  /** subjectAltName otherName type-ids of the signing certificate (jpki-protocol §6). */
  sanName: '1.2.392.200149.8.5.5.1',
  sanNameSubstitutes: '1.2.392.200149.8.5.5.2',
  sanSex: '1.2.392.200149.8.5.5.3',
  sanBirthDate: '1.2.392.200149.8.5.5.4',
  sanAddress: '1.2.392.200149.8.5.5.5',
  sanAddressSubstitutes: '1.2.392.200149.8.5.5.6',
});

/** Hash algorithms a DigestInfo may name, with their DER prefixes (jpki-protocol §3.5). */
export const DIGEST_INFO_PREFIX = Object.freeze({
  'SHA-1': '30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14',
  'SHA-256': '30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20',
  'SHA-384': '30 41 30 0D 06 09 60 86 48 01 65 03 04 02 02 05 00 04 30',
  'SHA-512': '30 51 30 0D 06 09 60 86 48 01 65 03 04 02 03 05 00 04 40',
} as const);

export type HashName = keyof typeof DIGEST_INFO_PREFIX;

export const DIGEST_LENGTH: Readonly<Record<HashName, number>> = Object.freeze({
  'SHA-1': 20,
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
});
