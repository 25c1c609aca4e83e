/**
 * The one place the verify layer learns the time when a site does not pass `now`
 * (STYLE §15: the clock is a parameter with a production default). Everything below
 * the public functions takes the Date it is given.
 */
import { VerifyArgumentError } from './errors';

export function instantOf(now: Date | undefined): Date {
  const instant = now ?? new Date();
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new VerifyArgumentError('now must be a valid Date');
  return instant;
}
