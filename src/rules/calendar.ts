/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings that mean dates in Japan time.
 * Dates are turned into a day number (days since 1970-01-01) with integer civil-calendar
 * formulas, so nothing here depends on the host's time zone or on Date parsing quirks
 * (facts/rules.md, design consequence 2: all date arithmetic in JST).
 */
import { InvalidDateError, InvalidRuleInputError } from './errors';

/** Japan has had no daylight saving since 1951: JST is always UTC+9. */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** Four-digit years only, so every date round-trips through YYYY-MM-DD. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a strict `YYYY-MM-DD`; `field` names the input in the error. */
export function parseDate(date: string, field = 'date'): CivilDate {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) throw new InvalidDateError(`${field} must be a date written YYYY-MM-DD`, { field, value: String(date), reason: 'format' });
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidDateError(`${field} is not a calendar date`, { field, value: date, reason: 'no-such-day' });
  }
  return { year, month, day };
}

export function formatDate(d: CivilDate): string {
  if (d.year < MIN_YEAR || d.year > MAX_YEAR) {
    throw new InvalidDateError('date is outside the years 1000-9999', { year: d.year });
  }
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${d.year}-${p2(d.month)}-${p2(d.day)}`;
}

/** Day number of a civil date (days since 1970-01-01), Hinnant's days_from_civil. */
function dayNumber(d: CivilDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (d.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of dayNumber, Hinnant's civil_from_days. */
function fromDayNumber(z0: number): CivilDate {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The calendar date in Asia/Tokyo of an instant (2030-02-17T14:59:59Z → 2030-02-17). */
export function toJstDate(instant: Date): string {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new InvalidDateError('instant is not a valid Date', { field: 'instant' });
  return formatDate(fromDayNumber(Math.floor((ms + JST_OFFSET_MS) / MS_PER_DAY)));
}

/** Calendar days from `from` to `to`: 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(parseDate(to, 'to')) - dayNumber(parseDate(from, 'from'));
}

/** The date `n` calendar days after `date` (before it when n is negative). */
export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new InvalidRuleInputError('days must be a whole number', { field: 'n', value: String(n) });
  return formatDate(fromDayNumber(dayNumber(parseDate(date)) + n));
}

/**
 * The same day `months` months away; when that month is shorter, its last day
 * (2025-05-31 − 3 months → 2025-02-28), as 民法143条 counts periods by months.
 */
export function addMonthsClamped(date: string, months: number): string {
  if (!Number.isSafeInteger(months)) {
    throw new InvalidRuleInputError('months must be a whole number', { field: 'months', value: String(months) });
  }
  const d = parseDate(date);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  if (year < MIN_YEAR || year > MAX_YEAR) throw new InvalidDateError('date is outside the years 1000-9999', { year });
  return formatDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** The last day of the month `months` after the month of `date`. */
export function endOfMonthAfter(date: string, months: number): string {
  parseDate(date);
  const first = addMonthsClamped(`${date.slice(0, 8)}01`, months);
  const d = parseDate(first);
  return formatDate({ ...d, day: daysInMonth(d.year, d.month) });
}

/** Validates and returns a date string, naming the field in the error. */
export function checkDate(date: string, field: string): string {
  parseDate(date, field);
  return date;
}

/** The same check without throwing, for untrusted values (stored data, messages). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Lexical order is calendar order for valid YYYY-MM-DD strings. */
export function minDate(first: string, ...rest: string[]): string {
  return rest.reduce((a, b) => (b < a ? b : a), first);
}
