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

export const BACKGROUND_ERRORS = {
  'no-reader': NoReaderError,
  'deadline-expired': DeadlineExpiredError,
  'session-busy': SessionBusyError,
  'card-removed': CardRemovedError,
} as const;

/** Fails to compile when a class sits under a key other than its own code. */
type KeysMatchCodes<T> = { [K in keyof T]: T[K] extends { prototype: { code: K } } ? T[K] : never };
const keysMatchCodes: KeysMatchCodes<typeof BACKGROUND_ERRORS> = BACKGROUND_ERRORS;
void keysMatchCodes;
