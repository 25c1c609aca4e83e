/**
 * Port-100 framing both ways (facts sony-readers.md §2.2), against the real RC-S380 trace
 * of nfcpy issue 11 and frames built by the test helper; fast-check proves the decoder
 * answers every byte string with a frame or a Port100FrameError, nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Port100FrameError, decodeFrame, encodeFrame, frameLength, rfTimeoutField } from '../../../src/reader/port100/index';
import { frame, h, normalFrame } from './frames';

describe('Port-100 frames (§2.2)', () => {
  it('encodes SetCommandType 1 exactly as the real RC-S380 trace shows it', () => {
    expect(encodeFrame(h('D6 2A 01'))).toEqual(h('00 00 FF FF FF 03 00 FD D6 2A 01 FF 00'));
  });

  it('decodes the firmware version answer of the trace (fw 1.11)', () => {
    expect(decodeFrame(h('00 00 FF FF FF 04 00 FC D7 21 11 01 F6 00'))).toEqual({ kind: 'data', data: h('D7 21 11 01') });
  });

  it('encodes the computed InSetRF 106B and Type B InSetProtocol frames of §2.5', () => {
    expect(encodeFrame(h('D6 00 03 07 0F 07'))).toEqual(h('00 00 FF FF FF 06 00 FA D6 00 03 07 0F 07 0A 00'));
    expect(encodeFrame(h('D6 02 0B 01 09 01 0C 01 0A 01 00 14'))).toEqual(h('00 00 FF FF FF 0C 00 F4 D6 02 0B 01 09 01 0C 01 0A 01 00 14 E6 00'));
  });

  it('encodes REQB and ATTRIB in InCommRF as §2.6 computes them', () => {
    expect(encodeFrame(h('D6 04 36 01 05 00 10'))).toEqual(h('00 00 FF FF FF 07 00 F9 D6 04 36 01 05 00 10 DA 00'));
    expect(encodeFrame(h('D6 04 36 01 1D 11 22 33 44 00 08 01 00'))).toEqual(h('00 00 FF FF FF 0D 00 F3 D6 04 36 01 1D 11 22 33 44 00 08 01 00 1F 00'));
  });

  it('reads an ACK, the short error frame, and the normal-length form felica-rs accepts', () => {
    expect(decodeFrame(h('00 00 FF 00 FF 00'))).toEqual({ kind: 'ack' });
    expect(decodeFrame(h('00 00 FF FF FF'))).toEqual({ kind: 'error' });
    expect(decodeFrame(normalFrame('D7 2B 00'))).toEqual({ kind: 'data', data: h('D7 2B 00') });
  });

  it('tells the transport each frame length from its header', () => {
    expect(frameLength(h('00 00'))).toBeUndefined();
    expect(frameLength(h('00 00 FF 00 FF 00'))).toBe(6);
    expect(frameLength(frame('D7 2B 00'))).toBe(13);
    expect(frameLength(normalFrame('D7 2B 00'))).toBe(10);
    expect(frameLength(h('00 00 FF FF FF'))).toBe(5);
    expect(frameLength(h('01 02 03'))).toBeNull();
  });

  it.each([
    ['a wrong length checksum (LCS)', '00 00 FF FF FF 03 00 FE D6 2A 01 FF 00', 'lcs'],
    ['a wrong data checksum (DCS)', '00 00 FF FF FF 03 00 FD D6 2A 01 FE 00', 'dcs'],
    ['a missing postamble', '00 00 FF FF FF 03 00 FD D6 2A 01 FF 01', 'postamble'],
    ['fewer bytes than LEN promises', '00 00 FF FF FF 05 00 FB D6 2A 01 FF 00', 'truncated'],
    ['a bad preamble', '00 01 FF FF FF 03 00 FD D6 2A 01 FF 00', 'preamble'],
  ])('refuses a frame with %s', (_what, bytes, reason) => {
    let error: unknown;
    try {
      decodeFrame(h(bytes));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Port100FrameError);
    expect((error as Port100FrameError).details.reason).toBe(reason);
  });

  it('decodes what it encodes, for any data up to the largest reader answer', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1024 }), (data) => {
      expect(decodeFrame(encodeFrame(data))).toEqual({ kind: 'data', data });
    }));
  });

  it('answers any byte string with a frame or a Port100FrameError (never a RangeError)', () => {
    const near = fc.uint8Array({ maxLength: 40 }).map((tail) => Uint8Array.from([0x00, 0x00, 0xff, ...tail]));
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), near), (bytes) => {
      try {
        const f = decodeFrame(bytes);
        expect(['ack', 'error', 'data']).toContain(f.kind);
      } catch (e) {
        expect(e).toBeInstanceOf(Port100FrameError);
      }
      const n = frameLength(bytes);
      expect(n === null || n === undefined || (Number.isInteger(n) && n > 0)).toBe(true);
    }), { numRuns: 2000 });
  });
});

describe('InCommRF timeout field (§2.7, nfcpy tests)', () => {
  it.each([
    [0, 0x0000],
    [1, 0x0014],
    [100, 0x03f2],
    [1000, 0x271a],
    [30, 0x0136],
    [10_000, 0xffff],
  ])('%d ms is 0x%s in 0.1 ms units', (ms, field) => {
    expect(rfTimeoutField(ms)).toBe(field);
  });
});
