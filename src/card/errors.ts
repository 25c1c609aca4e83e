/**
 * The card layer's error vocabulary (STYLE §8, §9). Codes are stable; `name` is a
 * literal so minifiers and refactors cannot change it. Add new classes here and to
 * CARD_ERRORS so the code→class map stays exhaustive (the `satisfies` below fails to
 * compile when a class's code and its key disagree).
 *
 * Status words are turned into these classes in one place only: status-errors.ts.
 */
import { BridgeError } from '../error';
import { describeSw, swHex } from './status-words';

/** A response shorter than SW1 SW2, or a command we cannot encode or parse. */
export class ApduFormatError extends BridgeError {
  readonly code = 'apdu-format' as const;
  override readonly name = 'ApduFormatError' as const;
}

/** A DER tag or length we refuse: truncated, indefinite, non-minimal or too long. */
export class DerFormatError extends BridgeError {
  readonly code = 'der-format' as const;
  override readonly name = 'DerFormatError' as const;
}

/** SELECT of the JPKI AID failed: the card has no JPKI application. */
export class NotJpkiCardError extends BridgeError {
  readonly code = 'not-jpki-card' as const;
  override readonly name = 'NotJpkiCardError' as const;
}

/** 6982: the PIN that protects this file or key has not been verified. */
export class SecurityStatusError extends BridgeError {
  readonly code = 'security-status' as const;
  override readonly name = 'SecurityStatusError' as const;
}

/** The rules core refused the PIN's format; nothing was sent, no try was used. */
export class PinFormatError extends BridgeError {
  readonly code = 'pin-format' as const;
  override readonly name = 'PinFormatError' as const;
}

/** 63Cx with x > 0: wrong PIN, `remaining` tries left. */
export class WrongPinError extends BridgeError {
  readonly code = 'wrong-pin' as const;
  override readonly name = 'WrongPinError' as const;
  constructor(
    message: string,
    readonly remaining: number,
    details: Record<string, string | number | boolean> = {},
  ) {
    super(message, { ...details, remaining });
  }
}

/** 63C0, 6983 or 6984: the PIN is blocked; only a town office (or the JPKI app) resets it. */
export class PinLockedError extends BridgeError {
  readonly code = 'pin-locked' as const;
  override readonly name = 'PinLockedError' as const;
}

/** 6A82: the file (or, for a SELECT by name, the application) does not exist. */
export class FileNotFoundError extends BridgeError {
  readonly code = 'file-not-found' as const;
  override readonly name = 'FileNotFoundError' as const;
}

/** Any other status word; `details.sw` and `details.swName` say which. */
export class CardStatusError extends BridgeError {
  readonly code = 'card-status' as const;
  override readonly name = 'CardStatusError' as const;
  constructor(
    message: string,
    readonly sw: number,
    details: Record<string, string | number | boolean> = {},
  ) {
    super(message, { ...details, sw: swHex(sw), swName: describeSw(sw) });
  }
}

/**
 * The card broke the protocol with a success status: more data than asked for, no data
 * where some is due, a signature that is not 256 bytes, endless 61xx/6Cxx answers.
 */
export class CardResponseError extends BridgeError {
  readonly code = 'card-response' as const;
  override readonly name = 'CardResponseError' as const;
}

/** The bytes are not a certificate we can read (or the EF ended inside it). */
export class CertificateParseError extends BridgeError {
  readonly code = 'certificate-parse' as const;
  override readonly name = 'CertificateParseError' as const;
}

/**
 * A caller's argument the card layer refuses before anything is sent: bytes to sign
 * outside the 1–245 the card pads (jpki-protocol §3.5), a combination_code input of the
 * wrong size (portal-protocol §3.4).
 */
export class CardInputError extends BridgeError {
  readonly code = 'card-input' as const;
  override readonly name = 'CardInputError' as const;
}

/**
 * A file or record the card returned with 9000 is not in the layout the facts give: the
 * 基本4情報 TLV, the 共通カードAP record.
 */
export class CardDataFormatError extends BridgeError {
  readonly code = 'card-data-format' as const;
  override readonly name = 'CardDataFormatError' as const;
}

export const CARD_ERRORS = {
  'apdu-format': ApduFormatError,
  'der-format': DerFormatError,
  'not-jpki-card': NotJpkiCardError,
  'security-status': SecurityStatusError,
  'pin-format': PinFormatError,
  'wrong-pin': WrongPinError,
  'pin-locked': PinLockedError,
  'file-not-found': FileNotFoundError,
  'card-status': CardStatusError,
  'card-response': CardResponseError,
  'certificate-parse': CertificateParseError,
  'card-input': CardInputError,
  'card-data-format': CardDataFormatError,
} as const;

/** Fails to compile when a class sits under a key other than its own code. */
type KeysMatchCodes<T> = { [K in keyof T]: T[K] extends { prototype: { code: K } } ? T[K] : never };
const keysMatchCodes: KeysMatchCodes<typeof CARD_ERRORS> = CARD_ERRORS;
void keysMatchCodes;

export type CardErrorCode = keyof typeof CARD_ERRORS;
export type CardError = InstanceType<(typeof CARD_ERRORS)[CardErrorCode]>;

export function isCardError(e: unknown): e is CardError {
  return e instanceof BridgeError && Object.hasOwn(CARD_ERRORS, e.code);
}
