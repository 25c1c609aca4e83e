import { describe, expect, it } from 'vitest';
import {
  cardExpiry,
  certificateExpiry,
  nthBirthdayAfter,
  renewalOpens,
  InvalidDateError,
  InvalidRuleInputError,
  type CardExpiryInput,
} from '../../src/rules/index';

describe('nthBirthdayAfter counts birthdays strictly after the date (facts C6)', () => {
  it.each([
    ['1990-05-10', '2020-05-10', 1, '2021-05-10', 'a birthday on the date itself is not counted'],
    ['1990-05-10', '2020-05-09', 1, '2020-05-10', 'the day before: the next day counts'],
    ['1990-05-10', '2020-05-11', 10, '2030-05-10', 'the day after'],
    ['1990-05-10', '1990-05-10', 1, '1991-05-10', 'counted from the birth date'],
    ['2000-02-29', '2020-03-01', 1, '2021-02-28', '29 Feb falls on 28 Feb in a non-leap year'],
    ['2000-02-29', '2023-03-01', 1, '2024-02-29', 'and on 29 Feb in a leap year'],
    ['2000-02-29', '2021-02-28', 1, '2022-02-28', '28 Feb of a non-leap year is that year’s birthday'],
    ['2000-02-29', '2021-02-27', 1, '2021-02-28', 'the day before it'],
    ['1999-12-31', '2024-12-31', 5, '2029-12-31', 'year end'],
  ])('%s after %s, n=%i → %s (%s)', (birth, after, n, expected) => {
    expect(nthBirthdayAfter(birth, after, n)).toBe(expected);
  });

  it.each([
    [0, 'zero'],
    [-1, 'negative'],
    [1.5, 'fractional'],
    [Number.NaN, 'NaN'],
  ])('refuses n=%s (%s)', (n) => {
    expect(() => nthBirthdayAfter('1990-05-10', '2020-01-01', n)).toThrow(InvalidRuleInputError);
  });

  it('refuses a date before the birth', () => {
    expect(() => nthBirthdayAfter('1990-05-10', '1990-05-09', 1)).toThrow(InvalidRuleInputError);
  });
});

type CardCase = [string, CardExpiryInput, { date: string; rule: string; estimated: boolean }];

