import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, cardExpiry, certificateExpiry, certificateTimeline, daysBetween, renewalOpens, toJstDate } from '../../src/rules/index';
import { addMonthsClamped, isLeapYear } from '../../src/rules/calendar';

const dayIn = (min: string, max: string): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: daysBetween(min, max) }).map((n) => addDays(min, n));
const birthAndIssue = dayIn('1900-01-01', '2100-12-31').chain((birth) =>
  fc.tuple(fc.constant(birth), dayIn(birth, addMonthsClamped(birth, 12 * 100))),
);
/** Birth dates with extra weight on 29 February, the awkward one. */
const leapHeavy = fc.oneof(
  birthAndIssue,
  fc.integer({ min: 476, max: 524 }).chain((q) => {
    const birth = `${q * 4}-02-29`;
    return fc.tuple(fc.constant(birth), dayIn(birth, addMonthsClamped(birth, 12 * 100)));
  }),
  // The edge that made the first property flaky (about 1 run in 100): always in the mix.
  fc.constant<[string, string]>(['2092-02-29', '2096-02-28']),
);

/**
 * A birthday, or 28 February for a 29 February birth (issue 2): in a non-leap year that
 * is the birthday; in a leap year it is the ten-year cap of termEnd.
 */
function isBirthday(birth: string, date: string): boolean {
  if (birth.slice(5) === '02-29') return date.slice(5) === '02-28' || (date.slice(5) === '02-29' && isLeapYear(Number(date.slice(0, 4))));
  return date.slice(5) === birth.slice(5);
}

/** 29 Feb birth, issued on 28 Feb of a leap year whose year + 4 is not leap (2096 → 2100). */
function isFeb29EdgeCase(birth: string, issue: string): boolean {
  const year = Number(issue.slice(0, 4));
  return birth.slice(5) === '02-29' && issue.slice(5) === '02-28' && isLeapYear(year) && !isLeapYear(year + 4);
}

