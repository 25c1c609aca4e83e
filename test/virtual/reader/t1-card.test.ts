/**
 * The card side of T=1 that a TPDU-level virtual reader runs (ISO 7816-3 §11), driven
 * block by block through XfrBlock. One test per rule, named after what the host sees.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/bytes';
import { crc, lrc } from '../../../src/virtual/reader/t1-card';
import { block, bytesOf, echoCard, frame, openHost, type Host } from './wire';

const h = (text: string): string => hex(fromHex(text));

/** Sends one T=1 block in an XfrBlock and returns the block in the reply (abData). */
async function exchange(host: Host, seq: number, b: Uint8Array): Promise<string> {
  const reply = fromHex(await host.send(frame(0x6f, seq, [0, 0, 0], hex(b))));
  expect(reply[7]).toBe(0x00); // command OK, card active
  return hex(reply.subarray(10));
}

async function powered(options: Parameters<typeof openHost>[0] = {}): Promise<Host> {
  const host = await openHost({ card: echoCard(), ...options });
  await host.send(frame(0x62, 0));
  return host;
}

describe('EDC (ISO 7816-3 §11.3.3)', () => {
  it('computes the CRC as the catalogued CRC-16/MCRF4XX (check value 6F91 over "123456789") and LRC as XOR', () => {
    // A known answer from outside this repository, so the card side and the driver do not merely agree.
    expect(crc(new TextEncoder().encode('123456789'))).toBe(0x6f91);
    expect(lrc(Uint8Array.of(0x00, 0x40, 0x02, 0x90, 0x00))).toBe(0x40 ^ 0x02 ^ 0x90);
  });
});

describe('I-blocks and chaining', () => {
  it('acknowledges a chained command block with R(N(R)=1), then answers the whole APDU', async () => {
    const host = await powered();
    expect(await exchange(host, 1, block(0x20, '00 A4 04'))).toBe(hex(block(0x90)));
    expect(await exchange(host, 2, block(0x40, '0C'))).toBe(hex(block(0x00, '00 A4 04 0C 90 00')));
  });

  it('splits an answer longer than IFSD (32 until S(IFS)) and sends the next piece on R(N(R))', async () => {
    const host = await powered();
    const apdu = fromHex(`00 D6 00 00 24 ${'11 '.repeat(36)}`);
    const answer = Uint8Array.from([...apdu, 0x90, 0x00]); // 43 bytes: 32 + 11
    expect(await exchange(host, 1, block(0x00, hex(apdu)))).toBe(hex(block(0x20, hex(answer.subarray(0, 32)))));
    expect(await exchange(host, 2, block(0x90))).toBe(hex(block(0x40, hex(answer.subarray(32)))));
  });

  it('answers with chained I-blocks of IFSD bytes, N(S) alternating, after S(IFS) 20', async () => {
    const host = await powered();
    expect(await exchange(host, 1, block(0xc1, '14'))).toBe(hex(block(0xe1, '14')));
    const apdu = fromHex(`00 D6 00 00 24 ${'11 '.repeat(36)}`);
    const answer = Uint8Array.from([...apdu, 0x90, 0x00]); // 43 bytes: 20 + 20 + 3
    expect(await exchange(host, 2, block(0x00, hex(apdu)))).toBe(hex(block(0x20, hex(answer.subarray(0, 20)))));
    expect(await exchange(host, 3, block(0x90))).toBe(hex(block(0x60, hex(answer.subarray(20, 40)))));
    expect(await exchange(host, 4, block(0x80))).toBe(hex(block(0x00, hex(answer.subarray(40)))));
  });
});

