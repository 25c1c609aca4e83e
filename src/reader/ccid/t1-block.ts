/**
 * ISO 7816-3 §11.3 T=1 block codec: NAD PCB LEN INF EDC, with LRC (§11.3.3.1) or CRC
 * (§11.3.3.2). Blocks come from the card, so decoding checks LEN and EDC before
 * trusting anything; every violation is a T1BlockError with `reason` 'edc' (the
 * checksum) or 'format' (anything else) — the two R-block error kinds of §11.3.2.2.
 */
import { concat } from '../../bytes';
import { T1 } from '../../spec/index';
import { T1BlockError } from './errors';

export type Edc = 'lrc' | 'crc';

export type T1Block =
  | { readonly kind: 'I'; readonly nad: number; readonly pcb: number; readonly ns: number; readonly more: boolean; readonly inf: Uint8Array }
  | { readonly kind: 'R'; readonly nad: number; readonly pcb: number; readonly nr: number; readonly error: number; readonly inf: Uint8Array }
  | { readonly kind: 'S'; readonly nad: number; readonly pcb: number; readonly type: number; readonly response: boolean; readonly inf: Uint8Array };

export function edcLength(edc: Edc): number {
  return edc === 'crc' ? 2 : 1;
}

export function lrc(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/**
 * CRC of ISO/IEC 3309 as libccid's checksum.c computes it for T=1: reflected
 * polynomial 0x8408, initial 0xFFFF, no final XOR, high byte sent first.
 * (Byte order and init taken from libccid, not from the ISO text: UNCONFIRMED.)
 */
export function crc(bytes: Uint8Array): Uint8Array {
  let c = 0xffff;
  for (const b of bytes) {
    c ^= b;
    for (let i = 0; i < 8; i++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
  }
  return Uint8Array.of(c >> 8, c & 0xff);
}

function edcOf(body: Uint8Array, edc: Edc): Uint8Array {
  return edc === 'crc' ? crc(body) : Uint8Array.of(lrc(body));
}

export function encodeBlock(nad: number, pcb: number, inf: Uint8Array, edc: Edc): Uint8Array {
  const body = new Uint8Array(T1.PROLOGUE_LENGTH + inf.length);
  body[0] = nad;
  body[1] = pcb;
  body[2] = inf.length;
  body.set(inf, T1.PROLOGUE_LENGTH);
  return concat(body, edcOf(body, edc));
}

export const BLOCKS = Object.freeze({
  i: (ns: number, more: boolean): number => (ns ? T1.I_NS : 0) | (more ? T1.I_MORE : 0),
  r: (nr: number, error = 0): number => T1.R_BLOCK | (nr ? T1.R_NR : 0) | error,
  sRequest: (type: number): number => type,
  sResponse: (type: number): number => type | T1.S_RESPONSE,
});

function bad(reason: 'edc' | 'format', message: string): never {
  throw new T1BlockError(message, { reason });
}

export function decodeBlock(bytes: Uint8Array, edc: Edc): T1Block {
  const tail = edcLength(edc);
  if (bytes.length < T1.PROLOGUE_LENGTH + tail) bad('format', `T=1 block of ${bytes.length} bytes is too short`);
  const len = bytes[2]!;
  if (len > T1.MAX_INF) bad('format', `T=1 LEN ${len} is reserved`);
  if (bytes.length !== T1.PROLOGUE_LENGTH + len + tail) bad('format', `T=1 LEN ${len} does not match a block of ${bytes.length} bytes`);
  const body = bytes.subarray(0, T1.PROLOGUE_LENGTH + len);
  const expected = edcOf(body, edc);
  for (let i = 0; i < tail; i++) if (bytes[body.length + i] !== expected[i]) bad('edc', 'T=1 block checksum (EDC) is wrong');
  const nad = bytes[0]!;
  const pcb = bytes[1]!;
  const inf = bytes.slice(T1.PROLOGUE_LENGTH, T1.PROLOGUE_LENGTH + len);
  if ((pcb & T1.I_BLOCK_MASK) === 0) {
    // §11.3.2.1: b5..b1 of an I-block PCB are RFU (0).
    if (pcb & 0x1f) bad('format', `I-block PCB 0x${pcb.toString(16)} sets reserved bits`);
    return { kind: 'I', nad, pcb, ns: pcb & T1.I_NS ? 1 : 0, more: (pcb & T1.I_MORE) !== 0, inf };
  }
  if ((pcb & T1.R_BLOCK_MASK) === T1.R_BLOCK) {
    // §11.3.2.2: 100N00EE; an R-block carries no INF.
    const error = pcb & T1.R_ERROR_MASK;
    if (pcb & 0x20 || error > T1.R_OTHER_ERROR || len !== 0) bad('format', `R-block PCB 0x${pcb.toString(16)} or LEN ${len} is invalid`);
    return { kind: 'R', nad, pcb, nr: pcb & T1.R_NR ? 1 : 0, error, inf };
  }
  const type = pcb & ~T1.S_RESPONSE & 0xff;
  if (type < T1.S_RESYNCH || type > T1.S_WTX) bad('format', `S-block PCB 0x${pcb.toString(16)} is reserved`);
  // §11.3.2.3: IFS and WTX carry one byte; RESYNCH and ABORT carry none.
  const wantLen = type === T1.S_IFS || type === T1.S_WTX ? 1 : 0;
  if (len !== wantLen) bad('format', `S-block 0x${pcb.toString(16)} needs LEN ${wantLen}, has ${len}`);
  return { kind: 'S', nad, pcb, type, response: (pcb & T1.S_RESPONSE) !== 0, inf };
}
