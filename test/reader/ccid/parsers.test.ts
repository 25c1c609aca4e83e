/**
 * The parsers take hostile bytes (STYLE §13): known-good values first, then near
 * misses, then fast-check proving that random bytes only ever give a typed error.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hex } from '../../../src/bytes';
import {
  AtrParseError,
  decodeBlock,
  decodeInterrupt,
  decodeReply,
  DescriptorParseError,
  parseAtr,
  parseCcidDescriptor,
  parseConfigurationDescriptor,
  ReaderFramingError,
  T1BlockError,
  CardMuteError,
} from '../../../src/reader/ccid/index';
import { T1 } from '../../../src/spec/index';
import { T1Session } from '../../../src/reader/ccid/t1';
import { BLOCKS, crc, encodeBlock, lrc } from '../../../src/reader/ccid/t1-block';
import { BridgeError } from '../../../src/error';
import { block, ccidDescriptor, h, reply } from './frames';
import { ACR1252, MYNUMBER_ATR, SCR3310_NTTCOM } from './fixtures';

describe('parseAtr (ISO 7816-3 §8)', () => {
  it('reads the My Number Card ATR: TA1 13, TC1 FF, T=1 only, IFSC 251, BWI 4, CWI 6, LRC', () => {
    const atr = parseAtr(h(MYNUMBER_ATR));
    expect(atr).toMatchObject({ convention: 'direct', fiDi: 0x13, guardTime: 0xff, protocols: [1], specificMode: false, tck: 0x3b });
    expect(atr.t1).toEqual({ ifsc: 251, bwi: 4, cwi: 6, edc: 'lrc' });
    expect(atr.historicalBytes).toEqual(h('80 12 39 2F 31 C1 73 C6 01 C0'));
  });

  it('reads the other My Number ATR form (no TA1) with IFSC 251, BWI 4, CWI 5', () => {
    const atr = parseAtr(h('3B C5 FF 81 31 FB 45 80 73 C6 01 00 00'));
    expect(atr).toMatchObject({ fiDi: 0x11, guardTime: 0xff, protocols: [1] });
    expect(atr.t1).toEqual({ ifsc: 251, bwi: 4, cwi: 5, edc: 'lrc' });
  });

  it('takes T=0 with no TCK when no TD byte is present', () => {
    const atr = parseAtr(h('3B 02 14 50'));
    expect(atr.protocols).toEqual([0]);
    expect(atr.tck).toBeUndefined();
  });

  it('reads an inverse-convention ATR (TS 3F; the reader has already decoded the bytes that follow)', () => {
    const atr = parseAtr(h('3F 02 14 50'));
    expect(atr).toMatchObject({ convention: 'inverse', ts: 0x3f, protocols: [0] });
    expect(atr.historicalBytes).toEqual(h('14 50'));
  });

  it('notes specific mode when TA2 is present (no PPS allowed)', () => {
    const body = [0x90, 0x11, 0x91, 0x81, 0x31, 0xfe, 0x45]; // T0 TA1 TD1 TA2 TD2(T=1) TA3 TB3
    const atr = parseAtr(Uint8Array.from([0x3b, ...body.slice(0, 3), 0x81, ...body.slice(4), 0]).map((b, i, a) => (i === a.length - 1 ? a.slice(1, -1).reduce((x, y) => x ^ y, 0) : b)));
    expect(atr.specificMode).toBe(true);
  });

  it.each([
    ['one byte', '3B', 'too-short'],
    ['a bad TS', '3C 00', 'bad-ts'],
    ['a missing historical byte', '3B 02 14', 'truncated'],
    ['a wrong TCK', '3B DA 13 FF 81 31 FB 46 80 12 39 2F 31 C1 73 C6 01 C0 3C', 'bad-tck'],
    ['bytes after TCK', MYNUMBER_ATR + ' 00', 'trailing-bytes'],
    ['TD bytes running past the end', '3B 80 80 80', 'truncated'],
  ])('refuses an ATR with %s (%s)', (_name, hexAtr, reason) => {
    const err = (() => {
      try {
        parseAtr(h(hexAtr));
      } catch (e) {
        return e;
      }
    })() as AtrParseError;
    expect(err).toBeInstanceOf(AtrParseError);
    expect(err.details.reason).toBe(reason);
  });

  it('fast-check: random bytes give an Atr or an AtrParseError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        try {
          parseAtr(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(AtrParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseCcidDescriptor (facts B2)', () => {
  it('reads every field of the SCR3310-NTTCom descriptor', () => {
    const d = parseCcidDescriptor(SCR3310_NTTCOM);
    expect(d).toMatchObject({
      bcdCCID: 0x0110,
      bMaxSlotIndex: 0,
      bVoltageSupport: 7,
      dwProtocols: 3,
      dwDefaultClock: 4800,
      dwMaximumClock: 8000,
      dwDataRate: 12903,
      dwMaxDataRate: 412903,
      dwMaxIFSD: 252,
      dwFeatures: 0x000101ba,
      dwMaxCCIDMessageLength: 271,
      bClassGetResponse: 0xff,
      bClassEnvelope: 0xff,
      bMaxCCIDBusySlots: 1,
      exchangeLevel: 'tpdu',
      protocols: ['T=0', 'T=1'],
    });
  });

  it.each([
    [0x00010000, 'tpdu'],
    [0x00020000, 'short-apdu'],
    [0x00040000, 'extended-apdu'],
    [0x00000000, 'character'],
    [0x00030000, 'character'],
  ])('dwFeatures level bits 0x%s give %s', (features, level) => {
    expect(parseCcidDescriptor(ccidDescriptor({ dwProtocols: 2, dwMaxIFSD: 254, dwFeatures: features, dwMaxCCIDMessageLength: 271 })).exchangeLevel).toBe(level);
  });

  it('reports ACR1252 as extended-APDU level with T=1 only', () => {
    expect(parseCcidDescriptor(ACR1252)).toMatchObject({ exchangeLevel: 'extended-apdu', protocols: ['T=1'], dwMaxCCIDMessageLength: 522 });
  });

  it.each([
    ['53 bytes', SCR3310_NTTCOM.slice(0, 53)],
    ['a bLength other than 0x36', SCR3310_NTTCOM.map((b, i) => (i === 0 ? 0x35 : b))],
    ['a descriptor type other than 0x21', SCR3310_NTTCOM.map((b, i) => (i === 1 ? 0x24 : b))],
  ])('refuses %s with DescriptorParseError', (_name, bytes) => {
    expect(() => parseCcidDescriptor(bytes)).toThrow(DescriptorParseError);
  });

  it('fast-check: random bytes into the class and configuration descriptor parsers give typed errors only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        for (const parse of [parseCcidDescriptor, parseConfigurationDescriptor]) {
          try {
            parse(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(DescriptorParseError);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('RDR_to_PC decoder', () => {
  it('decodes a SlotStatus saying "no card, ICC mute" (PCSC #66 frame)', () => {
    const r = decodeReply(h('81 00000000 00 00 42 FE 01'));
    expect(r).toMatchObject({ type: 0x81, commandStatus: 'failed', iccStatus: 'absent', bError: 0xfe, specific: 1 });
  });

  it.each([
    ['9 bytes', h('80 00000000 00 00 00 00'), 'short'],
    ['a PC_to_RDR type', h('6F 00000000 00 00 00 00 00'), 'bad-type'],
    ['dwLength beyond the bytes', reply(0x80, 0, 0, 0, 0, '90 00').slice(0, 11), 'truncated'],
    ['bmCommandStatus 3 (RFU)', h('80 00000000 00 00 C0 00 00'), 'bad-status'],
  ])('refuses a reply with %s', (_name, bytes, reason) => {
    try {
      decodeReply(bytes);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ReaderFramingError);
      expect((e as ReaderFramingError).details.reason).toBe(reason);
    }
  });

  it('refuses a dwLength larger than the reader\'s message size', () => {
    expect(() => decodeReply(h('80 FFFFFF7F 00 00 00 00 00'), 271)).toThrow(ReaderFramingError);
  });

  it('fast-check: random bytes into decodeReply and decodeInterrupt give ReaderFramingError only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, plausible) => {
        if (plausible && bytes.length > 0) bytes[0] = 0x80 + (bytes[0]! % 5);
        for (const decode of [(b: Uint8Array) => decodeReply(b, 271), decodeInterrupt]) {
          try {
            decode(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(ReaderFramingError);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('T=1 block decoder (ISO 7816-3 §11.3)', () => {
  it('computes the CRC as the catalogued CRC-16/MCRF4XX (check value 6F91 over "123456789"), sent high byte first, and LRC as XOR', () => {
    // A known answer from outside this repository: the driver, the virtual card and the
    // test frames each compute EDC on their own, so agreement alone would not catch a shared slip.
    expect(hex(crc(new TextEncoder().encode('123456789')))).toBe('6F 91');
    expect(lrc(Uint8Array.of(0x00, 0x40, 0x02, 0x90, 0x00))).toBe(0x40 ^ 0x02 ^ 0x90);
  });

  it('decodes I, R and S blocks with their fields', () => {
    expect(decodeBlock(block(0x60, '90 00'), 'lrc')).toMatchObject({ kind: 'I', ns: 1, more: true });
    expect(decodeBlock(block(0x91), 'lrc')).toMatchObject({ kind: 'R', nr: 1, error: 1 });
    expect(decodeBlock(block(0xe3, '05', 'crc'), 'crc')).toMatchObject({ kind: 'S', type: 0xc3, response: true });
  });

  it.each([
    ['a bad LRC', Uint8Array.from([...block(0x00, '90 00').slice(0, -1), 0]), 'edc'],
    ['LEN 0xFF', h('00 00 FF'), 'format'],
    ['an R-block with INF', block(0x80, '00'), 'format'],
    ['an S(WTX) without its byte', block(0xc3), 'format'],
    ['a reserved S-block type', block(0xc5), 'format'],
  ])('refuses a block with %s', (_name, bytes, reason) => {
    try {
      decodeBlock(bytes, 'lrc');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(T1BlockError);
      expect((e as T1BlockError).details.reason).toBe(reason);
    }
  });

  it('fast-check: random bytes into decodeBlock give T1BlockError only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 270 }), fc.constantFrom('lrc' as const, 'crc' as const), (bytes, edc) => {
        try {
          decodeBlock(bytes, edc);
        } catch (e) {
          expect(e).toBeInstanceOf(T1BlockError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('fast-check: whatever blocks a card answers, a VERIFY goes on the wire in at most one I-block (retransmission, RESYNCH, then the next APDU)', async () => {
    const verify = h('00 20 00 81 04 31 32 33 34');
    const pin = '31323334';
    // Well-formed blocks of every kind a card may send (so they are not just thrown out as invalid), plus damaged ones and silence.
    const rBlock = fc.record({ nr: fc.boolean(), err: fc.constantFrom(0, T1.R_EDC_ERROR, T1.R_OTHER_ERROR) }).map(({ nr, err }) => encodeBlock(0, BLOCKS.r(nr ? 1 : 0, err), new Uint8Array(0), 'lrc'));
    const sBlock = fc.record({ type: fc.constantFrom(T1.S_RESYNCH, T1.S_IFS, T1.S_ABORT, T1.S_WTX), response: fc.boolean() }).map(({ type, response }) =>
      encodeBlock(0, response ? BLOCKS.sResponse(type) : BLOCKS.sRequest(type), type === T1.S_IFS || type === T1.S_WTX ? Uint8Array.of(0x20) : new Uint8Array(0), 'lrc'),
    );
    const iBlock = fc.record({ ns: fc.boolean(), more: fc.boolean(), inf: fc.constantFrom(h('90 00'), h('63 C2'), h('61')) }).map(({ ns, more, inf }) => encodeBlock(0, BLOCKS.i(ns ? 1 : 0, more), inf, 'lrc'));
    const answer = fc.oneof(rBlock, sBlock, iBlock, fc.uint8Array({ maxLength: 8 }), fc.constant('mute' as const));
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 30 }), async (answers) => {
        let i = 0;
        let verifyBlocks = 0;
        const session = new T1Session(
          async (block) => {
            if (hex(block).replace(/\s/g, '').toLowerCase().includes(pin)) verifyBlocks++;
            const next = answers[i++];
            if (next === undefined || next === 'mute') throw new CardMuteError('no answer');
            return next;
          },
          { ifsc: 32, ifsd: 254, edc: 'lrc', maxInf: 254 },
        );
        await session.transceive(verify).catch((e: unknown) => expect(e).toBeInstanceOf(BridgeError));
        // The next command (a SELECT) must not carry the PIN again either, however the last one ended.
        await session.transceive(h('00 A4 04 0C 02 3F 00')).catch((e: unknown) => expect(e).toBeInstanceOf(BridgeError));
        expect(verifyBlocks).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('fast-check: a card answering random blocks ends every APDU with a result or a typed error, never a hang', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 40 }), async (answers) => {
        let i = 0;
        const session = new T1Session(async () => answers[i++ % answers.length]!, { ifsc: 32, ifsd: 254, edc: 'lrc', maxInf: 254 });
        try {
          const r = await session.transceive(h('00 A4 04 0C 02 3F 00'));
          expect(r).toBeInstanceOf(Uint8Array);
        } catch (e) {
          expect(e).toBeInstanceOf(BridgeError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
