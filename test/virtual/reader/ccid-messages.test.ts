/**
 * The virtual reader answers every PC_to_RDR message the way CCID rev 1.1 §6 and the
 * facts (B1) say, byte for byte. Frames are built by wire.ts, hex spaced by field.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/bytes';
import { READER_PROFILES } from '../../../src/virtual/reader';
import { block, echoCard, frame, openHost } from './wire';

const h = (text: string): string => hex(fromHex(text));
const ATR = '3B C5 FF 81 31 FB 45 80 73 C6 01 00 00';

describe('power and slot status', () => {
  it('answers IccPowerOn with a DataBlock carrying the card ATR, card active', async () => {
    const host = await openHost({ card: echoCard() });
    expect(await host.send(frame(0x62, 1))).toBe(h(`80 0D000000 00 01 00 00 00 ${ATR}`));
  });

  it('accepts each voltage the reader supports (bVoltageSupport 07) and refuses an unknown bPowerSelect at offset 7', async () => {
    const host = await openHost({ card: echoCard() });
    for (const v of [1, 2, 3]) expect((await host.send(frame(0x62, v, [v, 0, 0]))).slice(0, 29)).toBe(h(`80 0D000000 00 0${v} 00 00 00`));
    expect(await host.send(frame(0x62, 9, [4, 0, 0]))).toBe(h('80 00000000 00 09 40 07 00')); // the card stays active
  });

  it('refuses a voltage the reader lacks (ACR1252U SAM-like 5 V only) at offset 7', async () => {
    const base = READER_PROFILES.ACR1252U;
    const profile = { ...base, interfaces: [{ ...base.interfaces[0]!, ccid: { ...base.interfaces[0]!.ccid, bVoltageSupport: 0x01 } }] };
    const host = await openHost({ card: echoCard(), profile });
    expect(await host.send(frame(0x62, 2, [3, 0, 0]))).toBe(h('80 00000000 00 02 41 07 00'));
  });

  it('reports ICC mute with no card present (bmICCStatus 2, bError FE)', async () => {
    const host = await openHost();
    expect(await host.send(frame(0x62, 4))).toBe(h('80 00000000 00 04 42 FE 00'));
    expect(await host.send(frame(0x65, 5))).toBe(h('81 00000000 00 05 02 00 00'));
  });

  it('reports the slot inactive before power-on, active after, inactive after IccPowerOff', async () => {
    const host = await openHost({ card: echoCard() });
    expect(await host.send(frame(0x65, 1))).toBe(h('81 00000000 00 01 01 00 00'));
    await host.send(frame(0x62, 2));
    expect(await host.send(frame(0x65, 3))).toBe(h('81 00000000 00 03 00 00 00'));
    expect(await host.send(frame(0x63, 4))).toBe(h('81 00000000 00 04 01 00 00'));
  });

  it('answers a slot beyond bMaxSlotIndex with bError 5 (offset of bSlot) and no card', async () => {
    const host = await openHost({ card: echoCard() });
    expect(await host.send(frame(0x65, 7, [0, 0, 0], '', 1))).toBe(h('81 00000000 01 07 42 05 00'));
  });
});

describe('strict framing', () => {
  it('refuses dwLength that disagrees with the bytes sent, at offset 1', async () => {
    const host = await openHost({ card: echoCard() });
    const bad = frame(0x65, 3, [0, 0, 0], 'AA');
    bad[1] = 5; // promises 5 bytes, carries 1
    expect(await host.send(bad)).toBe(h('81 00000000 00 03 41 01 00'));
  });

  it('refuses a message longer than dwMaxCCIDMessageLength (271) at offset 1', async () => {
    const host = await openHost({ card: echoCard() });
    expect(await host.send(frame(0x6f, 6, [0, 0, 0], '00'.repeat(262)))).toBe(h('80 00000000 00 06 41 01 00'));
  });

  it('answers an unknown message type with "command not supported" (SlotStatus, bError 00)', async () => {
    const host = await openHost({ card: echoCard() });
    expect(await host.send(frame(0x50, 8))).toBe(h('81 00000000 00 08 41 00 00'));
  });

  it('answers Escape with an Escape reply saying "command not supported"', async () => {
    const host = await openHost({ card: echoCard() });
    expect(await host.send(frame(0x6b, 9, [0, 0, 0], 'FF 00'))).toBe(h('83 00000000 00 09 41 00 00'));
  });

  it('answers a 3-byte runt with an error reply instead of throwing', async () => {
    const host = await openHost({ card: echoCard() });
    expect(await host.send(Uint8Array.of(0x65, 0, 0))).toBe(h('81 00000000 00 00 41 01 00'));
  });

  it('assembles a command sent as a full 64-byte packet followed by the rest', async () => {
    const host = await openHost({ card: echoCard(), level: 'short-apdu' });
    await host.send(frame(0x62, 1));
    const apdu = `00 D6 00 00 ${(80).toString(16)} ${'11 '.repeat(80)}`;
    const msg = frame(0x6f, 2, [0, 0, 0], apdu);
    await host.device.transferOut(1, msg.slice(0, 64));
    await host.device.transferOut(1, msg.slice(64));
    const r = await host.read();
    expect(r.data!.byteLength).toBe(10 + 85 + 2);
  });
});

describe('XfrBlock at APDU level', () => {
  it('passes a short APDU to the card and returns its answer in one DataBlock', async () => {
    const card = echoCard();
    const host = await openHost({ card, level: 'short-apdu' });
    await host.send(frame(0x62, 1));
    expect(await host.send(frame(0x6f, 2, [0, 0, 0], '00 A4 04 0C 02 AA BB'))).toBe(h('80 09000000 00 02 00 00 00 00 A4 04 0C 02 AA BB 90 00'));
    expect(card.seen.map(hex)).toEqual([h('00 A4 04 0C 02 AA BB')]);
  });

  it('takes an extended command in wLevelParameter pieces (01, 03, 02), answering 10 to each piece but the last', async () => {
    const card = echoCard();
    const host = await openHost({ card, profile: READER_PROFILES.ACR1252U });
    await host.send(frame(0x62, 1));
    expect(await host.send(frame(0x6f, 2, [0, 1, 0], '00 2A 9E 9A'))).toBe(h('80 00000000 00 02 00 00 10'));
    expect(await host.send(frame(0x6f, 3, [0, 3, 0], '00 00 02'))).toBe(h('80 00000000 00 03 00 00 10'));
    expect(await host.send(frame(0x6f, 4, [0, 2, 0], 'AB CD'))).toBe(h('80 0B000000 00 04 00 00 00 00 2A 9E 9A 00 00 02 AB CD 90 00'));
  });

  it('hands a response larger than the message size back in pieces (01, then 03/02 on empty 10 requests)', async () => {
    const card = { ...echoCard(), transmit: () => new Uint8Array(1200).fill(0x5a) };
    const host = await openHost({ card, profile: READER_PROFILES.ACR1252U });
    await host.send(frame(0x62, 1));
    const first = fromHex((await host.send(frame(0x6f, 2, [0, 0, 0], '00 B0 00 00 00 04 B0')))); // 512 data bytes max
    expect([first[1], first[2], first[9]]).toEqual([0x00, 0x02, 0x01]);
    const second = fromHex(await host.send(frame(0x6f, 3, [0, 0x10, 0])));
    expect([second[1], second[2], second[9]]).toEqual([0x00, 0x02, 0x03]);
    const third = fromHex(await host.send(frame(0x6f, 4, [0, 0x10, 0])));
    expect([third[1], third[2], third[9]]).toEqual([1200 - 1024, 0, 0x02]);
  });

  it('refuses XfrBlock to an unpowered card with ICC mute and the card inactive', async () => {
    const host = await openHost({ card: echoCard(), level: 'short-apdu' });
    expect(await host.send(frame(0x6f, 5, [0, 0, 0], '00 A4 04 0C'))).toBe(h('80 00000000 00 05 41 FE 00'));
  });
});

describe('parameters and Abort', () => {
  it('reports T=1 parameters from the ATR: Fi/Di 11, LRC, guard FF, BWI 4 CWI 5, IFSC FB', async () => {
    const host = await openHost({ card: echoCard() });
    await host.send(frame(0x62, 1));
    expect(await host.send(frame(0x6c, 2))).toBe(h('82 07000000 00 02 00 00 01 11 10 FF 45 00 FB 00'));
  });

  it('stores SetParameters for T=1, refuses T=0 for a T=1-only card and a wrong length', async () => {
    const host = await openHost({ card: echoCard() });
    await host.send(frame(0x62, 1));
    expect(await host.send(frame(0x61, 2, [1, 0, 0], '96 10 FF 45 00 FE 00'))).toBe(h('82 07000000 00 02 00 00 01 96 10 FF 45 00 FE 00'));
    expect(await host.send(frame(0x61, 3, [0, 0, 0], '11 00 00 0A 00'))).toBe(h('82 00000000 00 03 40 F6 00'));
    expect(await host.send(frame(0x61, 4, [1, 0, 0], '11 10'))).toBe(h('82 00000000 00 04 40 01 00'));
    expect(await host.send(frame(0x6d, 5))).toBe(h('82 07000000 00 05 00 00 01 11 10 FF 45 00 FB 00'));
  });

  it('completes Abort after the ABORT class request with the same bSeq, and fails a bulk Abort that was not announced', async () => {
    const host = await openHost({ card: echoCard() });
    expect(await host.send(frame(0x72, 6))).toBe(h('81 00000000 00 06 41 FF 00'));
    const r = await host.device.controlTransferOut({ requestType: 'class', recipient: 'interface', request: 0x01, value: (7 << 8) | 0, index: 0 });
    expect(r.status).toBe('ok');
    expect(await host.send(frame(0x72, 7))).toBe(h('81 00000000 00 07 01 00 00'));
  });
});

describe('XfrBlock at TPDU level carries T=1 blocks', () => {
  it('echoes a PPS right after power-on and then runs T=1 with S(IFS)', async () => {
    const host = await openHost({ card: echoCard() });
    await host.send(frame(0x62, 1));
    expect(await host.send(frame(0x6f, 2, [0, 0, 0], 'FF 11 96 78'))).toBe(h('80 04000000 00 02 00 00 00 FF 11 96 78'));
    expect(await host.send(frame(0x6f, 3, [0, 0, 0], '00 C1 01 FE 3E'))).toBe(h('80 05000000 00 03 00 00 00 00 E1 01 FE 1E'));
    const i = block(0x00, '00 A4 04 0C');
    expect(await host.send(frame(0x6f, 4, [0, 0, 0], hex(i)))).toBe(h(`80 0A000000 00 04 00 00 00 ${hex(block(0x00, '00 A4 04 0C 90 00'))}`));
  });
});
