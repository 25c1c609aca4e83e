/**
 * The reader layer's error vocabulary (STYLE §8, §9), grouped by the level that raises
 * it: USB transport (re-exported from ../usb), opening/claiming, CCID slot, T=1, parsers. Codes are stable and
 * kebab-case; `name` is a literal. Add a class here AND to READER_ERRORS: the map's
 * type makes a missing code a compile error.
 */
import { BridgeError } from '../../error';
import { UsbDisconnectedError, UsbStallError, UsbTimeoutError, UsbTransferError } from '../usb/index';

type Details = Record<string, string | number | boolean>;

// ---- USB transport (../usb/errors.ts, shared with the other USB drivers) -------

export {
  UsbTimeoutError as ReaderTimeoutError,
  UsbDisconnectedError as ReaderDisconnectedError,
  UsbStallError as ReaderStallError,
  UsbTransferError as ReaderTransferError,
};

// ---- CCID framing ----------------------------------------------------------------

/** A reply that breaks the CCID framing: too short, wrong type, wrong slot, too many stale frames. */
export class ReaderFramingError extends BridgeError {
  readonly code = 'reader-framing' as const;
  override readonly name = 'ReaderFramingError' as const;
}

// ---- opening and claiming ------------------------------------------------------

/**
 * Chrome refused claimInterface because the interface is of the protected Smart Card
 * class 0x0B (facts A1: "The requested interface implements a protected class.").
 */
export class ProtectedInterfaceError extends BridgeError {
  readonly code = 'reader-protected-interface' as const;
  override readonly name = 'ProtectedInterfaceError' as const;
}

/** The operating system holds the interface (NetworkError on claim, facts A3). */
export class ReaderBusyError extends BridgeError {
  readonly code = 'reader-busy' as const;
  override readonly name = 'ReaderBusyError' as const;
}

/** The device is not a reader this driver can drive; `details.reason` says why. */
export class UnsupportedReaderError extends BridgeError {
  readonly code = 'reader-unsupported' as const;
  override readonly name = 'UnsupportedReaderError' as const;
  constructor(message: string, details: Details & { reason: UnsupportedReason }, options?: { cause?: unknown }) {
    super(message, details, options);
  }
}

export type UnsupportedReason =
  | 'no-ccid-interface'
  | 'character-level'
  | 'no-t1'
  | 'message-too-small'
  | 'no-bulk-endpoints'
  | 'no-such-slot'
  | 'bogus-firmware'
  | 'not-t1-card';

/** Configuration or CCID class descriptor bytes that cannot be parsed. */
export class DescriptorParseError extends BridgeError {
  readonly code = 'reader-descriptor' as const;
  override readonly name = 'DescriptorParseError' as const;
}

// ---- CCID slot (bError, facts B1) ------------------------------------------------

/** No card in the slot (bmICCStatus 2). */
export class NoCardError extends BridgeError {
  readonly code = 'card-absent' as const;
  override readonly name = 'NoCardError' as const;
}

/** A card is present but does not answer (bError 0xFE with bmICCStatus ≠ 2). */
export class CardMuteError extends BridgeError {
  readonly code = 'card-mute' as const;
  override readonly name = 'CardMuteError' as const;
}

/** bError 0xFB, or a HardwareError interrupt: the slot must be power-cycled. */
export class ReaderHardwareError extends BridgeError {
  readonly code = 'reader-hardware' as const;
  override readonly name = 'ReaderHardwareError' as const;
}

/** bError 0xE0: the slot is busy with another command. */
export class SlotBusyError extends BridgeError {
  readonly code = 'slot-busy' as const;
  override readonly name = 'SlotBusyError' as const;
}

/** Any other bError: the reader refused or failed the command; `details.bError` has it. */
export class ReaderCommandError extends BridgeError {
  readonly code = 'reader-command-failed' as const;
  override readonly name = 'ReaderCommandError' as const;
}

// ---- T=1 (ISO 7816-3 §11) -------------------------------------------------------

/** Exchange lost step and the block was recovered by RESYNCH; the APDU was not completed. */
export class T1DesyncError extends BridgeError {
  readonly code = 't1-desync' as const;
  override readonly name = 'T1DesyncError' as const;
}

/** RESYNCH itself failed: the card must be reset (power-cycled). */
export class T1ResyncFailedError extends BridgeError {
  readonly code = 't1-resync-failed' as const;
  override readonly name = 'T1ResyncFailedError' as const;
}

/** A T=1 block that cannot be decoded (LEN beyond the frame, bad PCB). */
export class T1BlockError extends BridgeError {
  readonly code = 't1-block' as const;
  override readonly name = 'T1BlockError' as const;
}

// ---- ATR -------------------------------------------------------------------------

/** ATR bytes that break ISO 7816-3 §8 (bad TS, truncated, bad TCK). */
export class AtrParseError extends BridgeError {
  readonly code = 'atr-parse' as const;
  override readonly name = 'AtrParseError' as const;
}

/** Using the reader after close(). */
export class ReaderClosedError extends BridgeError {
  readonly code = 'reader-closed' as const;
  override readonly name = 'ReaderClosedError' as const;
}

export const READER_ERRORS = {
  'reader-timeout': UsbTimeoutError,
  'reader-disconnected': UsbDisconnectedError,
  'reader-stall': UsbStallError,
  'reader-transfer-failed': UsbTransferError,
  'reader-framing': ReaderFramingError,
  'reader-protected-interface': ProtectedInterfaceError,
  'reader-busy': ReaderBusyError,
  'reader-unsupported': UnsupportedReaderError,
  'reader-descriptor': DescriptorParseError,
  'card-absent': NoCardError,
  'card-mute': CardMuteError,
  'reader-hardware': ReaderHardwareError,
  'slot-busy': SlotBusyError,
  'reader-command-failed': ReaderCommandError,
  't1-desync': T1DesyncError,
  't1-resync-failed': T1ResyncFailedError,
  't1-block': T1BlockError,
  'atr-parse': AtrParseError,
  'reader-closed': ReaderClosedError,
} as const;

export type ReaderErrorCode = keyof typeof READER_ERRORS;
export type ReaderError = InstanceType<(typeof READER_ERRORS)[ReaderErrorCode]>;

// Compile-time check that each key equals its class's code (STYLE §8: exhaustive map).
type CodesMatch = { [K in ReaderErrorCode]: InstanceType<(typeof READER_ERRORS)[K]>['code'] extends K ? true : never };
const codesMatch: CodesMatch = Object.fromEntries(Object.keys(READER_ERRORS).map((k) => [k, true])) as CodesMatch;
void codesMatch;
