import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDate, formatDaysLeft, formatShortDate, formatTime } from '../../src/extension/ui/format';
import { parsePrintedDate } from '../../src/extension/ui/printed-date';
import { summaryFor } from '../../src/extension/ui/summary';
import { assess } from '../../src/rules/index';
import type { StatusSnapshot } from '../../src/extension/status-model';

describe('dates and counts as the holder reads them', () => {
  it.each([
    ['2030-02-17', 'ja', '2030年2月17日', '2030/2/17'],
    ['2030-02-17', 'en', '17 Feb 2030', '17 Feb 2030'],
    ['2029-12-01', 'en', '1 Dec 2029', '1 Dec 2029'],
  ] as const)('%s in %s reads %s (short %s)', (date, lang, long, short) => {
    expect(formatDate(date, lang)).toBe(long);
    expect(formatShortDate(date, lang)).toBe(short);
  });

  it('shows a value that is not a date as it came, rather than "NaN年"', () => {
    expect(formatDate('soon', 'ja')).toBe('soon');
  });

  it.each([
    [1234, 'ja', 'あと1,234日'],
    [1, 'en', '1 day left'],
    [2, 'en', '2 days left'],
    [0, 'ja', '今日まで有効'],
    [0, 'en', 'Valid through today'],
    [-1, 'en', 'Expired 1 day ago'],
    [-27, 'ja', '27日前に期限切れ'],
  ] as const)('%i days left in %s reads %s', (n, lang, text) => {
    expect(formatDaysLeft(n, lang)).toBe(text);
  });

  it('gives the time of a check in Japan time whatever the computer’s zone', () => {
    expect(formatTime('2026-11-27T01:23:00Z', 'ja')).toBe('10:23');
    expect(formatTime('2026-11-27T15:05:00Z', 'en')).toBe('00:05');
    expect(formatTime('garbage', 'en')).toBe('');
  });
});

describe('the expiry date typed from the card', () => {
  const TODAY = '2026-11-27';
  it.each([
    ['2034-03-05', '2034-03-05'],
    ['2034/3/5', '2034-03-05'],
    ['2034.03.05', '2034-03-05'],
    ['20340305', '2034-03-05'],
    ['2034年 3月 5日まで有効', '2034-03-05'],
    ['２０３４年３月５日', '2034-03-05'], // full-width digits from a Japanese IME
    ['有効期限 2034年03月05日', '2034-03-05'],
    ['令和16年3月5日', '2034-03-05'],
    ['R16.3.5', '2034-03-05'],
    ['  2028-02-29 ', '2028-02-29'],
  ])('reads %j as %s', (input, date) => {
    expect(parsePrintedDate(input, TODAY)).toEqual({ ok: true, date });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['next year', 'format'],
    ['2034-3', 'format'],
    ['34/3/5', 'format'],
    ['2027/02/30', 'no-such-day'],
    ['2027-02-29', 'no-such-day'], // 2027 is not a leap year
    ['2034-13-01', 'no-such-day'],
    ['2034-00-10', 'no-such-day'],
    ['2015-12-31', 'out-of-range'], // before the first cards
    ['2038-01-01', 'out-of-range'], // more than 11 years ahead of 2026
  ])('refuses %j (%s)', (input, reason) => {
    expect(parsePrintedDate(input, TODAY)).toEqual({ ok: false, reason });
  });

  it('reads back every real date in range written with slashes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2016-01-01T00:00:00Z'), max: new Date('2037-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(parsePrintedDate(iso.replaceAll('-', '/'), TODAY)).toEqual({ ok: true, date: iso });
      }),
    );
  });
});

describe('the popup headline', () => {
  const snap = (phase: StatusSnapshot['phase'], findings = assess({}, '2026-11-27')): StatusSnapshot => ({
    virtual: false, phase, findings, updatedAt: '2026-11-27T00:00:00Z',
  });
  it.each([
    ['no-reader', 'summary.noReader'],
    ['reader-blocked', 'summary.blocked'],
    ['reader-busy', 'summary.busy'],
    ['no-card', 'summary.noCard'],
    ['reading', 'summary.reading'],
    ['error', 'summary.failed'],
    ['ready', 'summary.ok'],
  ] as const)('says %s as %s', (phase, key) => {
    expect(summaryFor(snap(phase), snap(phase).findings).key).toBe(key);
  });

  it('says action is needed for a locked PIN and attention for a last try', () => {
    const locked = assess({ pins: { auth: 0 } }, '2026-11-27');
    const last = assess({ pins: { sign: 1 } }, '2026-11-27');
    expect(summaryFor(snap('ready', locked), locked)).toEqual({ key: 'summary.error', tone: 'error' });
    expect(summaryFor(snap('ready', last), last)).toEqual({ key: 'summary.warning', tone: 'warning' });
  });

  it('says it is checking before any status was stored', () => {
    expect(summaryFor(undefined, [])).toEqual({ key: 'summary.checking', tone: 'busy' });
  });
});
