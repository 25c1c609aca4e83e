/**
 * fast-check on the reader's PC_to_RDR parser and its card-side T=1, through the USB
 * surface a driver uses: random bytes never throw out of transferOut or transferIn;
 * every complete message (any transfer not ending on a full packet) gets exactly one
 * CCID reply echoing bSeq; any T=1 block gets one well-formed block back; and the real
 * driver's T=1 against it delivers every answer through random EDC corruption.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { CcidReader } from '../../../src/reader/ccid';
import { cardAtrParams } from '../../../src/virtual/reader/card-atr';
import { createVirtualReader, echoCard, openHost } from './wire';

const REPLY_TYPES = new Set([0x80, 0x81, 0x82, 0x83, 0x84]);

it('answers random bytes with one well-formed RDR_to_PC reply, never an exception', async () => {
  await fc.assert(fc.asyncProperty(
    fc.uint8Array({ minLength: 1, maxLength: 300 }).filter((b) => b.length % 64 !== 0),
    fc.constantFrom('tpdu', 'short-apdu', 'extended-apdu'),
    async (bytes, level) => {
      const host = await openHost({ card: echoCard(), level });
      const out = await host.device.transferOut(1, bytes);
      expect(out.status).toBe('ok');
      const r = await host.read(1024);
      const reply = new Uint8Array(r.data!.buffer, r.data!.byteOffset, r.data!.byteLength);
      expect(r.status).toBe('ok');
      expect(REPLY_TYPES.has(reply[0]!)).toBe(true);
      expect(reply.length).toBe(10 + new DataView(reply.buffer, reply.byteOffset).getUint32(1, true));
      expect(reply[6]).toBe(bytes[6] ?? 0);
    }), { numRuns: 300 });
});

it('keeps answering in order when random frames with valid headers follow each other', async () => {
  const host = await openHost({ card: echoCard() });
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(0x61, 0x62, 0x63, 0x65, 0x6b, 0x6c, 0x6d, 0x6f, 0x72, 0x00, 0xff),
    fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 3, maxLength: 3 }), fc.nat(255),
    async (type, data, specific, seq) => {
      const msg = Uint8Array.from([type, data.length, 0, 0, 0, 0, seq, ...specific, ...data]);
      await host.device.transferOut(1, msg);
      const r = await host.read(1024);
      expect(r.data!.getUint8(6)).toBe(seq);
    }), { numRuns: 300 });
});

it('the card-side T=1 answers any block with one well-formed block whose LRC is right', async () => {
  const host = await openHost({ card: echoCard() });
  await host.send(Uint8Array.from([0x62, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 260 }), async (blockBytes) => {
    const msg = Uint8Array.from([0x6f, blockBytes.length & 0xff, blockBytes.length >> 8, 0, 0, 0, 1, 0, 0, 0, ...blockBytes]);
    await host.device.transferOut(1, msg);
    const r = await host.read(1024);
    const reply = new Uint8Array(r.data!.buffer, r.data!.byteOffset, r.data!.byteLength);
    if (reply[7] !== 0x00) return; // a message the reader itself refused (too long)
    const block = reply.subarray(10);
    expect(block.length).toBe(3 + block[2]! + 1);
    expect(block.reduce((x, b) => x ^ b, 0)).toBe(0);
  }), { numRuns: 400 });
});

it('the driver and the card-side T=1 deliver every answer, chained or not, through random EDC corruption', async () => {
  const device = createVirtualReader({ card: echoCard(), browser: 'unrestricted' });
  const reader = await CcidReader.open(device, { timeoutMs: 2000 });
  await reader.powerOn();
  await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 5, maxLength: 255 }), fc.nat(2), async (body, corrupt) => {
    const apdu = Uint8Array.from([0x00, 0xd6, 0x00, 0x00, body.length, ...body]);
    if (corrupt > 0) device.inject({ kind: 't1-bad-edc', count: corrupt });
    const answer = await reader.transmit(apdu);
    expect(Array.from(answer)).toEqual([...apdu, 0x90, 0x00]);
  }), { numRuns: 60 });
});

it('reads T=1 parameters from any ATR bytes without throwing, IFSC always 1..254', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (atr) => {
    const p = cardAtrParams(atr);
    expect(p.ifsc).toBeGreaterThanOrEqual(1);
    expect(p.ifsc).toBeLessThanOrEqual(254);
    expect(['lrc', 'crc']).toContain(p.edc);
  }), { numRuns: 1000 });
});
