/**
 * When a JPKI certificate expires, from facts/rules.md §2. The chip's notAfter is
 * authoritative (X3); this estimates it when the certificate cannot be read.
 */
import { checkDate, minDate } from './calendar';
import { termEnd } from './card-expiry';
import { InvalidRuleInputError } from './errors';

export interface CertificateExpiryInput {
  birthDate: string;
  /** The certificate's own issue date (notBefore in JST). */
  issueDate: string;
  /** E2: both certificates end with the card. */
  cardExpiry?: string;
  /** E2: the signing certificate also ends with the authentication certificate. */
  authExpiry?: string;
  /** E4: renewed while less than three months remained → the 6th birthday. */
  renewedInWindow?: boolean;
}

/**
 * E1: the 5th birthday after the certificate's issue date, whatever the holder's age
 * (6th when renewed inside the window, E4), capped by the card's expiry and, for the
 * signing certificate, by the authentication certificate's (E2, E3).
 */
export function certificateExpiry(input: CertificateExpiryInput): string {
  const { birthDate, issueDate, cardExpiry, authExpiry } = input;
  checkDate(birthDate, 'birthDate');
  checkDate(issueDate, 'issueDate');
  const caps: string[] = [];
  for (const [field, cap] of [['cardExpiry', cardExpiry], ['authExpiry', authExpiry]] as const) {
    if (cap === undefined) continue;
    checkDate(cap, field);
    if (cap < issueDate) throw new InvalidRuleInputError(`${field} is before the certificate's issue date`, { [field]: cap, issueDate });
    caps.push(cap);
  }
  const n = input.renewedInWindow === true ? 6 : 5;
  // F1, UNCONFIRMED: a 29 February birthday is 28 February in non-leap years (birthdays.ts),
  // and the term never runs past n years (termEnd).
  return minDate(termEnd(birthDate, issueDate, n), ...caps);
}
