/**
 * verifySignature: checks a signature a My Number Card's signing key made over a hash
 * the site computed (the card signs the DigestInfo the host sends, jpki-protocol §3.5).
 * The certificate must be for signatures (nonRepudiation, the 署名用 key usage `06 C0`),
 * valid at `now` and chain to an anchor; then the signature must match byte for byte.
 */
import type { HolderData, ParsedCertificate } from '../card/index';
import { checkChain, checkValidity, readCertificate } from './certificate-checks';
import { instantOf } from './clock';
import { CertificatePurposeError, SignatureInvalidError, VerifyArgumentError } from './errors';
import { digestInfo, pkcs1v15Matches, rsaPublicKey } from './rsa';

/** SHA-1 is left out on purpose: no new signature should rest on it. */
export type SignatureHash = 'SHA-256' | 'SHA-384' | 'SHA-512';
const SIGNATURE_HASHES: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'];

export interface VerifySignatureRequest {
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** The digest that was signed (not the document). */
  readonly hash: Uint8Array;
  readonly hashFunction: SignatureHash;
  readonly signature: Uint8Array;
  readonly trustAnchors: readonly Uint8Array[];
  /** DER certificates between the signer's and an anchor; JPKI needs none (roots issue directly). */
  readonly intermediates?: readonly Uint8Array[];
  /** The instant the signature must have been valid at; the current time when absent. */
  readonly now?: Date;
}

export interface VerifiedSignature {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly certificate: Uint8Array<ArrayBuffer>;
  /** Name, address, birth date and sex from a JPKI signing certificate. */
  readonly holder?: HolderData;
  readonly hashFunction: SignatureHash;
}

function checkSigningPurpose(cert: ParsedCertificate): void {
  if (!cert.keyUsage.includes('nonRepudiation')) {
    throw new CertificatePurposeError('the certificate lacks the nonRepudiation key usage a signature needs', { kind: cert.kind, keyUsage: cert.keyUsage.join(' ') });
  }
}

function checkHashFunction(name: unknown): SignatureHash {
  if (typeof name !== 'string' || !SIGNATURE_HASHES.includes(name)) throw new VerifyArgumentError('hashFunction must be SHA-256, SHA-384 or SHA-512');
  return name as SignatureHash;
}

export async function verifySignature(request: VerifySignatureRequest): Promise<VerifiedSignature> {
  const hashFunction = checkHashFunction(request.hashFunction);
  const info = digestInfo(hashFunction, request.hash);
  if (!(request.signature instanceof Uint8Array)) throw new VerifyArgumentError('signature must be bytes');
  const now = instantOf(request.now);
  const cert = readCertificate(request.certificate, 'the signer\'s certificate');
  checkSigningPurpose(cert);
  checkValidity(cert, now);
  await checkChain(cert, request.trustAnchors, now, request.intermediates);
  if (!pkcs1v15Matches(rsaPublicKey(cert.spki), info, request.signature)) {
    throw new SignatureInvalidError(`the signature does not verify over this ${hashFunction} hash under the certificate's key`, { hashFunction });
  }
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    certificate: cert.der,
    ...(cert.holder === undefined ? {} : { holder: cert.holder }),
    hashFunction,
  };
}