describe('cardExpiry', () => {
  const cases: CardCase[] = [
    // C1, C6
    ['adult card issued on the birthday runs a full 10 years', { birthDate: '1990-05-10', issueDate: '2020-05-10' }, { date: '2030-05-10', rule: 'adult-10', estimated: false }],
    ['adult card issued the day before the birthday runs about 9 years', { birthDate: '1990-05-10', issueDate: '2020-05-09' }, { date: '2029-05-10', rule: 'adult-10', estimated: false }],
    ['the README example', { birthDate: '1990-05-10', issueDate: '2020-03-01' }, { date: '2029-05-10', rule: 'adult-10', estimated: false }],
    // C2
    ['a child’s card runs to the 5th birthday', { birthDate: '2010-05-10', issueDate: '2020-03-01' }, { date: '2024-05-10', rule: 'minor-5', estimated: false }],
    ['issued the day before the 18th birthday (after the age-line change): minor', { birthDate: '2004-08-10', issueDate: '2022-08-09' }, { date: '2026-08-10', rule: 'minor-5', estimated: false }],
    ['issued on the 18th birthday (after the age-line change): adult', { birthDate: '2004-08-09', issueDate: '2022-08-09' }, { date: '2032-08-09', rule: 'adult-10', estimated: false }],
    // C3
    ['aged 18 and issued before 2022-04-01: the line was 20, so 5 years', { birthDate: '2003-06-01', issueDate: '2022-03-15' }, { date: '2026-06-01', rule: 'minor-5', estimated: false }],
    ['aged 20 and issued before 2022-04-01: 10 years', { birthDate: '2001-06-01', issueDate: '2022-03-15' }, { date: '2031-06-01', rule: 'adult-10', estimated: false }],
    ['aged 18, application received 2022-03-31: line 20', { birthDate: '2003-06-01', issueDate: '2022-04-20', applicationDate: '2022-03-31' }, { date: '2026-06-01', rule: 'minor-5', estimated: false }],
    ['aged 18, application received 2022-04-01: line 18', { birthDate: '2003-06-01', issueDate: '2022-04-20', applicationDate: '2022-04-01' }, { date: '2031-06-01', rule: 'adult-10', estimated: false }],
    ['aged 18, issued 2022-04-20, receipt date unknown: earlier date, estimated', { birthDate: '2003-06-01', issueDate: '2022-04-20' }, { date: '2026-06-01', rule: 'minor-5', estimated: true }],
    ['aged 18, issued 2022-07-01, receipt date unknown: line 18, certain', { birthDate: '2003-06-01', issueDate: '2022-07-01' }, { date: '2032-06-01', rule: 'adult-10', estimated: false }],
    ['aged 30, issued 2022-04-20, receipt date unknown: the line does not matter', { birthDate: '1992-06-01', issueDate: '2022-04-20' }, { date: '2031-06-01', rule: 'adult-10', estimated: false }],
    // C4
    ['turned 18 between receipt and issue: judged on the issue date, estimated', { birthDate: '2004-04-15', issueDate: '2022-05-10', applicationDate: '2022-04-10' }, { date: '2032-04-15', rule: 'adult-10', estimated: true }],
    // C8
    ['a foreign resident’s card ends at an earlier stay expiry', { birthDate: '1990-05-10', issueDate: '2024-01-10', stayExpiry: '2026-08-31' }, { date: '2026-08-31', rule: 'stay', estimated: false }],
    ['a stay expiry after the 10th birthday does not extend the card', { birthDate: '1990-05-10', issueDate: '2024-01-10', stayExpiry: '2035-01-01' }, { date: '2033-05-10', rule: 'adult-10', estimated: false }],
    ['a stay expiry on the 10th birthday keeps the birthday rule', { birthDate: '1990-05-10', issueDate: '2024-01-10', stayExpiry: '2033-05-10' }, { date: '2033-05-10', rule: 'adult-10', estimated: false }],
    ['a stay expiry on the issue date ends the card that day', { birthDate: '1990-05-10', issueDate: '2024-01-10', stayExpiry: '2024-01-10' }, { date: '2024-01-10', rule: 'stay', estimated: false }],
    // F1
    ['29 Feb birth, expiry in a non-leap year: 28 Feb, estimated', { birthDate: '2000-02-29', issueDate: '2020-03-01' }, { date: '2030-02-28', rule: 'adult-10', estimated: true }],
    ['29 Feb birth, expiry in a leap year: 29 Feb, certain', { birthDate: '1988-02-29', issueDate: '2018-03-01' }, { date: '2028-02-29', rule: 'adult-10', estimated: false }],
    ['29 Feb birth, issued 28 Feb of a non-leap year: counted as the birthday', { birthDate: '2000-02-29', issueDate: '2021-02-28' }, { date: '2031-02-28', rule: 'adult-10', estimated: true }],
    ['29 Feb birth, issued 28 Feb before a leap expiry year: never past ten years', { birthDate: '2000-02-29', issueDate: '2023-02-28' }, { date: '2033-02-28', rule: 'adult-10', estimated: true }],
    ['29 Feb birth, card issued on the day of birth: 5 years at most, estimated', { birthDate: '1956-02-29', issueDate: '1956-02-29' }, { date: '1961-02-28', rule: 'minor-5', estimated: true }],
    // C7
    ['renewed inside the window: 11th birthday, estimated (C7 is weakly sourced)', { birthDate: '1990-05-10', issueDate: '2025-03-01', renewedInWindow: true }, { date: '2035-05-10', rule: 'adult-10', estimated: true }],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(cardExpiry(input)).toEqual(expected);
  });

  it.each<[string, CardExpiryInput, typeof InvalidDateError | typeof InvalidRuleInputError]>([
    ['a birth date that does not exist', { birthDate: '1990-02-30', issueDate: '2020-01-01' }, InvalidDateError],
    ['an issue date written with slashes', { birthDate: '1990-05-10', issueDate: '2020/01/01' }, InvalidDateError],
    ['an issue date before the birth', { birthDate: '1990-05-10', issueDate: '1989-01-01' }, InvalidRuleInputError],
    ['an application received after the issue', { birthDate: '1990-05-10', issueDate: '2020-01-01', applicationDate: '2020-02-01' }, InvalidRuleInputError],
    ['a stay expiry before the issue', { birthDate: '1990-05-10', issueDate: '2020-01-01', stayExpiry: '2019-12-31' }, InvalidRuleInputError],
  ])('refuses %s with a coded error', (_name, input, errorClass) => {
    expect(() => cardExpiry(input)).toThrow(errorClass);
  });
});

