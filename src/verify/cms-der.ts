/**
 * The DER pieces of a CAdES-BES SignedData (RFC 5652, RFC 5035, ETSI EN 319 122-1):
 * object identifiers, attribute encoding, DER SET OF ordering, and the signer's issuer
 * and serial taken from the certificate as received (STYLE §14: never re-encoded names).
 */
import * as asn1js from 'asn1js';
import { bytesEqual } from '../bytes';
import type { SignatureHash } from './signature';
import { CmsInputError } from './errors';

export const CMS_OID = Object.freeze({
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  /** id-aa-signingCertificateV2, RFC 5035 §3. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
});

/** NIST hash OIDs (RFC 5754 §2) and the RSA signature OIDs that pair with them (RFC 4055 §5). */
export const HASH_OID: Readonly<Record<SignatureHash, string>> = Object.freeze({
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
});
export const RSA_SIGNATURE_OID: Readonly<Record<SignatureHash, string>> = Object.freeze({
  'SHA-256': '1.2.840.113549.1.1.11',
  'SHA-384': '1.2.840.113549.1.1.12',
  'SHA-512': '1.2.840.113549.1.1.13',
});

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
const GENERALIZED_TIME_FROM_YEAR = 2050;

export function der(block: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(block.toBER(false));
}

export function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes.slice());
  // asn1js tolerates children that overrun their parent's length; a re-encoding that differs is not DER.
  if (parsed.offset !== bytes.length || !bytesEqual(new Uint8Array(parsed.result.toBER(false)), bytes)) throw new CmsInputError(`${what} is not one DER value`);
  return parsed.result;
}

/** RFC 5754 §2: hash AlgorithmIdentifiers carry no parameters. */
export function hashAlgorithm(hash: SignatureHash): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: HASH_OID[hash] })] });
}

/** RFC 4055 §5: the sha*WithRSAEncryption identifiers carry NULL parameters. */
export function rsaSignatureAlgorithm(hash: SignatureHash): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: RSA_SIGNATURE_OID[hash] }), new asn1js.Null()] });
}

export function timeValue(instant: Date): asn1js.BaseBlock {
  return instant.getUTCFullYear() >= GENERALIZED_TIME_FROM_YEAR ? new asn1js.GeneralizedTime({ valueDate: instant }) : new asn1js.UTCTime({ valueDate: instant });
}

/** Attribute ::= SEQUENCE { attrType OID, attrValues SET OF value } (RFC 5652 §5.3), one value each. */
export function attribute(oid: string, value: asn1js.BaseBlock): Uint8Array {
  return der(new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), new asn1js.Set({ value: [value] })] }));
}

/** X.690 §11.6: DER SET OF elements ascend as octet strings, the shorter padded with zeros. */
export function compareForSetOf(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** DER `SET OF` of already-encoded elements, sorted as X.690 §11.6 requires (the signature covers this exact order). */
export function setOf(elements: readonly Uint8Array[]): Uint8Array {
  const sorted = [...elements].sort(compareForSetOf);
  const children = sorted.map((e) => parseDer(e, 'attribute'));
  return der(new asn1js.Set({ value: children }));
}

export interface CertificateIdentity {
  /** The issuer Name node as parsed from the received DER. */
  readonly issuer: asn1js.AsnType;
  readonly serialNumber: asn1js.AsnType;
}

/** issuer and serialNumber from TBSCertificate (RFC 5280 §4.1): fields 1 and 3 after an optional [0] version. */
export function certificateIdentity(certificate: Uint8Array): CertificateIdentity {
  const cert = parseDer(certificate, 'the signing certificate');
  const tbs = cert instanceof asn1js.Sequence ? cert.valueBlock.value[0] : undefined;
  if (!(tbs instanceof asn1js.Sequence)) throw new CmsInputError('the signing certificate has no TBSCertificate');
  const fields = tbs.valueBlock.value;
  const at = fields[0]?.idBlock.tagClass === 3 && fields[0].idBlock.tagNumber === 0 ? 1 : 0;
  const serialNumber = fields[at];
  const issuer = fields[at + 2];
  if (!(serialNumber instanceof asn1js.Integer) || !(issuer instanceof asn1js.Sequence)) throw new CmsInputError('the signing certificate has no issuer and serial');
  return { issuer, serialNumber };
}
