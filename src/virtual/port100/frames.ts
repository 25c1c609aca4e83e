/**
 * The virtual RC-S380's side of Port-100 framing (facts sony-readers.md §2.2): it parses
 * the host's frames and writes its own, checking both checksums and the postamble as the
 * chip must. Written for the device, not shared with the driver's codec.
 */
import { FRAME } from '../../spec/index';

export type HostFrame = { readonly kind: 'ack' } | { readonly kind: 'command'; readonly data: Uint8Array } | { readonly kind: 'garbled' };

const sumByte = (bytes: Iterable<number>): number => {
  let s = 0;
  for (const b of bytes) s = (s + b) & 0xff;
  return s;
};

/** What the chip makes of one bulk-OUT transfer. */
export function parseHostFrame(bytes: Uint8Array): HostFrame {
  const pre = FRAME.PREAMBLE;
  if (bytes.length < 6 || bytes[0] !== pre[0] || bytes[1] !== pre[1] || bytes[2] !== pre[2]) return { kind: 'garbled' };
  if (bytes.length === FRAME.ACK.length && FRAME.ACK.every((b, i) => bytes[i] === b)) return { kind: 'ack' };
  if (bytes[3] !== FRAME.EXTENDED_MARKER || bytes[4] !== FRAME.EXTENDED_MARKER || bytes.length < 10) return { kind: 'garbled' };
  const len = bytes[5]! | (bytes[6]! << 8);
  if (sumByte([bytes[5]!, bytes[6]!, bytes[7]!]) !== 0 || bytes.length !== 8 + len + 2) return { kind: 'garbled' };
  const data = bytes.slice(8, 8 + len);
  if (sumByte([...data, bytes[8 + len]!]) !== 0 || bytes[9 + len] !== FRAME.POSTAMBLE) return { kind: 'garbled' };
  return { kind: 'command', data };
}

/** A response frame in the extended form the RC-S380 uses (I11 trace). */
export function responseFrame(data: Uint8Array): Uint8Array {
  const len = [data.length & 0xff, data.length >> 8];
  const lcs = (0x100 - sumByte(len)) & 0xff;
  const dcs = (0x100 - sumByte(data)) & 0xff;
  return Uint8Array.from([...FRAME.PREAMBLE, 0xff, 0xff, ...len, lcs, ...data, dcs, FRAME.POSTAMBLE]);
}

export const DEVICE_ACK: Uint8Array = Uint8Array.from(FRAME.ACK);
