/**
 * verifyCms: a site's check of a detached CAdES-BES signature (ETSI EN 319 122-1 §5.2)
 * such as assembleSignedData makes: one signer named by issuer and serial, signed
 * attributes with content-type id-data, message-digest over the document and a
 * signing-certificate-v2 naming the signer's certificate (so it cannot be swapped for
 * another with the same key), a non-repudiation certificate valid at `now` that chains
 * to an anchor, and a PKCS#1 v1.5 signature over the received attribute bytes.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, toArrayBuffer } from '../bytes';
import { OID, type ParsedCertificate } from '../card/index';
import { checkChain, checkValidity, readCertificate } from './certificate-checks';
import { instantOf } from './clock';
import { CMS_OID, HASH_OID, RSA_SIGNATURE_OID, certificateIdentity } from './cms-der';
import {
  CertificatePurposeError, CmsContentMismatchError, CmsMalformedError, SignatureInvalidError, VerifyArgumentError, isVerifyError,
} from './errors';
import { digestInfo, pkcs1v15Matches, rsaPublicKey } from './rsa';
import type { SignatureHash, VerifiedSignature } from './signature';

export interface VerifyCmsRequest {
  /** DER ContentInfo of a detached SignedData. */
  readonly cms: Uint8Array;
  /** The document the signature is over. */
  readonly document: Uint8Array;
  readonly trustAnchors: readonly Uint8Array[];
  readonly now?: Date;
}

export interface VerifiedCms extends VerifiedSignature {
  /** The signing-time attribute: what the signer's computer claimed, not a trusted time. */
  readonly signingTime?: Date;
}

interface Parsed {
  readonly signedData: pkijs.SignedData;
  readonly signer: pkijs.SignerInfo;
  readonly certificates: readonly Uint8Array[];
  readonly signedAttributes: Uint8Array;
}

const hashByOid = new Map<string, SignatureHash>(Object.entries(HASH_OID).map(([name, oid]) => [oid, name as SignatureHash]));

function malformed(message: string): never {
  throw new CmsMalformedError(message);
}

/** The certificates as received: the [0] field of SignedData, each element's original bytes. */
function receivedCertificates(signedData: asn1js.AsnType): Uint8Array[] {
  if (!(signedData instanceof asn1js.Sequence)) return malformed('SignedData is not a SEQUENCE');
  const field = signedData.valueBlock.value.find((v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0);
  if (!(field instanceof asn1js.Constructed)) return [];
  return field.valueBlock.value.map((c) => c.valueBeforeDecodeView.slice());
}

function parse(cms: Uint8Array): Parsed {
  const read = asn1js.fromBER(cms.slice());
  // asn1js lets children run past a constructed value's stated length; re-encoding is
  // the check that the bytes are the one DER value they claim to be.
  if (read.offset !== cms.length || !bytesEqual(new Uint8Array(read.result.toBER(false)), cms)) malformed('the CMS is not one DER value');
  const info = new pkijs.ContentInfo({ schema: read.result });
  if (info.contentType !== CMS_OID.signedData) malformed(`content type ${info.contentType} is not signed-data`);
  const signedData = new pkijs.SignedData({ schema: info.content });
  if (signedData.encapContentInfo.eContentType !== CMS_OID.data) malformed('the signed content is not id-data');
  if (signedData.encapContentInfo.eContent !== undefined) malformed('the CMS carries its content; a detached signature is expected');
  if (signedData.signerInfos.length !== 1) malformed(`${signedData.signerInfos.length} signers; exactly one is expected`);
  const signer = signedData.signerInfos[0]!;
  if (signer.signedAttrs === undefined) malformed('the signer has no signed attributes (CAdES requires them)');
  return { signedData, signer, certificates: receivedCertificates(info.content), signedAttributes: new Uint8Array(signer.signedAttrs.encodedValue) };
}

function signerCertificate(signer: pkijs.SignerInfo, certificates: readonly Uint8Array[]): ParsedCertificate {
  if (!(signer.sid instanceof pkijs.IssuerAndSerialNumber)) malformed('the signer is not named by issuer and serial number');
  // Byte-exact, not X.500 name matching: the sid is unsigned, and a re-spelled name that
  // still "matches" would be a changed byte the verdict ignores (STYLE §14).
  const issuer = new Uint8Array(signer.sid.issuer.toSchema().toBER(false));
  const serial = signer.sid.serialNumber.valueBlock.valueHexView;
  const der = certificates.find((c) => {
    let named: ReturnType<typeof certificateIdentity>;
    try {
      named = certificateIdentity(c);
    } catch {
      return false; // a carried certificate we cannot read is not the signer's
    }
    return bytesEqual(named.issuer.valueBeforeDecodeView, issuer) && named.serialNumber instanceof asn1js.Integer && bytesEqual(named.serialNumber.valueBlock.valueHexView, serial);
  });
  if (der === undefined) malformed('the CMS does not carry the signer\'s certificate');
  return readCertificate(der, 'the signer\'s certificate');
}

/** The single value of a signed attribute; CMS forbids repeating one (RFC 5652 §11). */
function attributeValue(signer: pkijs.SignerInfo, type: string): asn1js.AsnType | undefined {
  const found = signer.signedAttrs?.attributes.filter((a) => a.type === type) ?? [];
  if (found.length > 1 || (found.length === 1 && found[0]!.values.length !== 1)) malformed(`attribute ${type} is repeated`);
  return found[0]?.values[0];
}

async function digest(hash: SignatureHash, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(hash, toArrayBuffer(bytes)));
}

