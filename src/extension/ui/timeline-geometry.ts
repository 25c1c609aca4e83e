/**
 * Where the marks of a validity timeline sit (issued → today → renewal opens →
 * expiry), as fractions of the bar's width. Inputs are day offsets from the issue
 * date, so the drawing never does calendar arithmetic; the rules core does that.
 */

export type ValidityState = 'not-yet-valid' | 'valid' | 'renewal-open' | 'expired';

export interface TimelineDays {
  /** Days from issue to expiry (the expiry day is still valid). */
  readonly total: number;
  /** Days from issue to the first day renewal is possible. */
  readonly renewal: number;
  /** Days from issue to today; negative before issue. */
  readonly today: number;
}

export interface TimelineGeometry {
  /** Where the renewal window starts, 0..1. */
  readonly renewalAt: number;
  /** Where today sits, 0..1, clamped to the bar. */
  readonly todayAt: number;
  /** Today lies off the bar: the marker is drawn at the end it passed. */
  readonly todayOffBar: 'before' | 'after' | null;
  /** How the "today" label hangs off its marker so it never leaves the bar's box. */
  readonly todayAlign: 'start' | 'center' | 'end';
  readonly state: ValidityState;
}

/** A centred label about 4em wide overflows a ~300px bar within this fraction of an end. */
const EDGE = 0.12;

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

export function timelineGeometry(days: TimelineDays): TimelineGeometry {
  // A zero or negative span would divide by zero; such a certificate is drawn as all window.
  const span = Math.max(1, days.total);
  const state: ValidityState =
    days.today < 0 ? 'not-yet-valid'
    : days.today > days.total ? 'expired'
    : days.today >= days.renewal ? 'renewal-open'
    : 'valid';
  const todayAt = clamp01(days.today / span);
  return {
    renewalAt: clamp01(days.renewal / span),
    todayAt,
    todayAlign: todayAt < EDGE ? 'start' : todayAt > 1 - EDGE ? 'end' : 'center',
    todayOffBar: days.today < 0 ? 'before' : days.today > days.total ? 'after' : null,
    state,
  };
}
