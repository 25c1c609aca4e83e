/**
 * The Port-100 driver's error vocabulary (STYLE §8, §9), by the level that raises it:
 * USB transport (re-exported from ../usb), Port-100 frames and chip commands, ISO 14443-3B
 * activation, ISO-DEP. Mapped onto ../errors.ts once, in seam-errors.ts. Add a class here
 * AND to PORT100_ERRORS: the map's type makes a missing code a compile error.
 */
import { BridgeError } from '../../error';
import { UsbDisconnectedError, UsbStallError, UsbTimeoutError, UsbTransferError } from '../usb/index';

export { UsbTimeoutError, UsbDisconnectedError, UsbStallError, UsbTransferError };

/** Bytes from the reader that are not a Port-100 frame: bad preamble, LCS, DCS, postamble, length. */
export class Port100FrameError extends BridgeError {
  readonly code = 'port100-frame' as const;
  override readonly name = 'Port100FrameError' as const;
}

/** A well-formed frame where another was due: no ACK, a response to another command, a reader error frame. */
export class Port100SequenceError extends BridgeError {
  readonly code = 'port100-sequence' as const;
  override readonly name = 'Port100SequenceError' as const;
}

/** A chip command answered with a status other than SUCCESS (§2.3 status byte); `details.status` has it. */
export class Port100StatusError extends BridgeError {
  readonly code = 'port100-status' as const;
  override readonly name = 'Port100StatusError' as const;
}

/** The device is not an RC-S380 this driver can drive; `details.reason` says why. */
export class Port100UnsupportedError extends BridgeError {
  readonly code = 'reader-unsupported' as const;
  override readonly name = 'Port100UnsupportedError' as const;
}

/** The operating system holds the interface (Windows without WinUSB, Linux `port100` bound; facts §5). */
export class Port100BusyError extends BridgeError {
  readonly code = 'reader-busy' as const;
  override readonly name = 'Port100BusyError' as const;
}

/** No card answered REQB in the field. */
export class NoCardInFieldError extends BridgeError {
  readonly code = 'card-absent' as const;
  override readonly name = 'NoCardInFieldError' as const;
}

/** A card answered REQB but its ATQB or ATTRIB answer breaks ISO 14443-3, or it is not ISO 14443-4. */
export class TypeBActivationError extends BridgeError {
  readonly code = 'type-b-activation' as const;
  override readonly name = 'TypeBActivationError' as const;
}

/** The card stopped answering during an exchange (left the field): every retry timed out. */
export class CardLeftFieldError extends BridgeError {
  readonly code = 'card-removed' as const;
  override readonly name = 'CardLeftFieldError' as const;
}

/**
 * ISO-DEP broke: retries exhausted on invalid blocks, a block that fits no rule, or a
 * PIN-carrying block the card asked for again (never resent; `details.reason` 'pin-once').
 */
export class IsoDepProtocolError extends BridgeError {
  readonly code = 'iso-dep-protocol' as const;
  override readonly name = 'IsoDepProtocolError' as const;
}

/** The card asked for more time (S(WTX)) beyond the bound for one command. */
export class IsoDepTimeoutError extends BridgeError {
  readonly code = 'iso-dep-timeout' as const;
  override readonly name = 'IsoDepTimeoutError' as const;
}

/** Using the reader after close(). */
export class Port100ClosedError extends BridgeError {
  readonly code = 'reader-closed' as const;
  override readonly name = 'Port100ClosedError' as const;
}

export const PORT100_ERRORS = {
  'reader-timeout': UsbTimeoutError,
  'reader-disconnected': UsbDisconnectedError,
  'reader-stall': UsbStallError,
  'reader-transfer-failed': UsbTransferError,
  'port100-frame': Port100FrameError,
  'port100-sequence': Port100SequenceError,
  'port100-status': Port100StatusError,
  'reader-unsupported': Port100UnsupportedError,
  'reader-busy': Port100BusyError,
  'card-absent': NoCardInFieldError,
  'type-b-activation': TypeBActivationError,
  'card-removed': CardLeftFieldError,
  'iso-dep-protocol': IsoDepProtocolError,
  'iso-dep-timeout': IsoDepTimeoutError,
  'reader-closed': Port100ClosedError,
} as const;

export type Port100ErrorCode = keyof typeof PORT100_ERRORS;
export type Port100Error = InstanceType<(typeof PORT100_ERRORS)[Port100ErrorCode]>;

type CodesMatch = { [K in Port100ErrorCode]: InstanceType<(typeof PORT100_ERRORS)[K]>['code'] extends K ? true : never };
const codesMatch: CodesMatch = Object.fromEntries(Object.keys(PORT100_ERRORS).map((k) => [k, true])) as CodesMatch;
void codesMatch;
