/**
 * TPDU-level readers: T=1 over XfrBlock, byte for byte (STYLE §18). One test per
 * ISO 7816-3 §11 rule the driver implements, named after what the rule does.
 */
import { describe, expect, it } from 'vitest';
import { CcidReader, ReaderStallError, ReaderTimeoutError, T1DesyncError, T1ResyncFailedError, UnsupportedReaderError } from '../../../src/reader/ccid/index';
import { CONFIG } from '../../../src/config';
import { t1BlockTimeoutMs } from '../../../src/reader/ccid/exchange';
import { block, ccidDescriptor, dataBlock, failed, h, MSG, out, reply, slotStatus, xfr } from './frames';
import { ACR39U, device, MYNUMBER_ATR, openTpdu, SCR3310_NTTCOM } from './fixtures';

const SELECT_JPKI = '00 A4 04 0C 0A D2 39 2F 00 01 00 01 00 00 00';
const OK = '90 00';

function bytes(n: number, seed = 1): string {
  return Array.from({ length: n }, (_, i) => ((i * 7 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
}

function done(dev: { problems: string[]; remainingSteps: number }): void {
  expect(dev.problems).toEqual([]);
  expect(dev.remainingSteps).toBe(0);
}

describe('TPDU power-on (facts B3 steps 1-4)', () => {
  it('sends SetParameters from the ATR and S(IFS) with the reader\'s dwMaxIFSD after IccPowerOn', async () => {
    const { dev } = await openTpdu();
    done(dev);
  });

  it('cycles 1.8 V, 3 V, 5 V on ICC mute when the reader has no automatic voltage selection (ACR39U)', async () => {
    const dev = device(0x0b, ACR39U).script(
      { out: out(MSG.IccPowerOn, 0, '03 0000'), in: [failed(MSG.DataBlock, 0, 0xfe, 0x01)] },
      { out: out(MSG.IccPowerOff, 1, '00 0000'), in: [reply(MSG.SlotStatus, 1, 0x01, 0, 0)] },
      { out: out(MSG.IccPowerOn, 2, '02 0000'), in: [dataBlock(2, MYNUMBER_ATR)] },
      { out: out(MSG.SetParameters, 3, '01 0000', '13 10 FF 46 00 FB 00'), in: [reply(MSG.Parameters, 3, 0, 0, 1, '13 10 FF 46 00 FB 00')] },
      { out: xfr(4, block(0xc1, 'F7')), in: [dataBlock(4, block(0xe1, 'F7'))] },
    );
    const reader = await CcidReader.open(dev.asUsbDevice());
    expect(await reader.powerOn()).toEqual(h(MYNUMBER_ATR));
    done(dev);
  });

  it('sends a PPS with the card\'s TA1 when the reader neither does PPS nor negotiates itself', async () => {
    const noPps = ccidDescriptor({ dwProtocols: 3, dwMaxIFSD: 254, dwFeatures: 0x0001043a, dwMaxCCIDMessageLength: 271 });
    const dev = device(0xff, noPps).script(
      { out: out(MSG.IccPowerOn, 0, '00 0000'), in: [dataBlock(0, MYNUMBER_ATR)] },
      // PPSS FF, PPS0 11 (PPS1 follows, T=1), PPS1 13, PCK = FF^11^13 = FD; the card echoes it.
      { out: xfr(1, 'FF 11 13 FD'), in: [dataBlock(1, 'FF 11 13 FD')] },
      { out: out(MSG.SetParameters, 2, '01 0000', '13 10 FF 46 00 FB 00'), in: [reply(MSG.Parameters, 2, 0, 0, 1, '13 10 FF 46 00 FB 00')] },
    );
    const reader = await CcidReader.open(dev.asUsbDevice());
    await reader.powerOn();
    done(dev);
  });

  it('asks GetParameters instead of setting them when the reader negotiates itself (0x40), and uses the CRC it reports', async () => {
    const selfNegotiating = ccidDescriptor({ dwProtocols: 2, dwMaxIFSD: 254, dwFeatures: 0x000104fe, dwMaxCCIDMessageLength: 271 });
    const dev = device(0xff, selfNegotiating).script(
      { out: out(MSG.IccPowerOn, 0, '00 0000'), in: [dataBlock(0, MYNUMBER_ATR)] },
      { out: out(MSG.GetParameters, 1, '00 0000'), in: [reply(MSG.Parameters, 1, 0, 0, 1, '13 11 FF 46 00 FE 00')] },
      // dwFeatures has 0x400: no S(IFS); the first block is the APDU, with CRC.
      { out: xfr(2, block(0x00, SELECT_JPKI, 'crc')), in: [dataBlock(2, block(0x00, OK, 'crc'))] },
    );
    const reader = await CcidReader.open(dev.asUsbDevice());
    await reader.powerOn();
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('uses CRC and announces it in SetParameters when TC3 asks for it', async () => {
    const body = [0x80, 0x81, 0x71, 0xfe, 0x45, 0x01];
    const atr = Uint8Array.from([0x3b, ...body, body.reduce((a, b) => a ^ b, 0)]);
    const dev = device(0xff, SCR3310_NTTCOM).script(
      { out: out(MSG.IccPowerOn, 0, '00 0000'), in: [dataBlock(0, atr)] },
      { out: out(MSG.SetParameters, 1, '01 0000', '11 11 00 45 00 FE 00'), in: [reply(MSG.Parameters, 1, 0, 0, 1, '11 11 00 45 00 FE 00')] },
      { out: xfr(2, block(0xc1, 'FC', 'crc')), in: [dataBlock(2, block(0xe1, 'FC', 'crc'))] },
      { out: xfr(3, block(0x00, SELECT_JPKI, 'crc')), in: [dataBlock(3, block(0x00, OK, 'crc'))] },
    );
    const reader = await CcidReader.open(dev.asUsbDevice());
    await reader.powerOn();
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('refuses a card that offers only T=0 with UnsupportedReaderError(not-t1-card)', async () => {
    const dev = device(0xff, SCR3310_NTTCOM).script({ out: out(MSG.IccPowerOn, 0, '00 0000'), in: [dataBlock(0, '3B 02 14 50')] });
    const reader = await CcidReader.open(dev.asUsbDevice());
    const err = (await reader.powerOn().catch((e: unknown) => e)) as UnsupportedReaderError;
    expect(err.details.reason).toBe('not-t1-card');
  });
});

describe('T=1 block deadline (ISO 7816-3 §11.4.3, STYLE §11)', () => {
  it('is BWT × WTX + two blocks\' transfer time + the 1 s margin: My Number ATR (BWI 4, Fi/Di 13) at 4.8 MHz waits 2312 ms', () => {
    // etu = 372 / (4 × 4.8 MHz); BWT = 11 etu + 16 × 960 × 372 / 4.8 MHz = 1.19061 s; 2 × 259 × 12 etu = 0.12043 s.
    expect(t1BlockTimeoutMs(4, 0x13, 4800, 0)).toBe(2312);
    // S(WTX) with bBWI 3 triples BWT only.
    expect(t1BlockTimeoutMs(4, 0x13, 4800, 3)).toBe(Math.ceil((3 * 1.1906133 + 0.1204313) * 1000) + 1000);
  });
});

describe('T=1 exchange (ISO 7816-3 §11.6)', () => {
  it('carries a short APDU in one I-block and returns the card\'s I-block', async () => {
    const { dev, reader } = await openTpdu();
    dev.script({ out: xfr(3, block(0x00, SELECT_JPKI)), in: [dataBlock(3, block(0x00, OK))] });
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    // N(S) alternates: the next I-block carries N(S)=1 and expects the card's N(S)=1.
    dev.script({ out: xfr(4, block(0x40, SELECT_JPKI)), in: [dataBlock(4, block(0x40, OK))] });
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it.each([
    ['ACR39U-like, IFSD 247', 247],
    ['IFSD 254', 254],
  ])('receives a 258-byte signature chained by the card (%s), acknowledging each part with R(N(R))', async (_name, ifsd) => {
    const ccid = ccidDescriptor({ dwProtocols: 3, dwMaxIFSD: ifsd, dwFeatures: 0x000101ba, dwMaxCCIDMessageLength: 271 });
    const ifsdHex = ifsd.toString(16);
    const { dev, reader } = await openTpdu(ccid, ifsdHex);
    const signature = bytes(256) + '9000';
    const first = signature.slice(0, ifsd * 2);
    const rest = signature.slice(ifsd * 2);
    const sign = '80 2A 00 80 33' + bytes(51, 9) + '00';
    dev.script(
      { out: xfr(3, block(0x00, sign)), in: [dataBlock(3, block(0x20, first))] },
      { out: xfr(4, block(0x90)), in: [dataBlock(4, block(0x40, rest))] },
    );
    expect(await reader.transmit(h(sign))).toEqual(h(signature));
    done(dev);
  });

  it('never interleaves the blocks of two APDUs sent at once', async () => {
    const { dev, reader } = await openTpdu();
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [dataBlock(3, block(0x20, '61'))] },
      { out: xfr(4, block(0x90)), in: [dataBlock(4, block(0x40, OK))] },
      { out: xfr(5, block(0x40, SELECT_JPKI)), in: [dataBlock(5, block(0x00, OK))] },
    );
    const [a, b] = await Promise.all([reader.transmit(h(SELECT_JPKI)), reader.transmit(h(SELECT_JPKI))]);
    expect(a).toEqual(h('61', OK));
    expect(b).toEqual(h(OK));
    done(dev);
  });

  it('sends an APDU longer than IFSC as chained I-blocks, moving on at each R(N(R))', async () => {
    const { dev, reader } = await openTpdu();
    const apdu = '00 D6 00 00 FF' + bytes(255);
    const a = h(apdu);
    dev.script(
      { out: xfr(3, block(0x20, a.slice(0, 251))), in: [dataBlock(3, block(0x90))] },
      { out: xfr(4, block(0x40, a.slice(251))), in: [dataBlock(4, block(0x00, OK))] },
    );
    expect(await reader.transmit(a)).toEqual(h(OK));
    done(dev);
  });

  it('answers S(WTX request) with S(WTX response) and puts the multiplier in the next XfrBlock\'s bBWI', async () => {
    const { dev, reader } = await openTpdu();
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [dataBlock(3, block(0xc3, '05'))] },
      { out: xfr(4, block(0xe3, '05'), 0x05), in: [dataBlock(4, block(0x00, OK))] },
    );
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('gives up with ReaderTimeoutError (wtx-limit) when the card asks for more time over and over instead of answering', async () => {
    const { dev, reader } = await openTpdu();
    const limit = CONFIG.reader.maxTimeExtensionFactor;
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [dataBlock(3, block(0xc3, '01'))] },
      ...Array.from({ length: limit }, (_, i) => ({ out: xfr(4 + i, block(0xe3, '01'), 0x01), in: [dataBlock(4 + i, block(0xc3, '01'))] })),
    );
    const err = await reader.transmit(h(SELECT_JPKI)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderTimeoutError);
    expect((err as ReaderTimeoutError).details.reason).toBe('wtx-limit');
    done(dev);
  });

  it('answers the card\'s S(IFS request) and sends the rest of a chain in the new IFSC', async () => {
    const { dev, reader } = await openTpdu();
    const a = h('00 D6 00 00 FF' + bytes(255));
    dev.script(
      { out: xfr(3, block(0x20, a.slice(0, 251))), in: [dataBlock(3, block(0xc1, '05'))] },
      { out: xfr(4, block(0xe1, '05')), in: [dataBlock(4, block(0x90))] },
      { out: xfr(5, block(0x60, a.slice(251, 256))), in: [dataBlock(5, block(0x80))] },
      { out: xfr(6, block(0x00, a.slice(256))), in: [dataBlock(6, block(0x00, OK))] },
    );
    expect(await reader.transmit(a)).toEqual(h(OK));
    done(dev);
  });

  it('answers a block with a bad LRC with R(N(R)) and the EDC error bit, then takes the card\'s resent block', async () => {
    const { dev, reader } = await openTpdu();
    const bad = block(0x00, OK);
    bad[bad.length - 1]! ^= 0xff;
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [dataBlock(3, bad)] },
      { out: xfr(4, block(0x81)), in: [dataBlock(4, block(0x00, OK))] },
    );
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('answers a malformed block (LEN beyond the frame) with R(N(R)) and the other-error bit', async () => {
    const { dev, reader } = await openTpdu();
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [dataBlock(3, '00 00 09 90 00 99')] },
      { out: xfr(4, block(0x82)), in: [dataBlock(4, block(0x00, OK))] },
    );
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('treats a mute card (bError FE, card present) as an invalid block and asks again with R(N(R))', async () => {
    const { dev, reader } = await openTpdu();
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [failed(MSG.DataBlock, 3, 0xfe, 0x00)] },
      { out: xfr(4, block(0x82)), in: [dataBlock(4, block(0x00, OK))] },
    );
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('resends its last I-block when the card answers R(N(R)) naming that block', async () => {
    const { dev, reader } = await openTpdu();
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [dataBlock(3, block(0x81))] },
      { out: xfr(4, block(0x00, SELECT_JPKI)), in: [dataBlock(4, block(0x00, OK))] },
    );
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('never resends a VERIFY when the card acknowledges its I-block with an R-block instead of answering (invalid there)', async () => {
    const { dev, reader } = await openTpdu();
    const verify = '00 20 00 81 04 31 32 33 34';
    dev.script(
      { out: xfr(3, block(0x00, verify)), in: [dataBlock(3, block(0x90))] },
      { out: xfr(4, block(0x82)), in: [dataBlock(4, block(0x00, OK))] },
    );
    expect(await reader.transmit(h(verify))).toEqual(h(OK));
    done(dev);
  });

  it('does not resend a VERIFY the card asks for again: it resynchronises and reports the command as not done (no try spent)', async () => {
    const { dev, reader } = await openTpdu();
    const verify = '00 20 00 81 04 31 32 33 34';
    dev.script(
      { out: xfr(3, block(0x00, verify)), in: [dataBlock(3, block(0x81))] },
      { out: xfr(4, block(0xc0)), in: [dataBlock(4, block(0xe0))] },
    );
    await expect(reader.transmit(h(verify))).rejects.toMatchObject({ details: { reason: 'resynchronised', why: 'pin-once' } });
    done(dev);
  });

  it('resends its R-block when the card\'s next part of a chain arrives damaged', async () => {
    const { dev, reader } = await openTpdu();
    const bad = block(0x40, '90 00');
    bad[3]! ^= 0x01;
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [dataBlock(3, block(0x20, '61'))] },
      { out: xfr(4, block(0x90)), in: [dataBlock(4, bad)] },
      { out: xfr(5, block(0x91)), in: [dataBlock(5, block(0x40, '90 00'))] },
    );
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h('61 90 00'));
    done(dev);
  });

  it('after three failed retries sends S(RESYNCH), reports T1DesyncError and starts the next APDU at N(S)=0', async () => {
    const { dev, reader } = await openTpdu();
    const bad = block(0x00, OK);
    bad[bad.length - 1]! ^= 0xff;
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [dataBlock(3, bad)] },
      { out: xfr(4, block(0x81)), in: [dataBlock(4, bad)] },
      { out: xfr(5, block(0x81)), in: [dataBlock(5, bad)] },
      { out: xfr(6, block(0x81)), in: [dataBlock(6, bad)] },
      { out: xfr(7, block(0xc0)), in: [dataBlock(7, block(0xe0))] },
    );
    await expect(reader.transmit(h(SELECT_JPKI))).rejects.toBeInstanceOf(T1DesyncError);
    dev.script({ out: xfr(8, block(0x00, SELECT_JPKI)), in: [dataBlock(8, block(0x00, OK))] });
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('after a transfer broke mid-exchange (stall), starts the next APDU with S(RESYNCH) instead of guessing N(S)', async () => {
    const { dev, reader } = await openTpdu();
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: ['stall'] },
      { out: xfr(4, block(0xc0)), in: [dataBlock(3, block(0x00, OK)), dataBlock(4, block(0xe0))] },
      { out: xfr(5, block(0x00, SELECT_JPKI)), in: [dataBlock(5, block(0x00, OK))] },
    );
    await expect(reader.transmit(h(SELECT_JPKI))).rejects.toBeInstanceOf(ReaderStallError);
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('a block the reader never answers becomes ReaderTimeoutError after BWT + margin; the driver aborts and the next APDU resynchronises', async () => {
    // The My Number ATR with TB3 = 06 (BWI 0): BWT ≈ 75 ms, so the deadline is about 1.1 s with the 1 s margin.
    const body = h(MYNUMBER_ATR).slice(1, -1);
    body[6] = 0x06;
    const atr = Uint8Array.from([0x3b, ...body, body.reduce((a, b) => a ^ b, 0)]);
    const dev = device(0xff, SCR3310_NTTCOM).script(
      { out: out(MSG.IccPowerOn, 0, '00 0000'), in: [dataBlock(0, atr)] },
      { out: out(MSG.SetParameters, 1, '01 0000', '13 10 FF 06 00 FB 00'), in: [reply(MSG.Parameters, 1, 0, 0, 1, '13 10 FF 06 00 FB 00')] },
      { out: xfr(2, block(0xc1, 'FC')), in: [dataBlock(2, block(0xe1, 'FC'))] },
      { out: xfr(3, block(0x00, SELECT_JPKI)) },
      { out: out(MSG.Abort, 4, '00 0000'), in: [slotStatus(4)] },
      { out: xfr(5, block(0xc0)), in: [dataBlock(5, block(0xe0))] },
      { out: xfr(6, block(0x00, SELECT_JPKI)), in: [dataBlock(6, block(0x00, OK))] },
    );
    const reader = await CcidReader.open(dev.asUsbDevice());
    await reader.powerOn();
    const started = Date.now();
    await expect(reader.transmit(h(SELECT_JPKI))).rejects.toBeInstanceOf(ReaderTimeoutError);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThan(1000);
    expect(waited).toBeLessThan(2500);
    expect(dev.controlOuts.map((c) => c.value)).toEqual([0x0400]);
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });

  it('reports T1ResyncFailedError when the card does not answer S(RESYNCH) three times, and powers the card afresh next time', async () => {
    const { dev, reader } = await openTpdu();
    const mute = (seq: number) => failed(MSG.DataBlock, seq, 0xfe, 0x00);
    dev.script(
      { out: xfr(3, block(0x00, SELECT_JPKI)), in: [mute(3)] },
      { out: xfr(4, block(0x82)), in: [mute(4)] },
      { out: xfr(5, block(0x82)), in: [mute(5)] },
      { out: xfr(6, block(0x82)), in: [mute(6)] },
      { out: xfr(7, block(0xc0)), in: [mute(7)] },
      { out: xfr(8, block(0xc0)), in: [mute(8)] },
      { out: xfr(9, block(0xc0)), in: [mute(9)] },
    );
    await expect(reader.transmit(h(SELECT_JPKI))).rejects.toBeInstanceOf(T1ResyncFailedError);
    done(dev);
    dev.script(
      { out: out(MSG.IccPowerOn, 10, '00 0000'), in: [dataBlock(10, MYNUMBER_ATR)] },
      { out: out(MSG.SetParameters, 11, '01 0000', '13 10 FF 46 00 FB 00'), in: [reply(MSG.Parameters, 11, 0, 0, 1, '13 10 FF 46 00 FB 00')] },
      { out: xfr(12, block(0xc1, 'FC')), in: [dataBlock(12, block(0xe1, 'FC'))] },
      { out: xfr(13, block(0x00, SELECT_JPKI)), in: [dataBlock(13, block(0x00, OK))] },
    );
    expect(await reader.transmit(h(SELECT_JPKI))).toEqual(h(OK));
    done(dev);
  });
});
