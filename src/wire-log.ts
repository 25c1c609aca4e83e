/**
 * One wire log for every hop (STYLE §20): direction, hop and hex, kept in a small
 * ring buffer and printed only when debug logging is on. VERIFY data is redacted
 * wherever it appears in a frame, so a PIN never reaches a log at any hop.
 */
import { hex } from './bytes';

export type WireHop = 'page' | 'content' | 'background' | 'usb' | 'ccid' | 't1' | 'apdu' | 'vpcd';
export type WireDirection = '>' | '<';

export interface WireRecord {
  readonly hop: WireHop;
  readonly dir: WireDirection;
  readonly hex: string;
}

const CAPACITY = 512;
const records: WireRecord[] = [];
let debug = false;

export function setWireDebug(on: boolean): void {
  debug = on;
}

/**
 * Finds `CLA 20 00 P2 Lc data` (ISO 7816-4 VERIFY with data, P2 bit 8 set as the JPKI
 * card uses it, jpki-protocol §3.3) anywhere in the frame and hides the data. A false
 * positive only hides bytes from a log, so the scan is deliberately loose.
 */
export function redactVerify(bytes: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lc = bytes[i + 4];
    const isVerify =
      (bytes[i]! & 0xf0) === 0x00 && bytes[i + 1] === 0x20 && bytes[i + 2] === 0x00 &&
      ((bytes[i + 3] ?? 0) & 0x80) !== 0 && lc !== undefined && lc > 0 && lc <= 16 &&
      i + 5 + lc <= bytes.length;
    if (isVerify) {
      parts.push(hex(bytes.subarray(i, i + 5)), `<${lc} bytes redacted>`);
      i += 5 + lc;
    } else {
      parts.push(hex(bytes.subarray(i, i + 1)));
      i += 1;
    }
  }
  return parts.join(' ');
}

export function logWire(hop: WireHop, dir: WireDirection, bytes: Uint8Array): void {
  const record: WireRecord = { hop, dir, hex: redactVerify(bytes) };
  records.push(record);
  if (records.length > CAPACITY) records.shift();
  if (debug) console.debug(`[wire] ${hop} ${dir} ${record.hex}`);
}

/** The records since the last call, oldest first. */
export function drainWireLog(): WireRecord[] {
  return records.splice(0, records.length);
}