/** RFC 5035 §3: the first ESSCertIDv2 names the signer's certificate by its hash (SHA-256 unless stated). */
async function checkSigningCertificate(signer: pkijs.SignerInfo, certificate: Uint8Array): Promise<void> {
  const value = attributeValue(signer, CMS_OID.signingCertificateV2);
  if (value === undefined) malformed('no signing-certificate-v2 attribute (CAdES-BES requires it)');
  const first = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  const essCertId = first instanceof asn1js.Sequence ? first.valueBlock.value[0] : undefined;
  if (!(essCertId instanceof asn1js.Sequence)) return malformed('signing-certificate-v2 names no certificate');
  const [head, next] = essCertId.valueBlock.value;
  const named = head instanceof asn1js.Sequence ? hashByOid.get(new pkijs.AlgorithmIdentifier({ schema: head }).algorithmId) : 'SHA-256';
  const certHash = head instanceof asn1js.Sequence ? next : head;
  if (named === undefined || !(certHash instanceof asn1js.OctetString)) return malformed('signing-certificate-v2 is not readable');
  if (!bytesEqual(certHash.valueBlock.valueHexView, await digest(named, certificate))) {
    throw new SignatureInvalidError('signing-certificate-v2 names another certificate than the one carried');
  }
}

async function checkContent(signer: pkijs.SignerInfo, hash: SignatureHash, document: Uint8Array): Promise<void> {
  const contentType = attributeValue(signer, CMS_OID.contentType);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== CMS_OID.data) malformed('content-type attribute is not id-data');
  const messageDigest = attributeValue(signer, CMS_OID.messageDigest);
  if (!(messageDigest instanceof asn1js.OctetString)) return malformed('no message-digest attribute');
  if (!bytesEqual(messageDigest.valueBlock.valueHexView, await digest(hash, document))) {
    throw new CmsContentMismatchError('the signature was made over another document');
  }
}

function signingTimeOf(signer: pkijs.SignerInfo): Date | undefined {
  const value = attributeValue(signer, CMS_OID.signingTime);
  return value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime ? value.toDate() : undefined;
}

/** RFC 5754 §2, RFC 4055 §5: these identifiers take no parameters or NULL; anything else is not the algorithm named. */
function checkNoParameters(algorithm: pkijs.AlgorithmIdentifier, what: string): void {
  const params: unknown = algorithm.algorithmParams;
  if (params !== undefined && !(params instanceof asn1js.Null)) malformed(`${what} has parameters`);
}

