/**
 * Reads a JPKI certificate with pkijs (issue 3 §3). Everything a view or the verifier
 * needs, plus the original DER (STYLE §14: signatures are checked over the bytes
 * received, never a re-encoding). Any malformed input is a CertificateParseError.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { hex } from '../bytes';
import { toJstDate } from '../rules/index';
import { readDerHeader } from './der';
import { CertificateParseError } from './errors';
import { holderFromOtherNames, jpkiOtherNames } from './holder';
import type { HolderData } from './holder';
import { OID } from './oids';

export type { HolderData, HolderSex } from './holder';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** RFC 5280 §4.2.1.3 bit order. */
const KEY_USAGE_BITS: readonly KeyUsageName[] = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

/** auth: 利用者証明用; sign: 署名用 (from the policy OIDs, jpki-protocol §5); other: CA or foreign. */
export type CertificateKind = 'auth' | 'sign' | 'other';

export interface ParsedCertificate {
  /** The bytes parsed, exactly. */
  readonly der: Uint8Array<ArrayBuffer>;
  /** The to-be-signed part as received, for signature checks. */
  readonly tbs: Uint8Array<ArrayBuffer>;
  readonly subject: string;
  readonly issuer: string;
  /** Upper-case hex, no spaces, as the DER INTEGER has it. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The JST calendar date of notAfter (the rules core's toJstDate). */
  readonly notAfterDate: string;
  readonly keyUsage: readonly KeyUsageName[];
  readonly policies: readonly string[];
  readonly kind: CertificateKind;
  readonly signatureAlgorithm: string;
  /** DER SubjectPublicKeyInfo: `crypto.subtle.importKey('spki', ...)` takes it. */
  readonly spki: Uint8Array<ArrayBuffer>;
  /** Signing certificates only: the subjectAltName holder fields. */
  readonly holder?: HolderData;
}

/** Short names for the attribute types JPKI names use; others print as their OID. */
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
};

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  if (!(der instanceof Uint8Array)) throw new CertificateParseError('certificate is not bytes');
  try {
    return parseStrict(der);
  } catch (e) {
    if (e instanceof CertificateParseError) throw e;
    // pkijs and asn1js throw plain Errors (and sometimes TypeErrors) on malformed input.
    throw new CertificateParseError(`not a readable certificate: ${e instanceof Error ? e.message : String(e)}`, {}, { cause: e });
  }
}

function parseStrict(input: Uint8Array): ParsedCertificate {
  const der = input.slice();
  const header = readDerHeader(der);
  if (header.tag !== 0x30 || header.totalLength !== der.length) {
    throw new CertificateParseError(`certificate must be exactly one DER SEQUENCE (${der.length} bytes given)`);
  }
  const cert = pkijs.Certificate.fromBER(der);
  const extensions = cert.extensions ?? [];
  const policies = policyOids(extension(extensions, OID.certificatePolicies));
  const san = extension(extensions, OID.subjectAltName);
  const holder = san === undefined ? undefined : holderFromOtherNames(jpkiOtherNames(san));
  const notBefore = cert.notBefore.value;
  const notAfter = cert.notAfter.value;
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) throw new CertificateParseError('certificate validity is not a date');
  return {
    der,
    tbs: cert.tbsView.slice(),
    subject: nameString(cert.subject),
    issuer: nameString(cert.issuer),
    serialNumber: compactHex(cert.serialNumber.valueBlock.valueHexView),
    notBefore,
    notAfter,
    notAfterDate: toJstDate(notAfter),
    keyUsage: keyUsage(extension(extensions, OID.keyUsage)),
    policies,
    kind: policies.includes(OID.policySign) ? 'sign' : policies.includes(OID.policyAuth) ? 'auth' : 'other',
    signatureAlgorithm: cert.signatureAlgorithm.algorithmId,
    spki: receivedSpki(cert.tbsView),
    ...(holder === undefined ? {} : { holder }),
  };
}

/**
 * The SubjectPublicKeyInfo exactly as received, not re-encoded (STYLE §14): the seventh
 * TBSCertificate field when the [0] version is present, the sixth otherwise (RFC 5280 §4.1).
 */
function receivedSpki(tbs: Uint8Array): Uint8Array<ArrayBuffer> {
  const parsed = parseValue(tbs, 'tbsCertificate');
  if (!(parsed instanceof asn1js.Sequence)) throw new CertificateParseError('tbsCertificate is not a SEQUENCE');
  const fields = parsed.valueBlock.value;
  const hasVersion = fields[0]?.idBlock.tagClass === 3 && fields[0].idBlock.tagNumber === 0;
  const spki = fields[hasVersion ? 6 : 5];
  if (spki === undefined) throw new CertificateParseError('tbsCertificate has no subjectPublicKeyInfo');
  return spki.valueBeforeDecodeView.slice();
}

/** The extension's extnValue octets, or undefined; a duplicate is malformed (RFC 5280 §4.2). */
function extension(extensions: readonly pkijs.Extension[], oid: string): Uint8Array | undefined {
  const found = extensions.filter((e) => e.extnID === oid);
  if (found.length > 1) throw new CertificateParseError(`extension ${oid} appears twice`);
  return found[0]?.extnValue.valueBlock.valueHexView;
}

function parseValue(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) throw new CertificateParseError(`${what} is not DER: ${parsed.result.error}`);
  return parsed.result;
}

function keyUsage(value: Uint8Array | undefined): KeyUsageName[] {
  if (value === undefined) return [];
  const bits = parseValue(value, 'keyUsage');
  if (!(bits instanceof asn1js.BitString)) throw new CertificateParseError('keyUsage is not a BIT STRING');
  const bytes = bits.valueBlock.valueHexView;
  const used = bytes.length * 8 - bits.valueBlock.unusedBits;
  return KEY_USAGE_BITS.filter((_, i) => i < used && ((bytes[i >> 3]! >> (7 - (i & 7))) & 1) === 1);
}

function policyOids(value: Uint8Array | undefined): string[] {
  if (value === undefined) return [];
  const policies = new pkijs.CertificatePolicies({ schema: parseValue(value, 'certificatePolicies') });
  return policies.certificatePolicies.map((p) => p.policyIdentifier);
}

/** Attributes in the certificate's order, `C=JP, O=JPKI, CN=...` (as openssl prints them). */
function nameString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const value = tv.value.valueBlock as { value?: unknown };
      const text = typeof value.value === 'string' ? value.value : compactHex(tv.value.valueBeforeDecodeView);
      return `${ATTRIBUTE_NAMES[tv.type] ?? tv.type}=${text}`;
    })
    .join(', ');
}

/** Upper-case hex without spaces, as serial numbers and X.500 fallbacks are shown. */
function compactHex(bytes: Uint8Array): string {
  return hex(bytes).replaceAll(' ', '');
}
