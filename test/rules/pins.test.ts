import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPin, PIN_POLICIES, InvalidRuleInputError, type PinKind } from '../../src/rules/index';

describe('PIN_POLICIES match the card (facts P1–P3)', () => {
  it.each([
    ['auth', 4, 4, 3],
    ['sign', 6, 16, 5],
    ['assist', 4, 4, 3],
  ] as const)('%s: %i–%i characters, %i tries', (kind, min, max, tries) => {
    expect(PIN_POLICIES[kind]).toMatchObject({ minLength: min, maxLength: max, maxTries: tries });
  });
});

describe('checkPin accepts what the card accepts and refuses the rest before a try is spent', () => {
  it.each<[PinKind, string, string]>([
    ['auth', '1234', '1234'],
    ['auth', '１２３４', '1234'], // full-width digits from a Japanese IME
    ['assist', '0000', '0000'],
    ['assist', '０９８７', '0987'],
    ['sign', 'ABC123', 'ABC123'],
    ['sign', 'abc123', 'ABC123'], // lower case is upper-cased, as J-LIS does (P1)
    ['sign', 'ａｂｃ１２３', 'ABC123'], // full-width letters and digits
    ['sign', 'A1B2C3D4E5F6G7H8', 'A1B2C3D4E5F6G7H8'], // 16, the longest
  ])('%s accepts %s as %s', (kind, input, pin) => {
    expect(checkPin(kind, input)).toEqual({ ok: true, pin });
  });

  it.each<[PinKind, string, 'empty' | 'length' | 'charset']>([
    ['auth', '', 'empty'],
    ['auth', '123', 'length'],
    ['auth', '12345', 'length'],
    ['auth', '１２３４５', 'length'], // a full-width PIN of five digits
    ['auth', '12a4', 'charset'],
    ['auth', '12 4', 'charset'],
    ['auth', '１２３　', 'charset'], // an ideographic space
    ['assist', '123', 'length'],
    ['assist', 'abcd', 'charset'],
    ['sign', '', 'empty'],
    ['sign', 'ABC12', 'length'], // 5, one short
    ['sign', 'A1B2C3D4E5F6G7H8I', 'length'], // 17, one too many
    ['sign', 'ABC-123', 'charset'],
    ['sign', 'ＡＢＣ＿１２３', 'charset'],
    ['sign', 'パスワード123', 'charset'],
  ])('%s refuses %j (%s)', (kind, input, reason) => {
    const r = checkPin(kind, input);
    expect(r).toMatchObject({ ok: false, reason });
    if (!r.ok) {
      expect(r.message.ja.length).toBeGreaterThan(0);
      expect(r.message.en.length).toBeGreaterThan(0);
    }
  });

  it.each([['ABCDEF'], ['123456'], ['ａｂｃｄｅｆ']])('accepts a signing password without a letter-digit mix (%s) but warns', (input) => {
    const r = checkPin('sign', input);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warning).toMatch(/英字と数字/);
      expect(r.warningMessage?.en).toMatch(/letters and digits/);
    }
  });

  it('refuses an unknown PIN kind with a coded error', () => {
    expect(() => checkPin('pin' as PinKind, '1234')).toThrow(InvalidRuleInputError);
  });

  it('never throws for any string, and an accepted PIN always fits the policy', () => {
    const kinds = fc.constantFrom<PinKind>('auth', 'sign', 'assist');
    // Random graphemes are almost never a valid PIN, so half the inputs are drawn from
    // PIN-like characters (half- and full-width digits and letters, lower case, spaces)
    // to make sure the "accepted" branch is actually exercised.
    const pinLike = fc.string({ unit: fc.constantFrom(...'0123456789０１２３４５６７８９ABCXYZabcxyzＡＢＣａｂｃ -'), minLength: 3, maxLength: 18 });
    const inputs = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 24 }), pinLike);
    let accepted = 0;
    fc.assert(
      fc.property(kinds, inputs, (kind, input) => {
        const r = checkPin(kind, input);
        if (!r.ok) return true;
        accepted++;
        const p = PIN_POLICIES[kind];
        return p.charset.test(r.pin) && r.pin.length >= p.minLength && r.pin.length <= p.maxLength;
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it('accepts every well-formed PIN unchanged', () => {
    const digits4 = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 4, maxLength: 4 });
    const signPw = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 6, maxLength: 16 });
    fc.assert(fc.property(digits4, (pin) => checkPin('auth', pin).ok && checkPin('assist', pin).ok));
    fc.assert(fc.property(signPw, (pin) => { const r = checkPin('sign', pin); return r.ok && r.pin === pin; }));
  });
});
