/**
 * The one place an error from any layer becomes a Problem (STYLE §9, §10): a stable
 * code, ja/en words, what to do, and the status phase. The layers below already speak
 * stable codes (drivers map their own errors onto src/reader/errors.ts once), so this
 * only looks the code up; anything without one is 'unexpected'.
 */
import { BridgeError } from '../../../error';
import { errorText, type ErrorText, type KnownErrorCode } from '../../i18n/index';

export interface Problem extends ErrorText {
  readonly code: KnownErrorCode;
  /** The code the layer below used, when it differs (kept for logs and tests). */
  readonly cause?: string;
}

export function codeOf(error: unknown): string {
  return error instanceof BridgeError ? error.code : 'unexpected';
}

export function problemOf(error: unknown): Problem {
  const raw = codeOf(error);
  const text = errorText(raw);
  return raw === text.code ? text : { ...text, cause: raw };
}
