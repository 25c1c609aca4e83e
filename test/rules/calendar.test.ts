import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween, normalizeDateInput, toJstDate, InvalidDateError, InvalidRuleInputError } from '../../src/rules/index';
import { addMonthsClamped, endOfMonthAfter } from '../../src/rules/calendar';

describe('toJstDate reads an instant as a calendar date in Japan', () => {
  it.each([
    ['2030-02-17T14:59:59Z', '2030-02-17', 'notAfter 23:59:59 JST is still the expiry day'],
    ['2030-02-17T15:00:00Z', '2030-02-18', 'one second later is the next JST day'],
    ['2025-10-26T15:00:00Z', '2025-10-27', 'notBefore 00:00 JST is the issue day'],
    ['2025-10-26T14:59:59.999Z', '2025-10-26', 'the last millisecond before JST midnight'],
    ['2024-02-28T15:00:00Z', '2024-02-29', 'leap day in JST'],
    ['1969-12-31T15:00:00Z', '1970-01-01', 'instants before the Unix epoch'],
  ])('%s → %s (%s)', (iso, date) => {
    expect(toJstDate(new Date(iso))).toBe(date);
  });

  it('refuses an Invalid Date with a coded error, not a RangeError', () => {
    expect(() => toJstDate(new Date('not a date'))).toThrow(InvalidDateError);
  });
});

describe('daysBetween and addDays count calendar days', () => {
  it.each([
    ['2025-03-16', '2025-06-15', 91],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2030-02-17', '2030-02-17', 0],
    ['2030-02-18', '2030-02-17', -1],
    ['1999-12-31', '2000-01-01', 1],
  ])('from %s to %s is %i days', (from, to, n) => {
    expect(daysBetween(from, to)).toBe(n);
    expect(addDays(from, n)).toBe(to);
  });

  it.each([
    ['2025-02-29', 'not a leap year'],
    ['2025-13-01', 'month 13'],
    ['2025-04-31', 'April has 30 days'],
    ['2025-4-1', 'digits missing'],
    ['２０２５-０４-０１', 'full-width digits (normalise before calling)'],
    ['2025-04-01T00:00', 'a time attached'],
    ['', 'empty'],
  ])('refuses %s (%s) with InvalidDateError', (bad) => {
    expect(() => daysBetween(bad, '2025-01-01')).toThrow(InvalidDateError);
    expect(() => addDays(bad, 1)).toThrow(InvalidDateError);
  });

  it('refuses a fractional number of days', () => {
    expect(() => addDays('2025-01-01', 1.5)).toThrow(InvalidRuleInputError);
  });

  const date = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('addDays undoes daysBetween for any two dates', () => {
    fc.assert(fc.property(date, date, (a, b) => addDays(a, daysBetween(a, b)) === b));
  });

  it('agrees with the Date object for any date and offset', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -40000, max: 40000 }), (a, n) => {
        const expected = new Date(Date.parse(`${a}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        return addDays(a, n) === expected;
      }),
    );
  });
});

describe('month arithmetic clamps to the month end', () => {
  it.each([
    ['2025-05-31', -3, '2025-02-28'],
    ['2024-05-31', -3, '2024-02-29'],
    ['2025-06-15', -3, '2025-03-15'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-02-15', -3, '2024-11-15'],
  ])('%s %+i months → %s', (d, m, r) => {
    expect(addMonthsClamped(d, m)).toBe(r);
  });

  it('finds the last day of the third month after February (マイナ保険証 grace, facts E6)', () => {
    expect(endOfMonthAfter('2025-02-10', 3)).toBe('2025-05-31');
    expect(endOfMonthAfter('2025-11-30', 3)).toBe('2026-02-28');
  });
});

describe('normalizeDateInput reads dates as residents type them', () => {
  it.each([
    ['2020-03-01', '2020-03-01'],
    ['２０２０-０３-０１', '2020-03-01'], // full-width digits from a Japanese IME
    ['２０２０／３／１', '2020-03-01'],
    ['2020/3/1', '2020-03-01'],
    ['2020年3月1日', '2020-03-01'],
    [' 2020.12.31 ', '2020-12-31'],
    // The forms the popup's printed-expiry box always took, now for every caller (issue 13 §4).
    ['20200301', '2020-03-01'],
    ['R2.3.1', '2020-03-01'],
    ['令和2年3月1日', '2020-03-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['平成2年5月10日', '1990-05-10'],
    ['H2.5.10', '1990-05-10'],
    ['昭和60年1月2日', '1985-01-02'],
    ['ｒ１６．３．５', '2034-03-05'],
  ])('%j → %s', (raw, date) => {
    expect(normalizeDateInput(raw)).toBe(date);
  });

  it.each([['2020/2/30'], ['R2.2.30'], ['X2.3.1'], ['令和2年'], ['2020-3'], ['2020030'], ['']])('refuses %j with InvalidDateError', (raw) => {
    expect(() => normalizeDateInput(raw)).toThrow(InvalidDateError);
  });
});
