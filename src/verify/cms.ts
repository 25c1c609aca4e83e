/**
 * CAdES-BES detached signatures (ETSI EN 319 122-1 §5.2, RFC 5652) in two steps, because
 * the private key is on the card: prepareSignedAttributes gives the DER signed attributes
 * and the hash the card must sign (JpkiCard.sign wraps it in a DigestInfo, so the result
 * is an ordinary sha*WithRSAEncryption over the attributes); assembleSignedData puts the
 * card's signature, the certificates and those same attribute bytes into a SignedData.
 */
import * as asn1js from 'asn1js';
import { bytesEqual, toArrayBuffer } from '../bytes';
import { readCertificate } from './certificate-checks';
import { instantOf } from './clock';
import {
  CMS_OID, attribute, certificateIdentity, der, hashAlgorithm, parseDer, rsaSignatureAlgorithm, setOf, timeValue,
} from './cms-der';
import { CmsInputError, SignatureInvalidError, VerifyArgumentError } from './errors';
import { digestInfo, pkcs1v15Matches, rsaPublicKey } from './rsa';
import type { SignatureHash } from './signature';

export interface PreparedSignature {
  /** DER `SET OF Attribute` (tag 0x31): the bytes the signature covers (RFC 5652 §5.4). */
  readonly signedAttributesDer: Uint8Array;
  /** hashFunction over signedAttributesDer: what the card signs. */
  readonly hashToSign: Uint8Array;
  readonly hashFunction: SignatureHash;
  /** The signing certificate the attributes name, as given. */
  readonly certificate: Uint8Array;
}

export interface PrepareOptions {
  /** The signing-time attribute's value; the current time when absent. */
  readonly signingTime?: Date;
}

export interface AssembleRequest {
  readonly prepared: PreparedSignature;
  /** The card's PKCS#1 v1.5 signature over prepared.hashToSign. */
  readonly signature: Uint8Array;
  readonly certificate: Uint8Array;
  /** Further certificates to carry (CA certificates), DER. */
  readonly chain?: readonly Uint8Array[];
}

const HASHES: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'];

async function digest(hashFunction: SignatureHash, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(hashFunction, toArrayBuffer(bytes)));
}

/**
 * SigningCertificateV2 (RFC 5035 §3): one ESSCertIDv2 with the certificate's hash and
 * its issuer and serial. hashAlgorithm is DEFAULT sha256, so DER leaves it out then.
 */
async function signingCertificateV2(certificate: Uint8Array, hashFunction: SignatureHash): Promise<asn1js.Sequence> {
  const { issuer, serialNumber } = certificateIdentity(certificate);
  const directoryName = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [issuer] });
  const issuerSerial = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [directoryName] }), serialNumber] });
  const certHash = new asn1js.OctetString({ valueHex: toArrayBuffer(await digest(hashFunction, certificate)) });
  const essCertId = new asn1js.Sequence({ value: [...(hashFunction === 'SHA-256' ? [] : [hashAlgorithm(hashFunction)]), certHash, issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

export async function prepareSignedAttributes(document: Uint8Array, signingCertificate: Uint8Array, hashFunction: SignatureHash, options: PrepareOptions = {}): Promise<PreparedSignature> {
  if (!(document instanceof Uint8Array)) throw new VerifyArgumentError('document must be bytes');
  if (typeof hashFunction !== 'string' || !HASHES.includes(hashFunction)) throw new VerifyArgumentError('hashFunction must be SHA-256, SHA-384 or SHA-512');
  const certificate = readCertificate(signingCertificate, 'the signing certificate').der;
  const signingTime = instantOf(options.signingTime);
  const signedAttributesDer = setOf([
    attribute(CMS_OID.contentType, new asn1js.ObjectIdentifier({ value: CMS_OID.data })),
    attribute(CMS_OID.signingTime, timeValue(signingTime)),
    attribute(CMS_OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(await digest(hashFunction, document)) })),
    attribute(CMS_OID.signingCertificateV2, await signingCertificateV2(certificate, hashFunction)),
  ]);
  return { signedAttributesDer, hashToSign: await digest(hashFunction, signedAttributesDer), hashFunction, certificate };
}

/** RFC 5652 §5.3: in SignerInfo the attributes are [0] IMPLICIT, the same content under tag A0. */
function implicitSignedAttributes(prepared: PreparedSignature): asn1js.Constructed {
  const set = parseDer(prepared.signedAttributesDer, 'signedAttributesDer');
  if (!(set instanceof asn1js.Set)) throw new CmsInputError('signedAttributesDer is not a SET');
  const tagged = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: set.valueBlock.value });
  // The signature covers the received bytes; a re-encoding that differed would break it.
  const expected = Uint8Array.of(0xa0, ...prepared.signedAttributesDer.subarray(1));
  if (!bytesEqual(der(tagged), expected)) throw new CmsInputError('signedAttributesDer is not DER');
  return tagged;
}

async function checkAssembleInput(request: AssembleRequest): Promise<void> {
  const { prepared, signature, certificate } = request;
  if (!HASHES.includes(String(prepared?.hashFunction))) throw new CmsInputError('prepared must be what prepareSignedAttributes returned');
  if (typeof prepared !== 'object' || prepared === null || !(prepared.signedAttributesDer instanceof Uint8Array) || !(prepared.certificate instanceof Uint8Array)) {
    throw new CmsInputError('prepared must be what prepareSignedAttributes returned');
  }
  if (!(signature instanceof Uint8Array)) throw new CmsInputError('signature must be bytes');
  if (!(certificate instanceof Uint8Array) || !bytesEqual(certificate, prepared.certificate)) {
    throw new CmsInputError('the certificate is not the one the signed attributes name');
  }
  // The hash is recomputed, not trusted: the signature must cover the attributes that go in.
  const info = digestInfo(prepared.hashFunction, await digest(prepared.hashFunction, prepared.signedAttributesDer));
  // A signature by another key would make a container no verifier accepts; say so now.
  if (!pkcs1v15Matches(rsaPublicKey(readCertificate(certificate, 'the signing certificate').spki), info, signature)) {
    throw new SignatureInvalidError('the signature is not the certificate key\'s signature over the signed attributes');
  }
}

/** DER ContentInfo holding a detached SignedData (no eContent: the document travels apart). */
export async function assembleSignedData(request: AssembleRequest): Promise<Uint8Array> {
  await checkAssembleInput(request);
  const { prepared, signature, certificate } = request;
  const { issuer, serialNumber } = certificateIdentity(certificate);
  const certificates = [certificate, ...(request.chain ?? [])].map((c, i) => {
    if (!(c instanceof Uint8Array)) throw new CmsInputError(`chain certificate ${i} is not bytes`);
    return parseDer(readCertificate(c, `certificate ${i}`).der, `certificate ${i}`);
  });
  const signerInfo = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }), // v1: the signer is named by issuer and serial (RFC 5652 §5.3)
      new asn1js.Sequence({ value: [issuer, serialNumber] }),
      hashAlgorithm(prepared.hashFunction),
      implicitSignedAttributes(prepared),
      rsaSignatureAlgorithm(prepared.hashFunction),
      new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
    ],
  });
  const signedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }), // v1: id-data content, no attribute certificates (RFC 5652 §5.1)
      new asn1js.Set({ value: [hashAlgorithm(prepared.hashFunction)] }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: CMS_OID.data })] }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: certificates }),
      new asn1js.Set({ value: [signerInfo] }),
    ],
  });
  return der(new asn1js.Sequence({
    value: [new asn1js.ObjectIdentifier({ value: CMS_OID.signedData }), new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [signedData] })],
  }));
}
