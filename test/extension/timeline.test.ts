import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { timelineGeometry } from '../../src/extension/ui/timeline-geometry';
import { certificateView, cardExpiryView } from '../../src/extension/ui/validity-view';
import type { CertificateSnapshot } from '../../src/extension/status-model';

// The real test card of facts X3: issued 2025-10-27 00:00 JST, notAfter 2030-02-17 23:59:59 JST.
const X3: CertificateSnapshot = {
  serial: '01',
  subject: 'CN=x',
  issuer: 'OU=JPKI for user authentication, O=JPKI, C=JP',
  notBefore: '2025-10-26T15:00:00Z',
  notAfter: '2030-02-17T14:59:59Z',
  notBeforeDate: '2025-10-27',
  notAfterDate: '2030-02-17',
};

describe('timeline geometry', () => {
  it('puts today halfway along a certificate half used, and the window start near the end', () => {
    const g = timelineGeometry({ total: 1000, renewal: 910, today: 500 });
    expect(g).toMatchObject({ todayAt: 0.5, renewalAt: 0.91, state: 'valid', todayOffBar: null, todayAlign: 'center' });
  });

  it.each([
    ['the day renewal opens', 910, 'renewal-open'],
    ['the expiry day itself (still valid)', 1000, 'renewal-open'],
    ['the day after expiry', 1001, 'expired'],
    ['the day before issue', -1, 'not-yet-valid'],
    ['the issue day', 0, 'valid'],
  ] as const)('calls %s %s', (_name, today, state) => {
    expect(timelineGeometry({ total: 1000, renewal: 910, today }).state).toBe(state);
  });

  it('pins today to the end it passed when it lies off the bar, and hangs its label inward', () => {
    expect(timelineGeometry({ total: 1000, renewal: 910, today: 1500 })).toMatchObject({ todayAt: 1, todayOffBar: 'after', todayAlign: 'end' });
    expect(timelineGeometry({ total: 1000, renewal: 910, today: -30 })).toMatchObject({ todayAt: 0, todayOffBar: 'before', todayAlign: 'start' });
  });

  it('does not divide by zero for a certificate that starts and ends on one day', () => {
    const g = timelineGeometry({ total: 0, renewal: -91, today: 0 });
    expect(Number.isFinite(g.todayAt) && Number.isFinite(g.renewalAt)).toBe(true);
  });

  it('keeps every mark on the bar and today after the window start exactly when renewal is open or past', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: -500, max: 5000 }), (total, today) => {
        const renewal = Math.max(0, total - 91);
        const g = timelineGeometry({ total, renewal, today });
        for (const x of [g.todayAt, g.renewalAt]) expect(x >= 0 && x <= 1).toBe(true);
        expect(g.state === 'renewal-open' || g.state === 'expired').toBe(today >= renewal && today >= 0);
      }),
    );
  });
});

describe('certificate view from a snapshot', () => {
  it.each([
    ['2027-06-01', 'valid', 992],
    ['2029-11-17', 'valid', 92],
    ['2029-11-18', 'renewal-open', 91], // R1: the day after 2029-11-17
    ['2030-02-17', 'renewal-open', 0], // valid through notAfter (23:59:59 JST)
    ['2030-02-18', 'expired', -1],
    ['2025-10-26', 'not-yet-valid', 1575],
  ] as const)('on %s the X3 test card is %s with %i days left', (today, state, daysLeft) => {
    expect(certificateView(X3, today)).toMatchObject({ state, daysLeft, issued: '2025-10-27', expiry: '2030-02-17', renewalOpens: '2029-11-18' });
  });

  it('gives null rather than throwing for a snapshot with a broken date, so the popup still draws', () => {
    expect(certificateView({ ...X3, notAfter: 'not a date' }, '2027-01-01')).toBeNull();
  });
});

describe('the card’s own validity from the printed date', () => {
  it.each([
    ['2034-03-04', 'valid', 2654],
    ['2027-02-25', 'renewal-open', 90],
    ['2026-11-27', 'renewal-open', 0],
    ['2026-11-26', 'expired', -1],
  ] as const)('a card printed %s is %s on 2026-11-27', (expiry, state, daysLeft) => {
    expect(cardExpiryView(expiry, '2026-11-27')).toMatchObject({ state, daysLeft, expiry });
  });

  it('has no timeline, because the card’s issue date is not entered', () => {
    expect(cardExpiryView('2034-03-04', '2026-11-27')?.geometry).toBeUndefined();
  });
});
