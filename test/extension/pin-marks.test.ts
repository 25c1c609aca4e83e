import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pinMarks, pinMarksText } from '../../src/extension/ui/pin-marks';

describe('PIN marks', () => {
  it.each([
    ['a fresh authentication PIN', { remaining: 3, max: 3, locked: false }, '●●●', 'full'],
    ['one wrong entry', { remaining: 2, max: 3, locked: false }, '●●○', 'reduced'],
    ['the last try', { remaining: 1, max: 3, locked: false }, '●○○', 'last'],
    ['a locked PIN', { remaining: 0, max: 3, locked: true }, '○○○', 'locked'],
    ['the signing password with four left', { remaining: 4, max: 5, locked: false }, '●●●●○', 'reduced'],
    ['the signing password on its last try', { remaining: 1, max: 5, locked: false }, '●○○○○', 'last'],
    ['a locked flag with a stale count', { remaining: 2, max: 3, locked: true }, '○○○', 'locked'],
  ] as const)('draws %s as %s (%s)', (_name, pin, text, level) => {
    const p = pinMarks(pin);
    expect(pinMarksText(p)).toBe(text);
    expect(p.level).toBe(level);
  });

  it.each([
    ['more tries than the maximum', { remaining: 9, max: 3, locked: false }, '●●●'],
    ['a negative count', { remaining: -1, max: 3, locked: false }, '○○○'],
    ['a count that is not a number', { remaining: Number.NaN, max: 3, locked: false }, '○○○'],
    ['a maximum of a hundred', { remaining: 100, max: 100, locked: false }, '●'.repeat(15)],
    ['a maximum of zero', { remaining: 0, max: 0, locked: false }, '○'],
  ])('clamps %s instead of drawing nonsense', (_name, pin, text) => {
    expect(pinMarksText(pinMarks(pin))).toBe(text);
  });

  it('always draws between 1 and 15 marks, filled ones first, and calls it locked exactly when none is filled', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 50 }), fc.boolean(), (remaining, max, locked) => {
        const p = pinMarks({ remaining, max, locked });
        expect(p.marks.length).toBeGreaterThanOrEqual(1);
        expect(p.marks.length).toBeLessThanOrEqual(15);
        expect(pinMarksText(p)).toMatch(/^●*○*$/);
        expect(p.level === 'locked').toBe(p.marks.every((m) => !m));
      }),
    );
  });
});
