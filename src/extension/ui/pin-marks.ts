/**
 * A PIN's remaining tries as marks (●●○) and the level of warning they call for.
 * The counts come from the card through the background, so they are clamped rather
 * than trusted: a broken reply must not draw a hundred marks or a negative row.
 */
import type { PinSnapshot } from '../status-model';

export type PinLevel = 'full' | 'reduced' | 'last' | 'locked';

export interface PinMarks {
  /** true = a try still left (●), false = a try used (○); left to right. */
  readonly marks: readonly boolean[];
  readonly remaining: number;
  readonly max: number;
  readonly level: PinLevel;
}

/** No JPKI PIN allows more than 5 tries (rules.md P1–P3); 15 is a generous drawing cap. */
const MAX_MARKS = 15;

function clampInt(n: number, lo: number, hi: number): number {
  if (!Number.isFinite(n)) return lo;
  return Math.min(hi, Math.max(lo, Math.trunc(n)));
}

export function pinMarks(pin: PinSnapshot): PinMarks {
  const max = clampInt(pin.max, 1, MAX_MARKS);
  const remaining = pin.locked ? 0 : clampInt(pin.remaining, 0, max);
  const marks = Array.from({ length: max }, (_, i) => i < remaining);
  const level: PinLevel = remaining === 0 ? 'locked' : remaining === 1 ? 'last' : remaining < max ? 'reduced' : 'full';
  return { marks, remaining, max, level };
}

/** The marks as text, for places that cannot draw (badge titles, plain logs). */
export function pinMarksText(p: PinMarks): string {
  return p.marks.map((on) => (on ? '●' : '○')).join('');
}
