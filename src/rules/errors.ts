/**
 * The rules core's error vocabulary (STYLE §8, §9). The rules core never lets a
 * RangeError or an `Invalid Date` escape: malformed dates and impossible inputs become
 * one of these coded errors, so callers can show "check the date you typed" instead of
 * a stack trace. Add new classes here and to RULES_ERRORS so the map stays exhaustive.
 */
import { BridgeError } from '../error';

/** A date that is not a real calendar date written YYYY-MM-DD, or an invalid Date instant. */
export class InvalidDateError extends BridgeError {
  readonly code = 'invalid-date' as const;
  override readonly name = 'InvalidDateError' as const;
}

/** Inputs that are each well formed but impossible together, or out of range (tries, n, kind). */
export class InvalidRuleInputError extends BridgeError {
  readonly code = 'invalid-rule-input' as const;
  override readonly name = 'InvalidRuleInputError' as const;
}

export const RULES_ERRORS = {
  'invalid-date': InvalidDateError,
  'invalid-rule-input': InvalidRuleInputError,
} as const;

export type RulesErrorCode = keyof typeof RULES_ERRORS;