describe('certificateExpiry', () => {
  it.each([
    ['5th birthday after issue, whatever the age (E1)', { birthDate: '2010-05-10', issueDate: '2020-03-01' }, '2024-05-10'],
    ['issued on the birthday: a full 5 years', { birthDate: '1990-05-10', issueDate: '2020-05-10' }, '2025-05-10'],
    ['issued the day before the birthday: about 4 years', { birthDate: '1990-05-10', issueDate: '2020-05-09' }, '2024-05-10'],
    ['renewed in the window: 6th birthday (E4)', { birthDate: '1990-05-10', issueDate: '2024-03-01', renewedInWindow: true }, '2029-05-10'],
    ['capped by the card expiry (E2)', { birthDate: '1990-05-10', issueDate: '2020-03-01', cardExpiry: '2023-01-31' }, '2023-01-31'],
    ['a later card expiry does not extend it', { birthDate: '1990-05-10', issueDate: '2020-03-01', cardExpiry: '2029-05-10' }, '2024-05-10'],
    ['signing certificate capped by the authentication certificate (E2)', { birthDate: '1990-05-10', issueDate: '2020-03-01', authExpiry: '2022-07-07' }, '2022-07-07'],
    ['the real test card: 2025-10-27 → 2030-02-17 (X3)', { birthDate: '1985-02-17', issueDate: '2025-10-27' }, '2030-02-17'],
    ['29 Feb birth, issued 28 Feb before a leap expiry year: five years at most', { birthDate: '2000-02-29', issueDate: '2023-02-28' }, '2028-02-28'],
    ['29 Feb birth, non-leap expiry year: 28 Feb (F1)', { birthDate: '1996-02-29', issueDate: '2021-06-01' }, '2026-02-28'],
  ])('%s', (_name, input, expected) => {
    expect(certificateExpiry(input)).toBe(expected);
  });

  it('refuses a card expiry before the certificate was issued', () => {
    expect(() => certificateExpiry({ birthDate: '1990-05-10', issueDate: '2020-03-01', cardExpiry: '2020-02-29' })).toThrow(InvalidRuleInputError);
  });
});

describe('renewalOpens: the day after the same date three months earlier (facts R1)', () => {
  it.each([
    ['2025-06-15', '2025-03-16', 'the municipal example 6/15 → 3/16'],
    ['2025-05-31', '2025-03-01', 'no 31 Feb: last day of Feb, then one more'],
    ['2024-05-31', '2024-03-01', 'leap year: 29 Feb, then one more'],
    ['2025-05-30', '2025-03-01', '30 May clamps the same way'],
    ['2025-05-28', '2025-03-01', '28 May needs no clamping'],
    ['2025-05-27', '2025-02-28', 'the day before that'],
    ['2025-12-31', '2025-10-01', '30 Sep has no 31st'],
    ['2025-01-15', '2024-10-16', 'across a year end'],
    ['2030-02-17', '2029-11-18', 'the real test card'],
  ])('expiry %s → opens %s (%s)', (expiry, opens) => {
    expect(renewalOpens(expiry)).toBe(opens);
  });

  it('refuses an expiry that is not a date', () => {
    expect(() => renewalOpens('2025-06-31')).toThrow(InvalidDateError);
  });
});
