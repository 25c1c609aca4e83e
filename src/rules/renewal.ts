/**
 * When renewal of a card or certificate becomes possible (facts/rules.md R1).
 */
import { addDays, addMonthsClamped, checkDate } from './calendar';

/**
 * The first day renewal is possible: the day after the same date three months earlier
 * (2025-06-15 → 2025-03-16, facts R1, Tsurugashima). When that month has no such day,
 * its last day is used, then one is added (2025-05-31 → 2025-02-28 → 2025-03-01).
 * UNCONFIRMED: the month-end case is the facts author's proposal (R1), not a source.
 * SOURCES DISAGREE: the pamphlet (§9) says renewal is possible 「有効期間満了の3カ月前から」,
 * which reads as the date three months earlier itself (3/15); the municipal pages (R1)
 * and the issue say the day after. The code follows R1: opening one day later never
 * tells a resident to go to the office on a day the office would refuse.
 */
export function renewalOpens(expiry: string): string {
  checkDate(expiry, 'expiry');
  return addDays(addMonthsClamped(expiry, -3), 1);
}
