import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../src/bytes';
import { decodeResponse, encodeCommand, encodeResponse, parseCommand } from '../../src/card/apdu';
import type { CommandApdu } from '../../src/card/apdu';
import { ApduFormatError } from '../../src/card/errors';

const NONE = new Uint8Array(0);
const cmd = (data: string, le?: number, extended?: boolean): CommandApdu => ({ cla: 0x00, ins: 0xb0, p1: 0x01, p2: 0x02, data: fromHex(data), le, extended });
const bigData = new Uint8Array(300).fill(0xab);

describe('encodeCommand writes each ISO 7816-4 case byte for byte', () => {
  it.each([
    ['case 1', cmd(''), '00 B0 01 02'],
    ['case 2 short, Le 32', cmd('', 0x20), '00 B0 01 02 20'],
    ['case 2 short, Le 256 as 00', cmd('', 256), '00 B0 01 02 00'],
    ['case 3 short', cmd('00 0A'), '00 B0 01 02 02 00 0A'],
    ['case 4 short, Le 256', cmd('30 31', 256), '00 B0 01 02 02 30 31 00'],
    ['case 2 extended, Le 257', cmd('', 257), '00 B0 01 02 00 01 01'],
    ['case 2 extended, Le 65536 as 00 00 00', cmd('', 65536), '00 B0 01 02 00 00 00'],
    ['case 2 extended on request', cmd('', 5, true), '00 B0 01 02 00 00 05'],
    ['case 3 extended on request', cmd('AA', undefined, true), '00 B0 01 02 00 00 01 AA'],
    ['case 4 extended, Le 65536', cmd('AA', 65536), '00 B0 01 02 00 00 01 AA 00 00'],
  ])('%s', (_, command, expected) => {
    expect(hex(encodeCommand(command))).toBe(expected);
  });

  it('switches to extended Lc when the data passes 255 bytes', () => {
    const out = encodeCommand({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data: bigData, le: 256 });
    expect(hex(out.subarray(0, 7))).toBe('80 2A 00 80 00 01 2C');
    expect(hex(out.subarray(out.length - 2))).toBe('01 00');
    expect(out.length).toBe(4 + 3 + 300 + 2);
  });

  it.each([
    ['a CLA over 255', { cla: 256, ins: 0, p1: 0, p2: 0, data: NONE }],
    ['a fractional P1', { cla: 0, ins: 0, p1: 1.5, p2: 0, data: NONE }],
    ['Le 0', { cla: 0, ins: 0, p1: 0, p2: 0, data: NONE, le: 0 }],
    ['Le 65537', { cla: 0, ins: 0, p1: 0, p2: 0, data: NONE, le: 65537 }],
    ['65536 data bytes', { cla: 0, ins: 0, p1: 0, p2: 0, data: new Uint8Array(65536) }],
  ])('refuses %s with ApduFormatError', (_, command) => {
    expect(() => encodeCommand(command)).toThrow(ApduFormatError);
  });
});

describe('parseCommand reads commands as a card would', () => {
  it.each([
    ['00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', { data: 'D3 92 F0 00 26 01 00 00 00 01', le: undefined }],
    ['00 B0 00 00 00', { data: '', le: 256 }],
    ['00 20 00 80', { data: '', le: undefined }],
    ['80 2A 00 80 02 AA BB 00', { data: 'AA BB', le: 256 }],
    ['00 B0 00 00 00 01 00', { data: '', le: 256, extended: true }],
    ['00 B0 00 00 00 00 00', { data: '', le: 65536, extended: true }],
    ['00 B0 00 00 00 00 02 AA BB 00 10', { data: 'AA BB', le: 16, extended: true }],
  ] as Array<[string, { data: string; le?: number; extended?: boolean }]>)('%s', (text, expected) => {
    const parsed = parseCommand(fromHex(text));
    expect(hex(parsed.data)).toBe(hex(fromHex(expected.data)));
    expect(parsed.le).toBe(expected.le);
    expect(parsed.extended === true).toBe(expected.extended === true);
  });

  it.each([
    ['a 3-byte command', '00 A4 04'],
    ['short Lc of zero followed by a byte', '00 A4 04 0C 00 01'],
    ['short Lc longer than the data', '00 A4 04 0C 05 01 02'],
    ['short Lc shorter than the data by two', '00 A4 04 0C 01 01 02 03'],
    ['extended Lc of zero', '00 A4 04 0C 00 00 00 01'],
    ['extended Lc not matching', '00 A4 04 0C 00 00 05 01 02'],
  ])('refuses %s with ApduFormatError', (_, text) => {
    expect(() => parseCommand(fromHex(text))).toThrow(ApduFormatError);
  });
});

describe('responses', () => {
  it('splits data from SW1 SW2', () => {
    const r = decodeResponse(fromHex('01 02 63 C2'));
    expect([hex(r.data), r.sw, r.sw1, r.sw2]).toEqual(['01 02', 0x63c2, 0x63, 0xc2]);
  });

  it('refuses a response shorter than a status word', () => {
    expect(() => decodeResponse(fromHex('90'))).toThrow(ApduFormatError);
    expect(() => decodeResponse(new Uint8Array(0))).toThrow(ApduFormatError);
  });

  it('encodes data then SW, and refuses a status word over 16 bits', () => {
    expect(hex(encodeResponse(fromHex('AA'), 0x9000))).toBe('AA 90 00');
    expect(() => encodeResponse(NONE, 0x10000)).toThrow(ApduFormatError);
  });
});

describe('properties', () => {
  const bytes = fc.uint8Array({ maxLength: 600 });

  it('random bytes into parseCommand give a command or ApduFormatError, nothing else', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        try {
          const c = parseCommand(b);
          // Whatever parses must re-encode to the same bytes (no information lost).
          expect(hex(encodeCommand(c))).toBe(hex(b));
        } catch (e) {
          expect(e).toBeInstanceOf(ApduFormatError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('random bytes into decodeResponse give data + SW or ApduFormatError', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        try {
          const r = decodeResponse(b);
          expect(hex(encodeResponse(r.data, r.sw))).toBe(hex(b));
        } catch (e) {
          expect(e).toBeInstanceOf(ApduFormatError);
          expect(b.length).toBeLessThan(2);
        }
      }),
    );
  });

  it('encode → parse returns the same command', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    const command = fc.record({
      cla: byte,
      ins: byte,
      p1: byte,
      p2: byte,
      data: fc.uint8Array({ maxLength: 400 }),
      le: fc.option(fc.integer({ min: 1, max: 65536 }), { nil: undefined }),
      extended: fc.boolean(),
    });
    fc.assert(
      fc.property(command, (c) => {
        const parsed = parseCommand(encodeCommand(c));
        expect([parsed.cla, parsed.ins, parsed.p1, parsed.p2]).toEqual([c.cla, c.ins, c.p1, c.p2]);
        expect(hex(parsed.data)).toBe(hex(c.data));
        expect(parsed.le).toBe(c.le);
      }),
    );
  });
});