describe('card expiry properties, for every birth and issue date', () => {
  it('falls on a birthday (28 Feb for a 29 Feb birth in a non-leap year), after the issue date, at most ten years later', () => {
    fc.assert(
      fc.property(leapHeavy, ([birth, issue]) => {
        const e = cardExpiry({ birthDate: birth, issueDate: issue });
        expect(isBirthday(birth, e.date)).toBe(true);
        expect(e.date > issue).toBe(true);
        expect(e.date <= addMonthsClamped(issue, 120)).toBe(true);
        // and never sooner than the 5-year term allows: five birthdays after the issue day,
        // so more than four years — except for a 29 February birth issued on 28 February
        // of a leap year whose fourth year after is not one (2096 → 2100): the first
        // birthday is the next day and the fifth falls on 28 February (docs/rules.md
        // decision 1), exactly four years on.
        const fourYears = addMonthsClamped(issue, 48);
        if (e.date === fourYears) expect(isFeb29EdgeCase(birth, issue)).toBe(true);
        else expect(e.date > fourYears).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('pins the 29 February edge the property once missed: birth 2092-02-29, issue 2096-02-28', () => {
    // Birthdays after the issue day: 2096-02-29 (the next day), 2097-, 2098-, 2099-02-28
    // and 2100-02-28 (2100 is not a leap year), the fifth. Read as 1 March it would be
    // 2100-03-01, so the date is estimated.
    expect(cardExpiry({ birthDate: '2092-02-29', issueDate: '2096-02-28' })).toEqual({ date: '2100-02-28', rule: 'minor-5', estimated: true });
    // The neighbours: a day later the first birthday is a year away; in 2024 four years on is a leap year.
    expect(cardExpiry({ birthDate: '2092-02-29', issueDate: '2096-02-29' }).date).toBe('2101-02-28');
    expect(cardExpiry({ birthDate: '2020-02-29', issueDate: '2024-02-28' }).date).toBe('2028-02-29');
  });

  it('a stay expiry only ever makes the card end sooner, never later', () => {
    fc.assert(
      fc.property(birthAndIssue, fc.integer({ min: 0, max: 5000 }), ([birth, issue], days) => {
        const stay = addDays(issue, days);
        const plain = cardExpiry({ birthDate: birth, issueDate: issue });
        const withStay = cardExpiry({ birthDate: birth, issueDate: issue, stayExpiry: stay });
        expect(withStay.date <= plain.date).toBe(true);
        expect(withStay.date === stay || withStay.date === plain.date).toBe(true);
      }),
    );
  });

  it('is estimated whenever the birth is 29 Feb and the expiry lands on 28 Feb', () => {
    fc.assert(
      fc.property(leapHeavy, ([birth, issue]) => {
        const e = cardExpiry({ birthDate: birth, issueDate: issue });
        if (birth.endsWith('-02-29') && e.date.endsWith('-02-28')) expect(e.estimated).toBe(true);
        if (!birth.endsWith('-02-29') && (issue < '2022-04-01' || issue >= '2022-07-01')) expect(e.estimated).toBe(false);
      }),
    );
  });
});

describe('certificate expiry properties', () => {
  it('falls after the issue date, within five years, and never after its caps', () => {
    fc.assert(
      fc.property(birthAndIssue, fc.integer({ min: 0, max: 4000 }), ([birth, issue], capDays) => {
        const cap = addDays(issue, capDays);
        const plain = certificateExpiry({ birthDate: birth, issueDate: issue });
        expect(plain > issue && plain <= addMonthsClamped(issue, 60)).toBe(true);
        expect(isBirthday(birth, plain)).toBe(true);
        const capped = certificateExpiry({ birthDate: birth, issueDate: issue, cardExpiry: cap, authExpiry: cap });
        expect(capped).toBe(cap < plain ? cap : plain);
      }),
    );
  });
});

describe('renewal window properties', () => {
  const expiry = dayIn('1950-01-01', '2150-12-31');

  it('opens before the expiry, 88 to 91 days ahead (about three months)', () => {
    fc.assert(
      fc.property(expiry, (e) => {
        const opens = renewalOpens(e);
        const lead = daysBetween(opens, e);
        expect(lead).toBeGreaterThanOrEqual(88);
        expect(lead).toBeLessThanOrEqual(91);
      }),
    );
  });

  it('never opens earlier for a later expiry', () => {
    fc.assert(fc.property(expiry, expiry, (a, b) => (a <= b ? renewalOpens(a) <= renewalOpens(b) : renewalOpens(a) >= renewalOpens(b))));
  });
});

describe('JST date properties', () => {
  it('midnight JST starts the date and 23:59:59.999 JST ends it', () => {
    fc.assert(
      fc.property(dayIn('1900-01-01', '2199-12-31'), (d) => {
        const midnightJst = Date.parse(`${d}T00:00:00+09:00`);
        expect(toJstDate(new Date(midnightJst))).toBe(d);
        expect(toJstDate(new Date(midnightJst + 86_400_000 - 1))).toBe(d);
        expect(toJstDate(new Date(midnightJst - 1))).toBe(addDays(d, -1));
      }),
    );
  });

  it('a certificate timeline is consistent: expired exactly when daysLeft < 0, renewal only while valid', () => {
    fc.assert(
      fc.property(dayIn('2000-01-01', '2040-12-31'), fc.integer({ min: 1, max: 4000 }), fc.integer({ min: -200, max: 4200 }), (issued, life, offset) => {
        const expiry = addDays(issued, life);
        const cert = { notBefore: new Date(`${issued}T00:00:00+09:00`), notAfter: new Date(`${expiry}T23:59:59+09:00`) };
        const t = certificateTimeline(cert, addDays(issued, offset));
        expect(t.issued).toBe(issued);
        expect(t.expiry).toBe(expiry);
        expect(t.expired).toBe(t.daysLeft < 0);
        expect(t.notYetValid).toBe(offset < 0);
        if (t.renewalOpen) expect(t.expired).toBe(false);
      }),
    );
  });
});
