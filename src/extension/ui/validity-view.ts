/**
 * What a certificate's (or the card's) validity looks like on screen, from the rules
 * core's dates: the state, the days left and the timeline geometry. Nothing here reads
 * a clock: `today` is the JST date the popup computed once when it opened.
 */
import { certificateTimeline, daysBetween, renewalOpens } from '../../rules/index';
import type { CertificateSnapshot } from '../status-model';
import { timelineGeometry, type TimelineGeometry, type ValidityState } from './timeline-geometry';

export interface ValidityView {
  /** Undefined for the card, whose issue date the holder does not enter. */
  readonly issued?: string;
  readonly renewalOpens: string;
  readonly expiry: string;
  readonly today: string;
  readonly daysLeft: number;
  readonly state: ValidityState;
  /** Only when the issue date is known: a line needs both ends. */
  readonly geometry?: TimelineGeometry;
}

/**
 * The certificate as drawn, or null when its dates cannot be read (a snapshot is
 * plain JSON from storage, so a malformed date must not take the popup down).
 */
export function certificateView(cert: CertificateSnapshot, today: string): ValidityView | null {
  try {
    const tl = certificateTimeline({ notBefore: new Date(cert.notBefore), notAfter: new Date(cert.notAfter) }, today);
    const geometry = timelineGeometry({
      total: daysBetween(tl.issued, tl.expiry),
      renewal: daysBetween(tl.issued, tl.renewalOpens),
      today: daysBetween(tl.issued, today),
    });
    return {
      issued: tl.issued,
      renewalOpens: tl.renewalOpens,
      expiry: tl.expiry,
      today,
      daysLeft: tl.daysLeft,
      state: geometry.state,
      geometry,
    };
  } catch {
    return null;
  }
}

/** The card's own validity from the date printed on it (rules.md R1: the same 3-month window). */
export function cardExpiryView(expiry: string, today: string): ValidityView | null {
  try {
    const opens = renewalOpens(expiry);
    const daysLeft = daysBetween(today, expiry);
    const state: ValidityState = daysLeft < 0 ? 'expired' : today >= opens ? 'renewal-open' : 'valid';
    return { renewalOpens: opens, expiry, today, daysLeft, state };
  } catch {
    return null;
  }
}