describe('error recovery (ISO 7816-3 §11.6.3)', () => {
  it('answers a block with a bad LRC with R-block "EDC error" N(R)=0', async () => {
    const host = await powered();
    const bad = block(0x00, '00 B0 00 00 04');
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    expect(await exchange(host, 1, bad)).toBe(hex(block(0x81)));
  });

  it('answers an I-block out of sequence with R-block "other error", never an old answer', async () => {
    const host = await powered();
    await exchange(host, 1, block(0x00, '00 B0 00 00 04'));
    expect(await exchange(host, 2, block(0x00, '00 B0 00 00 08'))).toBe(hex(block(0x92)));
  });

  it('sends its last block again on an R-block that does not acknowledge it', async () => {
    const host = await powered();
    const answer = await exchange(host, 1, block(0x00, '00 B0 00 00 04'));
    expect(await exchange(host, 2, block(0x80))).toBe(answer);
  });

  it('resynchronises on S(RESYNCH): answers E0 and restarts both sequence numbers at 0', async () => {
    const host = await powered();
    await exchange(host, 1, block(0x00, '00 B0 00 00 04'));
    expect(await exchange(host, 2, block(0xc0))).toBe(hex(block(0xe0)));
    expect(await exchange(host, 3, block(0x00, '80 CA 00 00'))).toBe(hex(block(0x00, '80 CA 00 00 90 00')));
  });

  it('answers S(ABORT) with S(ABORT response) and drops a half-received chain', async () => {
    const host = await powered();
    await exchange(host, 1, block(0x20, '00 A4'));
    expect(await exchange(host, 2, block(0xc2))).toBe(hex(block(0xe2)));
  });

  it('refuses S(IFS) with IFSD 255 (beyond 254) as "other error"', async () => {
    const host = await powered();
    expect(await exchange(host, 1, block(0xc1, 'FF'))).toBe(hex(block(0x82)));
  });
});

describe('faults on the card side', () => {
  it('asks S(WTX) before a slow answer as often as the storm says, answering after each S(WTX response)', async () => {
    const host = await powered();
    host.device.inject({ kind: 'time-extension-storm', extensions: 2, multiplier: 3 });
    // The CCID reply also carries two bStatus time extensions first; read them off.
    await host.device.transferOut(1, frame(0x6f, 1, [0, 0, 0], hex(block(0x00, '00 B0 00 00 04'))));
    for (let i = 0; i < 2; i++) expect(hex(bytesOf(await host.read()))).toBe(h('80 00000000 00 01 80 03 00'));
    expect(hex(bytesOf(await host.read()).subarray(10))).toBe(hex(block(0xc3, '03')));
    host.device.clearFaults();
    expect(await exchange(host, 2, block(0xe3, '03'))).toBe(hex(block(0xc3, '03')));
    expect(await exchange(host, 3, block(0xe3, '03'))).toBe(hex(block(0x00, '00 B0 00 00 04 90 00')));
  });

  it('sends a block with a bad LRC once, then the good block when the host reports the EDC error', async () => {
    const host = await powered();
    host.device.inject({ kind: 't1-bad-edc', count: 1 });
    const good = block(0x00, '00 B0 00 00 04 90 00');
    const first = fromHex(await exchange(host, 1, block(0x00, '00 B0 00 00 04')));
    expect(first[first.length - 1]).not.toBe(good[good.length - 1]);
    expect(await exchange(host, 2, block(0x81))).toBe(hex(good));
  });

  it('checks and sends CRC when the ATR asks for it (TC3 bit 1)', async () => {
    const host = await openHost({ card: echoCard('3B 80 81 71 FE 45 01 4A') });
    await host.send(frame(0x62, 0));
    const withCrc = (pcb: number, inf: string): Uint8Array => {
      const head = [0, pcb, fromHex(inf).length, ...fromHex(inf)];
      let v = 0xffff;
      for (const b of head) {
        v ^= b;
        for (let i = 0; i < 8; i++) v = v & 1 ? (v >>> 1) ^ 0x8408 : v >>> 1;
      }
      return Uint8Array.from([...head, v >> 8, v & 0xff]);
    };
    expect(await exchange(host, 1, withCrc(0x00, '80 CA 00 00'))).toBe(hex(withCrc(0x00, '80 CA 00 00 90 00')));
    // An LRC-framed block is one byte short for a CRC card: "other error", N(R) = 1.
    expect(await exchange(host, 2, block(0x40, '80 CA 00 00'))).toBe(hex(withCrc(0x92, '')));
    const bad = withCrc(0x40, '80 CA 00 00');
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0x01;
    expect(await exchange(host, 3, bad)).toBe(hex(withCrc(0x91, '')));
  });
});
