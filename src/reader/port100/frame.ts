/**
 * Port-100 frames both ways (facts sony-readers.md §2.2): the host always sends extended
 * frames (as nfcpy, the kernel and both WebUSB drivers do); the reader's frames are read
 * in either form, since felica-rs accepts normal ones and whether the RC-S380 sends them is
 * UNCONFIRMED. Every byte a checksum or marker covers is checked before a field is read.
 */
import { FRAME } from '../../spec/index';
import { Port100FrameError } from './errors';

export type Frame =
  | { readonly kind: 'ack' }
  /** The reader's error frame (00 00 FF FF FF, nfcpy "err"; what the RC-S380 sends is UNCONFIRMED). */
  | { readonly kind: 'error' }
  | { readonly kind: 'data'; readonly data: Uint8Array };

/** (256 − sum) mod 256: the length (LCS) and data (DCS) checksums are both this. */
export function checksum(bytes: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum += bytes[i]!;
  return (0x100 - (sum & 0xff)) & 0xff;
}

/** 00 00 FF FF FF LEN(LE16) LCS DATA DCS 00. */
export function encodeFrame(data: Uint8Array): Uint8Array {
  const n = data.length;
  const len = [n & 0xff, n >> 8];
  return Uint8Array.from([...FRAME.PREAMBLE, FRAME.EXTENDED_MARKER, FRAME.EXTENDED_MARKER, ...len, checksum(len), ...data, checksum(data), FRAME.POSTAMBLE]);
}

export const ACK_FRAME: Uint8Array = Uint8Array.from(FRAME.ACK);

function startsWithPreamble(head: Uint8Array): boolean {
  return FRAME.PREAMBLE.every((b, i) => head[i] === b);
}

/**
 * The frame length once the header tells it (for UsbTransport.receive): undefined while
 * more is needed, null for bytes that cannot start a frame (dropped as stray). An
 * extended marker in fewer than 8 bytes is the reader's short error frame: a frame goes
 * in one transfer, whose first packet holds min(size, wMaxPacketSize) bytes.
 */
export function frameLength(head: Uint8Array): number | null | undefined {
  for (let i = 0; i < Math.min(head.length, FRAME.PREAMBLE.length); i++) if (head[i] !== FRAME.PREAMBLE[i]) return null;
  if (head.length < FRAME.NORMAL_HEADER_LENGTH) return undefined;
  if (head[3] === 0x00 && head[4] === 0xff) return FRAME.ACK.length;
  if (head[3] === FRAME.EXTENDED_MARKER && head[4] === FRAME.EXTENDED_MARKER) {
    if (head.length < FRAME.EXTENDED_HEADER_LENGTH) return head.length;
    return FRAME.EXTENDED_HEADER_LENGTH + (head[5]! | (head[6]! << 8)) + FRAME.TRAILER_LENGTH;
  }
  return FRAME.NORMAL_HEADER_LENGTH + head[3]! + FRAME.TRAILER_LENGTH;
}

/** Decodes one frame from the start of `bytes`; bytes past it are ignored (the transport reads whole packets). */
export function decodeFrame(bytes: Uint8Array): Frame {
  if (bytes.length < FRAME.NORMAL_HEADER_LENGTH || !startsWithPreamble(bytes)) {
    throw new Port100FrameError('the reader sent bytes that do not start a Port-100 frame', { reason: 'preamble', length: bytes.length });
  }
  if (bytes[3] === 0x00 && bytes[4] === 0xff) {
    if (bytes.length < FRAME.ACK.length || bytes[5] !== FRAME.POSTAMBLE) throw new Port100FrameError('ACK frame without its postamble', { reason: 'postamble' });
    return { kind: 'ack' };
  }
  const extended = bytes[3] === FRAME.EXTENDED_MARKER && bytes[4] === FRAME.EXTENDED_MARKER;
  if (extended && bytes.length < FRAME.EXTENDED_HEADER_LENGTH) return { kind: 'error' };
  const header = extended ? FRAME.EXTENDED_HEADER_LENGTH : FRAME.NORMAL_HEADER_LENGTH;
  const lenBytes = extended ? [bytes[5]!, bytes[6]!] : [bytes[3]!];
  const lcs = bytes[header - 1]!;
  if (checksum([...lenBytes, lcs]) !== 0) throw new Port100FrameError('frame length checksum (LCS) is wrong', { reason: 'lcs' });
  const length = extended ? lenBytes[0]! | (lenBytes[1]! << 8) : lenBytes[0]!;
  if (length > FRAME.MAX_FRAME_LENGTH) throw new Port100FrameError(`frame of ${length} bytes exceeds any reader answer`, { reason: 'too-long', length });
  if (bytes.length < header + length + FRAME.TRAILER_LENGTH) {
    throw new Port100FrameError(`frame promises ${length} bytes, ${bytes.length - header} arrived`, { reason: 'truncated', length });
  }
  const data = bytes.slice(header, header + length);
  if (checksum([...data, bytes[header + length]!]) !== 0) throw new Port100FrameError('frame data checksum (DCS) is wrong', { reason: 'dcs' });
  if (bytes[header + length + 1] !== FRAME.POSTAMBLE) throw new Port100FrameError('frame without its postamble', { reason: 'postamble' });
  return { kind: 'data', data };
}
