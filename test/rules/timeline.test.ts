import { describe, expect, it } from 'vitest';
import { certificateTimeline, worstFinding, sortFindings, SEVERITY_ORDER, InvalidDateError, InvalidRuleInputError, type Finding } from '../../src/rules/index';

// The real test card of facts X3: issued 2025-10-27 00:00 JST, notAfter 2030-02-17 23:59:59 JST.
const testCard = { notBefore: new Date('2025-10-26T15:00:00Z'), notAfter: new Date('2030-02-17T14:59:59Z') };

describe('certificateTimeline places today on the issued → renewal → expiry line', () => {
  it.each([
    ['2025-10-26', { notYetValid: true, renewalOpen: false, expired: false, daysLeft: 1575 }],
    ['2025-10-27', { notYetValid: false, renewalOpen: false, expired: false, daysLeft: 1574 }],
    ['2029-11-17', { notYetValid: false, renewalOpen: false, expired: false, daysLeft: 92 }],
    ['2029-11-18', { notYetValid: false, renewalOpen: true, expired: false, daysLeft: 91 }],
    ['2030-02-17', { notYetValid: false, renewalOpen: true, expired: false, daysLeft: 0 }],
    ['2030-02-18', { notYetValid: false, renewalOpen: false, expired: true, daysLeft: -1 }],
  ])('on %s', (today, expected) => {
    const t = certificateTimeline(testCard, today);
    expect(t).toMatchObject({ issued: '2025-10-27', renewalOpens: '2029-11-18', expiry: '2030-02-17', today, ...expected });
  });
});

const f = (code: Finding['code'], severity: Finding['severity']): Finding => ({
  code,
  severity,
  subject: 'card',
  text: { ja: code, en: code },
});

describe('the toolbar badge shows the worst finding', () => {
  it('picks an error over warnings listed before it', () => {
    const list = [f('card-renewal-open', 'warning'), f('sign-pin-tries-reduced', 'info'), f('auth-pin-locked', 'error')];
    expect(worstFinding(list)?.code).toBe('auth-pin-locked');
    expect(sortFindings(list).map((x) => x.severity)).toEqual(['error', 'warning', 'info']);
  });

  it('is blank when there are no findings', () => {
    expect(worstFinding([])).toBeUndefined();
  });

  it('orders severities error, warning, info', () => {
    expect(SEVERITY_ORDER).toEqual(['error', 'warning', 'info']);
  });
});

describe('certificateTimeline refuses impossible certificates with coded errors', () => {
  it('a notAfter before notBefore', () => {
    expect(() => certificateTimeline({ notBefore: testCard.notAfter, notAfter: testCard.notBefore }, '2026-01-01')).toThrow(InvalidRuleInputError);
  });

  it('an Invalid Date', () => {
    expect(() => certificateTimeline({ notBefore: new Date(Number.NaN), notAfter: testCard.notAfter }, '2026-01-01')).toThrow(InvalidDateError);
  });
});
