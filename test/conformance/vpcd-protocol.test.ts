import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, hex } from '../../src/bytes';
import { drainWireLog } from '../../src/wire-log';
import { encodeFrame, FrameDecoder, VpcdFrameError, VpcdSession } from '../../src/virtual/pcsc/index';
import { TINY_ATR, TinyCard } from './tiny-card';

// Frames written by hand from vsmartcard vpcd.c (2-byte big-endian length + payload),
// never by the encoder under test (STYLE §18).
const GET_ATR = fromHex('00 01  04');
const POWER_ON = fromHex('00 01  01');

describe('vpcd frames', () => {
  it('puts a big-endian 16-bit length before the payload', () => {
    expect(hex(encodeFrame(TINY_ATR))).toBe('00 0D ' + hex(TINY_ATR));
    expect(hex(encodeFrame(new Uint8Array(0x0102)).subarray(0, 2))).toBe('01 02');
  });

  it('refuses a payload longer than 65535 bytes with a coded error', () => {
    expect(() => encodeFrame(new Uint8Array(0x10000))).toThrow(VpcdFrameError);
  });

  it('hands out a frame only once all of it has arrived, one byte at a time', () => {
    const decoder = new FrameDecoder();
    const stream = concat(GET_ATR, fromHex('00 05  00 A4 04 0C 00'));
    const out: string[] = [];
    for (const byte of stream) for (const f of decoder.push(Uint8Array.of(byte))) out.push(hex(f));
    expect(out).toEqual(['04', '00 A4 04 0C 00']);
    expect(decoder.pending).toBe(0);
  });

  it('takes a 64 KiB frame dribbled one byte per segment in linear time', () => {
    const decoder = new FrameDecoder();
    const stream = concat(fromHex('FF FF'), new Uint8Array(0xffff).fill(0x5a), fromHex('00 00'));
    const started = performance.now();
    const frames: Uint8Array[] = [];
    for (let i = 0; i < stream.length; i++) frames.push(...decoder.push(stream.subarray(i, i + 1)));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(frames.map((f) => f.length)).toEqual([0xffff, 0]);
  });

  it('reassembles any payloads however TCP splits or joins them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (payloads, cuts) => {
          const stream = concat(...payloads.map((p) => concat(Uint8Array.of(p.length >> 8, p.length & 0xff), p)));
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const decoder = new FrameDecoder();
          const got: Uint8Array[] = [];
          let from = 0;
          for (const to of [...points, stream.length]) {
            got.push(...decoder.push(stream.subarray(from, to)));
            from = to;
          }
          expect(got.map(hex)).toEqual(payloads.map(hex));
          expect(decoder.pending).toBe(0);
        },
      ),
    );
  });

  it('never throws on random bytes and never holds more than one unfinished frame', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (chunks) => {
        const decoder = new FrameDecoder();
        for (const c of chunks) decoder.push(c);
        expect(decoder.pending).toBeLessThan(2 + 0x10000);
      }),
    );
  });
});

describe('vpcd session', () => {
  const session = (card = new TinyCard(), cardTimeoutMs = 1_000): VpcdSession => new VpcdSession(card, { cardTimeoutMs });

  it('answers pcscd presence polls with the ATR without leaving the card powered', async () => {
    const card = new TinyCard();
    const s = session(card);
    for (let i = 0; i < 10; i++) expect(hex((await s.handle(fromHex('04')))!)).toBe(hex(TINY_ATR));
    // One cold cycle at "insertion" to learn the ATR; polls must not cycle power (a verified PIN would be lost).
    expect([card.powerOns, card.powerOffs, card.powered]).toEqual([1, 1, false]);
  });

  it('logs the first ATR poll of a link on hop vpcd, not every heartbeat', async () => {
    const s = session();
    drainWireLog();
    for (let i = 0; i < 5; i++) await s.handle(fromHex('04'));
    expect(drainWireLog().filter((r) => r.hop === 'vpcd').map((r) => r.hex)).toEqual(['04', hex(TINY_ATR)]);
    s.detach();
    await s.handle(fromHex('04'));
    expect(drainWireLog().filter((r) => r.hop === 'vpcd')).toHaveLength(2);
  });

  it('sends no answer to power on, power off and reset, and powers the card accordingly', async () => {
    const card = new TinyCard();
    const s = session(card);
    expect(await s.handle(fromHex('01'))).toBeUndefined();
    expect(card.powered).toBe(true);
    expect(await s.handle(fromHex('02'))).toBeUndefined();
    expect([card.powerOns, card.powerOffs]).toEqual([2, 1]); // no warm reset on this card: a cold cycle
    expect(await s.handle(fromHex('00'))).toBeUndefined();
    expect(card.powered).toBe(false);
  });

  it('uses the card’s own warm reset when it has one', async () => {
    const card = new TinyCard(true);
    const s = session(card);
    await s.handle(fromHex('01'));
    await s.handle(fromHex('02'));
    expect([card.resets, card.powerOffs]).toEqual([1, 0]);
  });

  it('passes an APDU to the card and returns its answer, logged on hop vpcd with the PIN hidden', async () => {
    const card = new TinyCard();
    const s = session(card);
    drainWireLog();
    await s.handle(POWER_ON.subarray(2));
    const answer = await s.handle(fromHex('00 20 00 80 04 31 32 33 34'));
    expect(hex(answer!)).toBe('00 20 00 80 04 31 32 33 34 90 00');
    const log = drainWireLog().filter((r) => r.hop === 'vpcd');
    expect(log.map((r) => r.dir)).toEqual(['>', '>', '<']);
    expect(log.map((r) => r.hex).join(' ')).not.toContain('31 32 33 34');
  });

  it.each([
    ['throws', 'throw'],
    ['never answers', 'stall'],
    ['answers one byte', 'one-byte'],
  ] as const)('answers 6F 00 when the card %s, so pcscd is never left waiting', async (_label, mode) => {
    const card = new TinyCard();
    card.mode = mode;
    const s = session(card, 50);
    await s.handle(fromHex('01'));
    expect(hex((await s.handle(fromHex('00 B0 00 00 04')))!)).toBe('6F 00');
  });

  it('reports "no card" (an empty ATR) when the card cannot power up, rather than leaving vpcd waiting', async () => {
    const card = new TinyCard();
    card.mode = 'dead';
    const s = session(card);
    expect(await s.handle(fromHex('01'))).toBeUndefined();
    expect((await s.handle(fromHex('04')))?.length).toBe(0);
  });

  it('ignores an empty payload and unknown control codes without answering', async () => {
    const events: string[] = [];
    const s = new VpcdSession(new TinyCard(), { cardTimeoutMs: 100, onEvent: (e) => events.push(e.kind) });
    expect(await s.handle(new Uint8Array(0))).toBeUndefined();
    expect(await s.handle(fromHex('03'))).toBeUndefined();
    expect(await s.handle(fromHex('FF'))).toBeUndefined();
    expect(events).toEqual(['ignored', 'ignored', 'ignored']);
  });

  it('survives any payload: it answers or stays silent, it never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 12 }), async (payloads) => {
        const s = session();
        for (const p of payloads) {
          const answer = await s.handle(p);
          if (p.length >= 2) expect(answer!.length).toBeGreaterThanOrEqual(2);
        }
      }),
    );
  });

  it('cuts power when the reader goes away', async () => {
    const card = new TinyCard();
    const s = session(card);
    await s.handle(fromHex('01'));
    s.detach();
    expect(card.powered).toBe(false);
  });
});
