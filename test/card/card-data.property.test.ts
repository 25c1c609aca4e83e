/**
 * The 基本4情報 and 共通カードAP record parsers take bytes from the card, which are
 * hostile (STYLE §13): any bytes give a parsed value or a CardDataFormatError, never
 * another exception; and well-formed fields in any order, between unknown ones, parse
 * to the same values by tag.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat } from '../../src/bytes';
import { CardDataFormatError, basicInfoHex, parseBasicInfo, parseCommonRecord } from '../../src/card/index';

function onlyCodedErrors(parse: (bytes: Uint8Array) => unknown): (bytes: Uint8Array) => void {
  return (bytes) => {
    try {
      parse(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(CardDataFormatError);
    }
  };
}

/** A TLV built here, independently of the parser: minimal length form. */
function tlv(tag: number, value: Uint8Array): Uint8Array {
  const tagBytes = tag > 0xff ? [tag >> 8, tag & 0xff] : [tag];
  const n = value.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return concat(Uint8Array.from([...tagBytes, ...length]), value);
}

const prefixes = fc.constantFrom(
  new Uint8Array(0),
  Uint8Array.of(0xff, 0x20),
  Uint8Array.of(0xff, 0x20, 0x81),
  Uint8Array.of(0xff, 0x20, 0x82, 0xff, 0xff),
  Uint8Array.of(0xff, 0x20, 0x10, 0xdf, 0x22),
  Uint8Array.of(0x01, 0x1c),
);
const hostile = fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.tuple(prefixes, fc.uint8Array({ maxLength: 300 })).map(([a, b]) => concat(a, b)));

describe('hostile card data', () => {
  it('parseBasicInfo: any bytes give a BasicInfo or a CardDataFormatError', () => {
    fc.assert(fc.property(hostile, onlyCodedErrors(parseBasicInfo)), { numRuns: 3000 });
  });

  it('parseCommonRecord: any bytes give a CommonRecord or a CardDataFormatError', () => {
    fc.assert(fc.property(hostile, onlyCodedErrors(parseCommonRecord)), { numRuns: 3000 });
  });

  it('a well-formed 基本4情報 with one byte changed still gives a value or a coded error', () => {
    const good = tlv(0xff20, concat(tlv(0xdf21, new Uint8Array(8)), tlv(0xdf22, new TextEncoder().encode('試験　太郎')), tlv(0xdf23, new TextEncoder().encode('東京都')), tlv(0xdf24, new TextEncoder().encode('19800217')), tlv(0xdf25, Uint8Array.of(0x31))));
    fc.assert(fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
      const mutated = good.slice();
      mutated[at] = byte;
      onlyCodedErrors(parseBasicInfo)(mutated);
    }), { numRuns: 2000 });
  });
});

describe('fields found by tag', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 70 });
  const digits8 = fc.stringMatching(/^[0-9]{8}$/);
  const unknownTag = fc.integer({ min: 0xdf26, max: 0xdf7f });

  it('any order, unknown fields between, trailing FF padding: the same name, address, birth bytes and sex', () => {
    fc.assert(fc.property(text, text, digits8, fc.constantFrom('1', '2', '9'), fc.array(fc.tuple(unknownTag, fc.uint8Array({ maxLength: 20 })), { maxLength: 3 }), fc.nat(), fc.nat(40), (name, address, birth, sex, extra, seed, padding) => {
      const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
      const fields = [
        tlv(0xdf21, Uint8Array.of(0, 1, 2)),
        tlv(0xdf22, enc(name)),
        tlv(0xdf23, enc(address)),
        tlv(0xdf24, enc(birth)),
        tlv(0xdf25, enc(sex)),
        ...extra.filter(([tag], i, all) => all.findIndex(([t]) => t === tag) === i).map(([tag, value]) => tlv(tag, value)),
      ];
      // A deterministic shuffle from the seed, so a failure replays.
      const order = fields.map((f, i) => ({ f, k: (seed * 31 + i * 7919) % 1009 })).sort((a, b) => a.k - b.k).map((x) => x.f);
      const bytes = concat(tlv(0xff20, concat(...order)), new Uint8Array(padding).fill(0xff));
      const info = parseBasicInfo(bytes);
      expect(info.name).toBe(name);
      expect(info.address).toBe(address);
      expect(basicInfoHex(info).birthday).toBe(Array.from(enc(birth), (b) => b.toString(16).padStart(2, '0')).join(''));
      expect(info.sex).toBe({ '1': 'male', '2': 'female', '9': 'unknown' }[sex]);
    }), { numRuns: 500 });
  });
});