/**
 * The parts of SignedData no signature covers are held to RFC 5652 too (§5.1, §5.3:
 * version 1 with issuer-and-serial, the signer's digest listed in digestAlgorithms), so
 * a changed byte there is refused rather than silently ignored.
 */
function hashOf(signedData: pkijs.SignedData, signer: pkijs.SignerInfo): SignatureHash {
  if (signedData.version !== 1 || signer.version !== 1) malformed('SignedData and SignerInfo must be version 1');
  const hash = hashByOid.get(signer.digestAlgorithm.algorithmId) ?? malformed(`digest algorithm ${signer.digestAlgorithm.algorithmId} is not SHA-256/384/512`);
  if (!signedData.digestAlgorithms.some((a) => a.algorithmId === signer.digestAlgorithm.algorithmId)) malformed('digestAlgorithms does not list the signer\'s digest');
  for (const a of signedData.digestAlgorithms) checkNoParameters(a, 'a digest algorithm');
  checkNoParameters(signer.digestAlgorithm, 'the digest algorithm');
  const signature = signer.signatureAlgorithm.algorithmId;
  if (signature !== OID.rsaEncryption && signature !== RSA_SIGNATURE_OID[hash]) malformed(`signature algorithm ${signature} is not RSA PKCS#1 v1.5 with ${hash}`);
  checkNoParameters(signer.signatureAlgorithm, 'the signature algorithm');
  if (signer.unsignedAttrs !== undefined) malformed('unsigned attributes are not expected in CAdES-BES');
  return hash;
}

/** pkijs throws plain Errors on malformed structures; they become CmsMalformedError. */
function parseOrRefuse(cms: Uint8Array): Parsed & { hash: SignatureHash; cert: ParsedCertificate } {
  try {
    const parsed = parse(cms);
    return { ...parsed, hash: hashOf(parsed.signedData, parsed.signer), cert: signerCertificate(parsed.signer, parsed.certificates) };
  } catch (e) {
    if (isVerifyError(e)) throw e;
    throw new CmsMalformedError(`not a readable SignedData: ${e instanceof Error ? e.message : String(e)}`, {}, { cause: e });
  }
}

export async function verifyCms(request: VerifyCmsRequest): Promise<VerifiedCms> {
  if (!(request.cms instanceof Uint8Array) || !(request.document instanceof Uint8Array)) throw new VerifyArgumentError('cms and document must be bytes');
  const now = instantOf(request.now);
  const { signer, certificates, signedAttributes, hash, cert } = parseOrRefuse(request.cms);
  if (!cert.keyUsage.includes('nonRepudiation')) throw new CertificatePurposeError('the signer\'s certificate lacks nonRepudiation', { keyUsage: cert.keyUsage.join(' ') });
  checkValidity(cert, now);
  await checkChain(cert, request.trustAnchors, now, certificates.filter((c) => !bytesEqual(c, cert.der)));
  try {
    await checkContent(signer, hash, request.document);
    await checkSigningCertificate(signer, cert.der);
  } catch (e) {
    if (isVerifyError(e)) throw e;
    throw new CmsMalformedError('signed attributes are not readable', {}, { cause: e });
  }
  const info = digestInfo(hash, await digest(hash, signedAttributes));
  if (!pkcs1v15Matches(rsaPublicKey(cert.spki), info, signer.signature.valueBlock.valueHexView)) {
    throw new SignatureInvalidError('the signature over the signed attributes does not verify');
  }
  const signingTime = signingTimeOf(signer);
  return {
    subject: cert.subject, issuer: cert.issuer, serialNumber: cert.serialNumber, notBefore: cert.notBefore, notAfter: cert.notAfter,
    certificate: cert.der, hashFunction: hash,
    ...(cert.holder === undefined ? {} : { holder: cert.holder }),
    ...(signingTime === undefined ? {} : { signingTime }),
  };
}
