/**
 * The X.509 pieces the test CA assembles with pkijs: names, times, extensions and the
 * signature. Shapes follow the real JPKI certificates (jpki-protocol §5, §6).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../../card/index';

/**
 * X.500 attribute types and the CPS qualifier id (RFC 5280 §4.1.2.4, §4.2.1.4). They
 * are not in src/card/oids.ts, which holds only the JPKI-specific identifiers.
 */
const ATTRIBUTE = Object.freeze({ C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', L: '2.5.4.7', CN: '2.5.4.3' });
const ID_QT_CPS = '1.3.6.1.5.5.7.2.1';

export type NamePart = readonly [keyof typeof ATTRIBUTE, string];

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
const GENERALIZED_TIME_FROM_YEAR = 2050;

let engine: pkijs.CryptoEngine | undefined;

/** pkijs over whatever WebCrypto this runtime has (Node 20, Chrome service worker). */
function cryptoEngine(): pkijs.CryptoEngine {
  engine ??= new pkijs.CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto });
  return engine;
}

function isPrintable(text: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text);
}

/**
 * One attribute per RDN, as CA names are written (RFC 5280 §4.1.2.4). ASCII that fits
 * goes as PrintableString (C must, RFC 5280 App. A); anything else as UTF8String.
 * Encoded here and parsed back because pkijs would put every attribute into one
 * multi-valued RDN.
 */
function buildName(parts: readonly NamePart[]): pkijs.RelativeDistinguishedNames {
  const rdns = parts.map(([type, value]) => new asn1js.Set({
    value: [new pkijs.AttributeTypeAndValue({
      type: ATTRIBUTE[type],
      value: isPrintable(value) ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
    }).toSchema()],
  }));
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

function buildTime(instant: Date): pkijs.Time {
  const type = instant.getUTCFullYear() >= GENERALIZED_TIME_FROM_YEAR ? 1 : 0;
  return new pkijs.Time({ type, value: instant });
}

function ext(extnID: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

/** KeyUsage bits (RFC 5280 §4.2.1.3) in the first octet: bit 0 is 0x80. */
export const KEY_USAGE = Object.freeze({ digitalSignature: 0x80, nonRepudiation: 0x40, keyCertSign: 0x04, cRLSign: 0x02 });

/** Always critical on JPKI certificates (jpki-protocol §5); DER keeps no trailing zero bits. */
export function keyUsageExtension(bits: number): pkijs.Extension {
  let unused = 0;
  while (unused < 7 && (bits & (1 << unused)) === 0) unused++;
  return ext(OID.keyUsage, true, new asn1js.BitString({ valueHex: new Uint8Array([bits]), unusedBits: unused }));
}

export function basicConstraintsCaExtension(): pkijs.Extension {
  return ext(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true }).toSchema());
}

export function policyExtension(policy: string, cpsUri?: string): pkijs.Extension {
  const policyQualifiers = cpsUri === undefined ? undefined : [new pkijs.PolicyQualifierInfo({
    policyQualifierId: ID_QT_CPS, qualifier: new asn1js.IA5String({ value: cpsUri }),
  })];
  const info = new pkijs.PolicyInformation({ policyIdentifier: policy, ...(policyQualifiers ? { policyQualifiers } : {}) });
  return ext(OID.certificatePolicies, false, new pkijs.CertificatePolicies({ certificatePolicies: [info] }).toSchema());
}

/** issuerAltName as a directoryName (jpki-protocol §5: DirName C=JP, O=公的個人認証サービス). */
export function issuerAltNameExtension(dirName: readonly NamePart[]): pkijs.Extension {
  const names = new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: buildName(dirName) })] });
  return ext(OID.issuerAltName, false, names.toSchema());
}

/**
 * subjectAltName of otherNames, each `[0] { type-id, [0] EXPLICIT UTF8String }`
 * (jpki-protocol §6). Built with asn1js directly: pkijs's GeneralName would wrap an
 * otherName SEQUENCE in an extra explicit tag.
 */
export function otherNamesExtension(entries: readonly (readonly [string, string])[]): pkijs.Extension {
  const names = entries.map(([typeId, value]) => new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [
      new asn1js.ObjectIdentifier({ value: typeId }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Utf8String({ value })] }),
    ],
  }));
  return ext(OID.subjectAltName, false, new asn1js.Sequence({ value: names }));
}

async function keyIdentifier(spki: pkijs.PublicKeyInfo): Promise<Uint8Array> {
  // RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value.
  const bits = spki.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', bits.slice()));
}

export async function keyIdExtensions(subject: pkijs.PublicKeyInfo, issuer: pkijs.PublicKeyInfo): Promise<pkijs.Extension[]> {
  const ski = new asn1js.OctetString({ valueHex: await keyIdentifier(subject) });
  const aki = new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: await keyIdentifier(issuer) }) });
  return [ext(OID.authorityKeyIdentifier, false, aki.toSchema()), ext(OID.subjectKeyIdentifier, false, ski)];
}

export function parseSpki(der: Uint8Array): pkijs.PublicKeyInfo {
  return pkijs.PublicKeyInfo.fromBER(der.slice());
}

export interface CertificateFields {
  readonly serial: Uint8Array;
  readonly issuer: readonly NamePart[];
  readonly subject: readonly NamePart[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectSpki: Uint8Array;
  readonly extensions: readonly pkijs.Extension[];
}

/** sha256WithRSAEncryption, as every JPKI certificate (jpki-protocol §5). */
export async function signCertificate(fields: CertificateFields, issuerKey: CryptoKey): Promise<Uint8Array> {
  const cert = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: fields.serial }),
    issuer: buildName(fields.issuer),
    subject: buildName(fields.subject),
    notBefore: buildTime(fields.notBefore),
    notAfter: buildTime(fields.notAfter),
    subjectPublicKeyInfo: parseSpki(fields.subjectSpki),
    extensions: [...fields.extensions],
  });
  await cert.sign(issuerKey, 'SHA-256', cryptoEngine());
  return new Uint8Array(cert.toSchema(true).toBER(false));
}
