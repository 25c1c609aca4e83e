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

  // Issue 14 §5: NFKC made all of these into a plausible PIN and spent a try on it.
  // Each refusal names the first character that is not allowed, in both languages.
  it.each<[PinKind, string, string]>([
    ['sign', 'straße1', 'ß'], // NFKC + upper-case gave STRASSE1
    ['sign', 'ﬁﬁﬁ123', 'ﬁ'], // ligature fi
    ['sign', 'Ⅻ12345', 'Ⅻ'], // Roman numeral twelve
    ['auth', '①②③④', '①'],
    ['auth', '¹²³⁴', '¹'],
    ['auth', '𝟏𝟐𝟑𝟒', '𝟏'], // MATHEMATICAL BOLD DIGIT ONE, outside the BMP
    ['assist', '𝟷𝟸𝟹𝟺', '𝟷'], // monospace digits
    ['auth', '١٢٣٤', '١'], // Arabic-Indic
    ['auth', '۱۲۳۴', '۱'], // extended Arabic-Indic (Persian)
    ['auth', '१२३४', '१'], // Devanagari
    ['sign', 'ＡＢＣ１２３ß', 'ß'],
    ['sign', 'ABC123\u200b', '\u200b'], // a zero-width space after a valid password
    ['sign', 'ÀBC123', 'À'],
    ['sign', 'ΑBC123', 'Α'], // Greek capital alpha, looks like A
    ['sign', 'АBC123', 'А'], // Cyrillic capital A
    ['auth', '12３\uFF14\u0301', '\u0301'], // a combining accent after a full-width digit
    ['auth', '1234\u3000', '\u3000'],
    ['auth', '１２３ａ', 'ａ'], // a full-width letter where only digits go
  ])('%s refuses %j, naming %j', (kind, input, character) => {
    const r = checkPin(kind, input);
    expect(r).toMatchObject({ ok: false, reason: 'charset', character });
    if (!r.ok) {
      const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(r.message.ja).toContain(`「${character}」(${code})`);
      expect(r.message.en).toContain(`「${character}」(${code})`);
    }
  });

  // The near misses' passing neighbours: ASCII and full-width only, mapped to ASCII.
  it.each<[PinKind, string, string]>([
    ['sign', 'strasse1', 'STRASSE1'],
    ['sign', 'fififi123', 'FIFIFI123'],
    ['sign', 'XII12345', 'XII12345'],
    ['auth', '１２３４', '1234'],
    ['auth', '12３４', '1234'], // mixed widths
    ['sign', 'ａｂｃＸＹＺ１２３', 'ABCXYZ123'], // full-width letters, upper-cased
    ['sign', 'ＺＺＺ９９９ｚｚｚ', 'ZZZ999ZZZ'], // the ends of the full-width ranges
    ['sign', 'AAA000aaa', 'AAA000AAA'],
  ])('%s accepts %j as %s', (kind, input, pin) => {
    expect(checkPin(kind, input)).toMatchObject({ ok: true, pin });
  });

  it.each([['＠'], ['［'], ['｀'], ['｛'], ['／'], ['：']])('refuses the full-width neighbour %s of the letter and digit ranges', (ch) => {
    expect(checkPin('sign', `ABC12${ch}`)).toMatchObject({ ok: false, reason: 'charset', character: ch });
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
