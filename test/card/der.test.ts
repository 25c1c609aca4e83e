import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/bytes';
import { readDerHeader } from '../../src/card/der';
import { DerFormatError } from '../../src/card/errors';

describe('readDerHeader finds where a DER object ends', () => {
  it.each([
    ['short form', '30 05', { headerLength: 2, contentLength: 5, totalLength: 7 }],
    ['one length octet', '30 81 80', { headerLength: 3, contentLength: 128, totalLength: 131 }],
    ['two length octets, a real certificate (GEBO saw 30 82 06 2B)', '30 82 06 2B', { headerLength: 4, contentLength: 0x62b, totalLength: 1583 }],
    ['four length octets', '04 84 01 00 00 00', { headerLength: 6, contentLength: 0x1000000, totalLength: 0x1000006 }],
    ['padding after the header is ignored', '30 03 01 02 03 FF FF FF', { headerLength: 2, contentLength: 3, totalLength: 5 }],
  ])('%s', (_, text, expected) => {
    expect(readDerHeader(fromHex(text))).toMatchObject(expected);
  });

  it.each([
    ['an empty buffer', ''],
    ['a lone tag', '30'],
    ['indefinite length (BER, not DER)', '30 80'],
    ['five length octets', '30 85 01 00 00 00 00'],
    ['a length cut short', '30 82 06'],
    ['a leading zero length octet', '30 82 00 90'],
    ['the long form for a short length', '30 81 7F'],
    ['a multi-byte tag', '1F 81 01 00'],
    ['an erased EF (all FF)', 'FF FF FF FF'],
  ])('refuses %s with DerFormatError', (_, text) => {
    expect(() => readDerHeader(fromHex(text))).toThrow(DerFormatError);
  });

  it('refuses an object larger than the caller allows', () => {
    expect(() => readDerHeader(fromHex('30 82 80 00'), 0x8000)).toThrow(DerFormatError);
    expect(readDerHeader(fromHex('30 82 7F FC'), 0x8000).totalLength).toBe(0x8000);
  });

  it('random bytes give a consistent header or DerFormatError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (b) => {
        try {
          const h = readDerHeader(b);
          expect(h.headerLength).toBeLessThanOrEqual(b.length);
          expect(h.totalLength).toBe(h.headerLength + h.contentLength);
        } catch (e) {
          expect(e).toBeInstanceOf(DerFormatError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
