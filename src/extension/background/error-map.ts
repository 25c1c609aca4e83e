/**
 * The one place an error from any layer becomes what the status snapshot says (STYLE
 * §9, §10): a stable code, ja/en words, the action and the phase. Raw WebUSB
 * DOMExceptions that slipped past the driver are named by their DOMException name.
 */
import { BridgeError } from '../../error';
import { errorText, type ErrorText, type KnownErrorCode } from '../i18n/errors';

/** DOMException names WebUSB uses (facts A1, A2) → our codes. */
const DOM_EXCEPTION_CODES: Readonly<Record<string, KnownErrorCode>> = {
  NotFoundError: 'reader-disconnected',
  SecurityError: 'reader-protected-interface',
  NetworkError: 'reader-busy',
};

export interface Problem extends ErrorText {
  readonly code: KnownErrorCode;
  /** The code the layer below used, when it differs (kept for logs and tests). */
  readonly cause?: string;
}

export function codeOf(error: unknown): string {
  if (error instanceof BridgeError) return error.code;
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return DOM_EXCEPTION_CODES[error.name] ?? 'unexpected';
  }
  return 'unexpected';
}

export function problemOf(error: unknown): Problem {
  const raw = codeOf(error);
  const text = errorText(raw);
  return raw === text.code ? text : { ...text, cause: raw };
}
