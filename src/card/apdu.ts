/**
 * ISO 7816-4 APDU layouts, written once: command encoding (cases 1–4, short and
 * extended), command parsing (for the card side: the virtual card, the vpcd bridge),
 * and response decoding into data and status word.
 */
import { concat } from '../bytes';
import { ApduFormatError } from './errors';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data; empty for cases 1 and 2. */
  readonly data: Uint8Array;
  /** Expected response length: undefined = no Le (cases 1, 3); 256 short / 65536 extended = "all". */
  readonly le?: number;
  /** True when the command uses (or must use) the extended length fields. */
  readonly extended?: boolean;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
  readonly sw1: number;
  readonly sw2: number;
}

const SHORT_MAX_LC = 255;
const SHORT_MAX_LE = 256;
const EXTENDED_MAX = 65536;
/** The largest response APDU: 65536 data bytes (extended Le) + SW1 SW2 (ISO 7816-4). */
export const MAX_RESPONSE_APDU_LENGTH = EXTENDED_MAX + 2;

function checkByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new ApduFormatError(`${name} is not a byte: ${value}`);
}

export function encodeCommand(c: CommandApdu): Uint8Array {
  checkByte('CLA', c.cla);
  checkByte('INS', c.ins);
  checkByte('P1', c.p1);
  checkByte('P2', c.p2);
  const lc = c.data.length;
  const le = c.le;
  if (lc > 65535) throw new ApduFormatError(`command data too long: ${lc}`);
  if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > EXTENDED_MAX)) throw new ApduFormatError(`bad Le: ${le}`);
  const extended = c.extended === true || lc > SHORT_MAX_LC || (le !== undefined && le > SHORT_MAX_LE);
  const head = Uint8Array.of(c.cla, c.ins, c.p1, c.p2);
  // Built with concat, not a spread: 65535 data bytes as call arguments can overflow the stack.
  if (!extended) {
    const lcField = lc > 0 ? Uint8Array.of(lc) : new Uint8Array(0);
    const leField = le === undefined ? new Uint8Array(0) : Uint8Array.of(le === SHORT_MAX_LE ? 0 : le);
    return concat(head, lcField, c.data, leField);
  }
  // Extended (ISO 7816-4 §5.1): a leading 00, then two-byte Lc; Le is two bytes after
  // Lc, or three (00 + two) when there is no Lc; 0000 means 65536.
  const lcField = lc > 0 ? Uint8Array.of(0, lc >> 8, lc & 0xff) : new Uint8Array(0);
  let leField = new Uint8Array(0);
  if (le !== undefined) {
    const v = le === EXTENDED_MAX ? 0 : le;
    leField = lc === 0 ? Uint8Array.of(0, v >> 8, v & 0xff) : Uint8Array.of(v >> 8, v & 0xff);
  }
  return concat(head, lcField, c.data, leField);
}

/** Parses a command APDU exactly as a card would; any inconsistency is ApduFormatError. */
export function parseCommand(bytes: Uint8Array): CommandApdu {
  if (bytes.length < 4) throw new ApduFormatError(`command shorter than a header: ${bytes.length} bytes`);
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const body = bytes.subarray(4);
  const n = body.length;
  if (n === 0) return { cla, ins, p1, p2, data: new Uint8Array(0) }; // case 1
  const b0 = body[0]!;
  if (n === 1) return { cla, ins, p1, p2, data: new Uint8Array(0), le: b0 === 0 ? SHORT_MAX_LE : b0 }; // case 2S
  if (b0 !== 0 || n < 3) {
    // Short case 3 or 4: Lc in one byte, then data, then maybe Le.
    if (b0 === 0) throw new ApduFormatError('short Lc of zero');
    if (n === 1 + b0) return { cla, ins, p1, p2, data: body.slice(1) };
    if (n === 2 + b0) {
      const le = body[1 + b0]!;
      return { cla, ins, p1, p2, data: body.slice(1, 1 + b0), le: le === 0 ? SHORT_MAX_LE : le };
    }
    throw new ApduFormatError(`short Lc ${b0} does not match ${n - 1} body bytes`);
  }
  // Extended forms start with 00.
  if (n === 3) {
    const le = (body[1]! << 8) | body[2]!;
    return { cla, ins, p1, p2, data: new Uint8Array(0), le: le === 0 ? EXTENDED_MAX : le, extended: true }; // case 2E
  }
  const lc = (body[1]! << 8) | body[2]!;
  if (lc === 0) throw new ApduFormatError('extended Lc of zero');
  if (n === 3 + lc) return { cla, ins, p1, p2, data: body.slice(3), extended: true }; // case 3E
  if (n === 5 + lc) {
    const le = (body[3 + lc]! << 8) | body[4 + lc]!;
    return { cla, ins, p1, p2, data: body.slice(3, 3 + lc), le: le === 0 ? EXTENDED_MAX : le, extended: true }; // case 4E
  }
  throw new ApduFormatError(`extended Lc ${lc} does not match ${n - 3} body bytes`);
}

export function decodeResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new ApduFormatError(`response shorter than SW1 SW2: ${bytes.length} bytes`);
  const sw1 = bytes[bytes.length - 2]!;
  const sw2 = bytes[bytes.length - 1]!;
  return { data: bytes.slice(0, bytes.length - 2), sw: (sw1 << 8) | sw2, sw1, sw2 };
}

export function encodeResponse(data: Uint8Array, sw: number): Uint8Array {
  if (!Number.isInteger(sw) || sw < 0 || sw > 0xffff) throw new ApduFormatError(`status word is not 16 bits: ${sw}`);
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = (sw >> 8) & 0xff;
  out[data.length + 1] = sw & 0xff;
  return out;
}
