/**
 * Driver-neutral reader errors (STYLE §9): what every reader source throws across the
 * open-reader seam (./types.ts). Each driver keeps its own vocabulary inside its folder
 * and maps it onto these once, at its upper seam; the background translates only these.
 * The codes are the ones the views already know (extension/i18n/errors.ts).
 */
import { BridgeError } from '../error';

/** No card in the reader (contact slot empty, no card in the RF field). */
export class NoCardError extends BridgeError {
  readonly code = 'card-absent' as const;
  override readonly name = 'NoCardError' as const;
}

/** The card went away during an exchange. */
export class CardRemovedError extends BridgeError {
  readonly code = 'card-removed' as const;
  override readonly name = 'CardRemovedError' as const;
}

/** A card is there but does not answer (no ATR, no ATQB, mute at every voltage). */
export class CardMuteError extends BridgeError {
  readonly code = 'card-mute' as const;
  override readonly name = 'CardMuteError' as const;
}

/** The reader was unplugged, closed under us, or its route (companion) went away. */
export class ReaderGoneError extends BridgeError {
  readonly code = 'reader-disconnected' as const;
  override readonly name = 'ReaderGoneError' as const;
}

/** The reader did not answer within its deadline. */
export class ReaderTimeoutError extends BridgeError {
  readonly code = 'reader-timeout' as const;
  override readonly name = 'ReaderTimeoutError' as const;
}

/** The operating system or another program holds the reader. */
export class ReaderBusyError extends BridgeError {
  readonly code = 'reader-busy' as const;
  override readonly name = 'ReaderBusyError' as const;
}

/** The browser refuses the reader's interface (Chrome's protected Smart Card class, facts A1). */
export class ReaderProtectedError extends BridgeError {
  readonly code = 'reader-protected-interface' as const;
  override readonly name = 'ReaderProtectedError' as const;
}

/** The reader cannot be driven (no T=1, character level, no bulk endpoints, ...); details.reason says why. */
export class ReaderUnsupportedError extends BridgeError {
  readonly code = 'reader-unsupported' as const;
  override readonly name = 'ReaderUnsupportedError' as const;
}

/** The reader or card broke its protocol (framing, block, sequence); the exchange cannot be trusted. */
export class ReaderProtocolError extends BridgeError {
  readonly code = 'reader-protocol' as const;
  override readonly name = 'ReaderProtocolError' as const;
}

/** The session was cancelled or its deadline passed; nothing more is sent to the card. */
export class ReaderCancelledError extends BridgeError {
  readonly code = 'reader-cancelled' as const;
  override readonly name = 'ReaderCancelledError' as const;
}

export const READER_SEAM_ERRORS = {
  'card-absent': NoCardError,
  'card-removed': CardRemovedError,
  'card-mute': CardMuteError,
  'reader-disconnected': ReaderGoneError,
  'reader-timeout': ReaderTimeoutError,
  'reader-busy': ReaderBusyError,
  'reader-protected-interface': ReaderProtectedError,
  'reader-unsupported': ReaderUnsupportedError,
  'reader-protocol': ReaderProtocolError,
  'reader-cancelled': ReaderCancelledError,
} as const;

export type ReaderSeamErrorCode = keyof typeof READER_SEAM_ERRORS;

/** Fails to compile when a class sits under a key other than its own code. */
type KeysMatchCodes<T> = { [K in keyof T]: T[K] extends { prototype: { code: K } } ? T[K] : never };
const keysMatchCodes: KeysMatchCodes<typeof READER_SEAM_ERRORS> = READER_SEAM_ERRORS;
void keysMatchCodes;
