/**
 * Which StatusSnapshot the popup draws when two reach it: the stored one (and its
 * changes) and the background's reply to a refresh travel separately, so a reply can
 * arrive after storage already delivered a newer status (a card pulled while the reply
 * was on its way). The one the background published later wins.
 */
import type { StatusSnapshot } from '../status-model';

/** ms since the epoch of a snapshot's updatedAt, or NaN when storage held something unreadable. */
const publishedAt = (snapshot: StatusSnapshot): number => Date.parse(snapshot.updatedAt);

/**
 * The snapshot to show when `incoming` arrives while `shown` is on screen. A tie goes to
 * `incoming` (the same publish seen twice); an unreadable `updatedAt` never wins over a
 * readable one.
 */
export function laterSnapshot(shown: StatusSnapshot | undefined, incoming: StatusSnapshot): StatusSnapshot {
  if (shown === undefined) return incoming;
  const [was, now] = [publishedAt(shown), publishedAt(incoming)];
  if (Number.isNaN(now)) return Number.isNaN(was) ? incoming : shown;
  if (Number.isNaN(was)) return incoming;
  return now >= was ? incoming : shown;
}
