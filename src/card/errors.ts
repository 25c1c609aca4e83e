/**
 * The card layer's error vocabulary (STYLE §8, §9). Codes are stable; `name` is a
 * literal so minifiers and refactors cannot change it. Add new classes here and to
 * CARD_ERRORS so the code→class map stays exhaustive.
 */
import { BridgeError } from '../rules/error';

/** A response shorter than SW1 SW2, or a command we cannot encode or parse. */
export class ApduFormatError extends BridgeError {
  readonly code = 'apdu-format' as const;
  override readonly name = 'ApduFormatError' as const;
}

export const CARD_ERRORS = {
  'apdu-format': ApduFormatError,
} as const;

export type CardErrorCode = keyof typeof CARD_ERRORS;
