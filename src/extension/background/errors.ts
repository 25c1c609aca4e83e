/**
 * The background's own error vocabulary (STYLE §8, §9). Errors of the layers below keep
 * their classes and codes; these cover what only the background can tell: no reader,
 * a deadline, a queue that did not move, a card that is not a My Number Card's JPKI.
 */
import { BridgeError } from '../../error';

/** No paired reader is plugged in (or none was ever paired). */
export class NoReaderError extends BridgeError {
  readonly code = 'no-reader' as const;
  override readonly name = 'NoReaderError' as const;
}

/** An action did not finish within its deadline; the reader was released. */
export class DeadlineExpiredError extends BridgeError {
  readonly code = 'deadline-expired' as const;
  override readonly name = 'DeadlineExpiredError' as const;
}

/** A request waited for the reader longer than its deadline (another session held it). */
export class SessionBusyError extends BridgeError {
  readonly code = 'session-busy' as const;
  override readonly name = 'SessionBusyError' as const;
}

/** The card was taken out while it was being read. */
export class CardRemovedError extends BridgeError {
  readonly code = 'card-removed' as const;
  override readonly name = 'CardRemovedError' as const;
}

/** The card in the reader is not the one the request began with (its certificate serial changed). */
export class CardChangedError extends BridgeError {
  readonly code = 'card-changed' as const;
  override readonly name = 'CardChangedError' as const;
}

/** The certificate the action needs has expired (the rules core's reading of its dates). */
export class CertificateExpiredError extends BridgeError {
  readonly code = 'certificate-expired' as const;
  override readonly name = 'CertificateExpiredError' as const;
}

export class CertificateNotYetValidError extends BridgeError {
  readonly code = 'certificate-not-yet-valid' as const;
  override readonly name = 'CertificateNotYetValidError' as const;
}

/** The card has no signing certificate (a holder under 15, jpki-protocol §2). */
export class NoSigningCertificateError extends BridgeError {
  readonly code = 'no-signing-certificate' as const;
  override readonly name = 'NoSigningCertificateError' as const;
}

/** A site asked for a signature with a certificate that is not this card's signing certificate. */
export class CertificateMismatchError extends BridgeError {
  readonly code = 'certificate-mismatch' as const;
  override readonly name = 'CertificateMismatchError' as const;
}

export const BACKGROUND_ERRORS = {
  'card-changed': CardChangedError,
  'certificate-expired': CertificateExpiredError,
  'certificate-not-yet-valid': CertificateNotYetValidError,
  'no-signing-certificate': NoSigningCertificateError,
  'certificate-mismatch': CertificateMismatchError,
  'no-reader': NoReaderError,
  'deadline-expired': DeadlineExpiredError,
  'session-busy': SessionBusyError,
  'card-removed': CardRemovedError,
} as const;

/** Fails to compile when a class sits under a key other than its own code. */
type KeysMatchCodes<T> = { [K in keyof T]: T[K] extends { prototype: { code: K } } ? T[K] : never };
const keysMatchCodes: KeysMatchCodes<typeof BACKGROUND_ERRORS> = BACKGROUND_ERRORS;
void keysMatchCodes;
