import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { laterSnapshot } from '../../src/extension/popup/snapshot-choice';
import type { StatusSnapshot } from '../../src/extension/status-model';

const at = (updatedAt: string, phase: StatusSnapshot['phase'] = 'ready'): StatusSnapshot => ({ virtual: false, phase, findings: [], updatedAt });

describe('which status the popup draws when the refresh reply and storage disagree', () => {
  it.each([
    ['nothing on screen yet: the reply', undefined, at('2026-11-27T00:00:01.000Z'), 'incoming'],
    ['a reply newer than storage delivered: the reply', at('2026-11-27T00:00:01.000Z', 'reading'), at('2026-11-27T00:00:02.000Z'), 'incoming'],
    ['a reply older than the card-removed status storage delivered: stays on card removed', at('2026-11-27T00:00:02.000Z', 'no-card'), at('2026-11-27T00:00:01.999Z'), 'shown'],
    ['the same publish seen twice: either, the incoming one', at('2026-11-27T00:00:02.000Z'), at('2026-11-27T00:00:02.000Z'), 'incoming'],
    ['a reply with an unreadable time: stays', at('2026-11-27T00:00:02.000Z'), at('yesterday'), 'shown'],
    ['a stored status with an unreadable time: the readable reply', at('garbage'), at('2026-11-27T00:00:01.000Z'), 'incoming'],
  ] as const)('%s', (_name, shown, incoming, winner) => {
    expect(laterSnapshot(shown, incoming)).toBe(winner === 'incoming' ? incoming : shown);
  });

  it('whatever order two snapshots arrive in, the later published one ends up drawn', () => {
    const instant = fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => at(d.toISOString()));
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const later = Date.parse(a.updatedAt) >= Date.parse(b.updatedAt) ? a : b;
        expect(laterSnapshot(laterSnapshot(undefined, a), b).updatedAt).toBe(later.updatedAt);
        expect(laterSnapshot(laterSnapshot(undefined, b), a).updatedAt).toBe(later.updatedAt);
      }),
    );
  });
});
