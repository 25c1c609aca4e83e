/**
 * The verify layer's error vocabulary (STYLE §8, §9, §16): every check a relying party
 * runs fails with its own class and stable code, so a site can log and answer "expired"
 * apart from "replayed" without reading messages. Nothing here returns a bare false.
 * Add a class here and to VERIFY_ERRORS; the `satisfies`-style check below refuses to
 * compile when a key and its class's code disagree.
 */
import { BridgeError } from '../error';

/** The token is not a Web eID token we accept: shape, length, format, algorithm or base64. */
export class TokenMalformedError extends BridgeError {
  readonly code = 'token-malformed' as const;
  override readonly name = 'TokenMalformedError' as const;
}

/** The site's own nonce breaks the Web eID rule of 44..128 characters (anchors §1.5). */
export class NonceInvalidError extends BridgeError {
  readonly code = 'nonce-invalid' as const;
  override readonly name = 'NonceInvalidError' as const;
}

/** The site's origin is not `https://host[:port]` with no path or trailing slash (anchors §1.4). */
export class OriginInvalidError extends BridgeError {
  readonly code = 'origin-invalid' as const;
  override readonly name = 'OriginInvalidError' as const;
}

/** An argument the site passes is unusable: a trust anchor that is no certificate, a hash of the wrong length. */
export class VerifyArgumentError extends BridgeError {
  readonly code = 'verify-argument' as const;
  override readonly name = 'VerifyArgumentError' as const;
}

/** The certificate to check does not parse, or holds a key that is not RSA. */
export class CertificateMalformedError extends BridgeError {
  readonly code = 'certificate-malformed' as const;
  override readonly name = 'CertificateMalformedError' as const;
}

/** No path from the certificate to one of the trust anchors (pkijs CertificateChainValidationEngine). */
export class CertificateUntrustedError extends BridgeError {
  readonly code = 'certificate-untrusted' as const;
  override readonly name = 'CertificateUntrustedError' as const;
}

/** `now` is after the certificate's notAfter. */
export class CertificateExpiredError extends BridgeError {
  readonly code = 'certificate-expired' as const;
  override readonly name = 'CertificateExpiredError' as const;
}

/** `now` is before the certificate's notBefore. */
export class CertificateNotYetValidError extends BridgeError {
  readonly code = 'certificate-not-yet-valid' as const;
  override readonly name = 'CertificateNotYetValidError' as const;
}

/** The certificate is not for this use: a login needs an authentication certificate, a signature a non-repudiation one. */
export class CertificatePurposeError extends BridgeError {
  readonly code = 'certificate-purpose' as const;
  override readonly name = 'CertificatePurposeError' as const;
}

/**
 * The signature does not verify under the certificate's key. For a login token this is
 * also what a token made for another origin or another nonce gives: the signed value
 * binds both (anchors §1.4), so there is no separate "replayed" verdict to give.
 */
export class SignatureInvalidError extends BridgeError {
  readonly code = 'signature-invalid' as const;
  override readonly name = 'SignatureInvalidError' as const;
}

/** The bytes given to CMS assembly are not what prepareSignedAttributes made, or not a signature. */
export class CmsInputError extends BridgeError {
  readonly code = 'cms-input' as const;
  override readonly name = 'CmsInputError' as const;
}

/** The bytes given to verifyCms are not a detached CAdES SignedData this layer can read. */
export class CmsMalformedError extends BridgeError {
  readonly code = 'cms-malformed' as const;
  override readonly name = 'CmsMalformedError' as const;
}

/** The CMS is intact but was made over another document: its message-digest does not match. */
export class CmsContentMismatchError extends BridgeError {
  readonly code = 'cms-content-mismatch' as const;
  override readonly name = 'CmsContentMismatchError' as const;
}

export const VERIFY_ERRORS = {
  'token-malformed': TokenMalformedError,
  'nonce-invalid': NonceInvalidError,
  'origin-invalid': OriginInvalidError,
  'verify-argument': VerifyArgumentError,
  'certificate-malformed': CertificateMalformedError,
  'certificate-untrusted': CertificateUntrustedError,
  'certificate-expired': CertificateExpiredError,
  'certificate-not-yet-valid': CertificateNotYetValidError,
  'certificate-purpose': CertificatePurposeError,
  'signature-invalid': SignatureInvalidError,
  'cms-input': CmsInputError,
  'cms-malformed': CmsMalformedError,
  'cms-content-mismatch': CmsContentMismatchError,
} as const;

/** Fails to compile when a class sits under a key other than its own code. */
type KeysMatchCodes<T> = { [K in keyof T]: T[K] extends { prototype: { code: K } } ? T[K] : never };
const keysMatchCodes: KeysMatchCodes<typeof VERIFY_ERRORS> = VERIFY_ERRORS;
void keysMatchCodes;

export type VerifyErrorCode = keyof typeof VERIFY_ERRORS;
export type VerifyError = InstanceType<(typeof VERIFY_ERRORS)[VerifyErrorCode]>;

export function isVerifyError(e: unknown): e is VerifyError {
  return e instanceof BridgeError && Object.hasOwn(VERIFY_ERRORS, e.code);
}
