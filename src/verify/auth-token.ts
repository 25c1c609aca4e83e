/**
 * verifyAuthToken: a relying party's check of a Web eID login token (anchors §1.4-1.5),
 * in the Java validator's order: token shape, certificate purpose, validity, chain,
 * then the signature over SHA-256(origin) ‖ SHA-256(nonce). The signature comes last
 * and is the only check bound to this site and this nonce, so a token replayed for
 * another origin or nonce fails there, with SignatureInvalidError.
 */
import { concat, toArrayBuffer } from '../bytes';
import type { HolderData, ParsedCertificate } from '../card/index';
import { checkChain, checkValidity, readCertificate } from './certificate-checks';
import { instantOf } from './clock';
import { CertificatePurposeError, NonceInvalidError, OriginInvalidError, SignatureInvalidError } from './errors';
import { digestInfo, pkcs1v15Matches, rsaPublicKey } from './rsa';
import { decodeToken } from './token-shape';

export interface VerifyAuthTokenOptions {
  /** This site's origin as the browser names it: `https://host[:port]`, no trailing slash. */
  readonly origin: string;
  /** The nonce this site issued for this login (44..128 characters, single use). */
  readonly nonce: string;
  /** DER of the roots to trust, e.g. every generation of the JPKI authentication CA. */
  readonly trustAnchors: readonly Uint8Array[];
  /** The instant to check validity at; the current time when absent. */
  readonly now?: Date;
  /**
   * Also accept `http://localhost[:port]` and `http://127.0.0.1[:port]`: a site testing on
   * a local server against the virtual build, which serves those. Never in production.
   */
  readonly allowLocalHttp?: boolean;
}

export interface VerifiedLogin {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The authentication certificate exactly as received. */
  readonly certificate: Uint8Array<ArrayBuffer>;
  /** Present only if the certificate carries holder fields; a JPKI authentication certificate carries none. */
  readonly holder?: HolderData;
  readonly format: string;
  readonly appVersion: string;
}

/** Web eID's nonce bounds (anchors §1.5, web-eid-app authenticate.cpp). */
export const NONCE_MIN_LENGTH = 44;
export const NONCE_MAX_LENGTH = 128;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

function checkOrigin(origin: unknown, allowLocalHttp = false): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof origin === 'string' ? new URL(origin) : undefined;
  } catch {
    parsed = undefined;
  }
  // URL.origin drops paths, default ports and trailing slashes; equality means none were there.
  const schemeOk = parsed?.protocol === 'https:' || (allowLocalHttp && parsed?.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname));
  if (parsed === undefined || !schemeOk || parsed.origin !== origin) {
    throw new OriginInvalidError('origin must be https://host[:port] with no path or trailing slash', { origin: String(origin).slice(0, 200) });
  }
  return origin;
}

function checkNonce(nonce: unknown): string {
  if (typeof nonce !== 'string' || nonce.length < NONCE_MIN_LENGTH || nonce.length > NONCE_MAX_LENGTH) {
    throw new NonceInvalidError(`the nonce must be ${NONCE_MIN_LENGTH}..${NONCE_MAX_LENGTH} characters`, { length: typeof nonce === 'string' ? nonce.length : -1 });
  }
  return nonce;
}

/**
 * A login certificate signs with digitalSignature; a signing certificate (nonRepudiation,
 * JPKI's 署名用 policy) carries the holder's name and address and is never a login key.
 */
function checkLoginPurpose(cert: ParsedCertificate): void {
  if (!cert.keyUsage.includes('digitalSignature')) throw new CertificatePurposeError('the certificate lacks the digitalSignature key usage', { keyUsage: cert.keyUsage.join(' ') });
  if (cert.kind === 'sign' || cert.keyUsage.includes('nonRepudiation') || cert.keyUsage.includes('keyCertSign')) {
    throw new CertificatePurposeError('the certificate is not an authentication certificate', { kind: cert.kind, keyUsage: cert.keyUsage.join(' ') });
  }
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', toArrayBuffer(bytes)));
}

/** The value the card signed: RS256 over SHA-256(origin) ‖ SHA-256(nonce) (anchors §1.4). */
export async function authTokenSignedValue(origin: string, nonce: string): Promise<Uint8Array> {
  const utf8 = new TextEncoder();
  return concat(await sha256(utf8.encode(origin)), await sha256(utf8.encode(nonce)));
}

export async function verifyAuthToken(token: unknown, options: VerifyAuthTokenOptions): Promise<VerifiedLogin> {
  const origin = checkOrigin(options?.origin, options?.allowLocalHttp === true);
  const nonce = checkNonce(options?.nonce);
  const now = instantOf(options.now);
  const decoded = decodeToken(token);
  const cert = readCertificate(decoded.certificate, 'the token\'s certificate');
  checkLoginPurpose(cert);
  checkValidity(cert, now);
  await checkChain(cert, options.trustAnchors, now);
  const key = rsaPublicKey(cert.spki);
  const info = digestInfo('SHA-256', await sha256(await authTokenSignedValue(origin, nonce)));
  if (!pkcs1v15Matches(key, info, decoded.signature)) {
    throw new SignatureInvalidError('the token\'s signature does not verify for this origin and nonce', { origin });
  }
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    certificate: cert.der,
    ...(cert.holder === undefined ? {} : { holder: cert.holder }),
    format: decoded.format,
    appVersion: decoded.appVersion,
  };
}
