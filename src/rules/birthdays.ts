/**
 * Birthdays and ages, the two things every validity rule counts from.
 * A 29 February birthday falls on 28 February in non-leap years (facts/rules.md F1–F2:
 * UNCONFIRMED for the My Number ordinance; 28 February is chosen because it warns
 * earlier and is never late, except in one corner noted in card-expiry.ts). The
 * alternative, 1 March, is kept selectable so callers can tell when the choice changed a
 * result and mark it estimated.
 */
import { formatDate, isLeapYear, parseDate, type CivilDate } from './calendar';
import { InvalidRuleInputError } from './errors';

/** Where a 29 February birthday falls in a non-leap year. */
export type LeapBirthday = 'feb28' | 'mar1';

/** The holder's birthday in `year`. */
function birthdayIn(birth: CivilDate, year: number, leap: LeapBirthday = 'feb28'): string {
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) {
    return formatDate(leap === 'feb28' ? { year, month: 2, day: 28 } : { year, month: 3, day: 1 });
  }
  return formatDate({ year, month: birth.month, day: birth.day });
}

export function isLeapDayBirth(birthDate: string): boolean {
  const b = parseDate(birthDate, 'birthDate');
  return b.month === 2 && b.day === 29;
}

/**
 * The n-th birthday strictly after `after` (facts C6, 発行の日後: a card issued on the
 * birthday itself counts from the next one).
 */
export function nthBirthdayAfter(birthDate: string, after: string, n: number, leap: LeapBirthday = 'feb28'): string {
  const birth = parseDate(birthDate, 'birthDate');
  const from = parseDate(after, 'after');
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new InvalidRuleInputError('n must be a whole number of 1 or more', { field: 'n', value: String(n) });
  }
  if (after < birthDate) {
    throw new InvalidRuleInputError('the date counted from is before the birth date', { birthDate, after });
  }
  const year = birthdayIn(birth, from.year, leap) > after ? from.year : from.year + 1;
  return birthdayIn(birth, year + n - 1, leap);
}

/**
 * Completed years of age on `date`; the age goes up on the birthday, as 年齢計算ニ関スル法律
 * counts it (a year ends at the end of the day before the birthday).
 */
export function ageOn(birthDate: string, date: string, leap: LeapBirthday = 'feb28'): number {
  const birth = parseDate(birthDate, 'birthDate');
  const on = parseDate(date, 'date');
  if (date < birthDate) {
    throw new InvalidRuleInputError('the date is before the birth date', { birthDate, date });
  }
  const age = on.year - birth.year;
  return birthdayIn(birth, on.year, leap) <= date ? age : age - 1;
}
