/**
 * The points the popup draws on a certificate's line: issued → today → renewal opens →
 * expiry. Dates are JST calendar dates read from the chip's notBefore and notAfter
 * (facts X3: notAfter is 23:59:59 JST on the expiry day, so its JST date is the expiry).
 */
import { daysBetween, checkDate, toJstDate } from './calendar';
import { InvalidRuleInputError } from './errors';
import { renewalOpens } from './renewal';

export interface CertificateTimeline {
  readonly issued: string;
  readonly renewalOpens: string;
  readonly expiry: string;
  readonly today: string;
  /** Calendar days from today to the expiry day: 0 on the last valid day, negative after it. */
  readonly daysLeft: number;
  /** Renewal is possible and the certificate has not expired yet. */
  readonly renewalOpen: boolean;
  /** Today is after the expiry day (valid through notAfter, so not on the day itself). */
  readonly expired: boolean;
  /** Today is before the issue day. */
  readonly notYetValid: boolean;
}

export function certificateTimeline(cert: { notBefore: Date; notAfter: Date }, today: string): CertificateTimeline {
  checkDate(today, 'today');
  const issued = toJstDate(cert.notBefore);
  const expiry = toJstDate(cert.notAfter);
  // Certificate fields come from a card: a validity period that ends before it starts is refused.
  if (cert.notAfter.getTime() < cert.notBefore.getTime()) {
    throw new InvalidRuleInputError('the certificate ends before it starts', { notBefore: issued, notAfter: expiry });
  }
  const opens = renewalOpens(expiry);
  const expired = today > expiry;
  return {
    issued,
    renewalOpens: opens,
    expiry,
    today,
    daysLeft: daysBetween(today, expiry),
    renewalOpen: !expired && today >= opens,
    expired,
    notYetValid: today < issued,
  };
}
