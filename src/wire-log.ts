/**
 * One wire log for every hop (STYLE §20): direction, hop and hex, kept in a small
 * ring buffer and printed only when debug logging is on. PIN data (VERIFY,
 * CHANGE REFERENCE DATA, RESET RETRY COUNTER) never shows (issue 14 §6):
 * - at the APDU hops the command is parsed exactly and its data replaced by its length;
 * - below them, a scan cannot be trusted (a PIN split over two T=1 blocks or CCID frames
 *   matches no pattern), so the APDU layer marks the secret at its source: while it has a
 *   PIN-carrying command on the wire (`whileSecret`), every lower frame is logged as its
 *   length only. The loose scan stays as a second guard for frames outside that window.
 */
import { hex } from './bytes';

export type WireHop = 'page' | 'content' | 'background' | 'usb' | 'ccid' | 't1' | 'port100' | 'iso-dep' | 'apdu' | 'vpcd';
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

/** ISO 7816-4 commands whose data is a PIN: VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER. */
const SECRET_INS = new Set([0x20, 0x24, 0x2c]);
/** A PIN is at most 16 bytes (jpki-protocol §4); CHANGE REFERENCE DATA may carry old + new. */
const MAX_SECRET_LENGTH = 64;

/** Where the data of a PIN-carrying command starts in `bytes` at `i`, and its length, or undefined. */
function secretAt(bytes: Uint8Array, i: number): { start: number; length: number } | undefined {
  if (((bytes[i] ?? 0xff) & 0xf0) !== 0x00 || !SECRET_INS.has(bytes[i + 1] ?? -1) || i + 5 > bytes.length) return undefined;
  const lc = bytes[i + 4]!;
  if (lc > 0 && lc <= MAX_SECRET_LENGTH && i + 5 + lc <= bytes.length) return { start: i + 5, length: lc };
  // Extended length: 00 Lc1 Lc2 (ISO 7816-4 §5.1).
  const ext = lc === 0 && i + 7 <= bytes.length ? (bytes[i + 5]! << 8) | bytes[i + 6]! : 0;
  if (ext > 0 && ext <= MAX_SECRET_LENGTH && i + 7 + ext <= bytes.length) return { start: i + 7, length: ext };
  return undefined;
}

/** Hex of one command APDU with its data hidden when it carries a PIN. */
export function redactSecrets(apdu: Uint8Array): string {
  const secret = secretAt(apdu, 0);
  if (!secret) return hex(apdu);
  const rest = apdu.subarray(secret.start + secret.length);
  return [hex(apdu.subarray(0, secret.start)), `<${secret.length} bytes redacted>`, hex(rest)].filter(Boolean).join(' ');
}

/**
 * Hex of a lower-level frame (a T=1 block, a CCID message, a USB transfer) with the data
 * of every PIN-carrying command hidden wherever it sits. A false match only hides bytes
 * of a debug log, so the scan is loose; APDUs themselves use the exact redactSecrets.
 */
function redactFrame(bytes: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const secret = secretAt(bytes, i);
    if (secret) {
      parts.push(hex(bytes.subarray(i, secret.start)), `<${secret.length} bytes redacted>`);
      i = secret.start + secret.length;
    } else {
      parts.push(hex(bytes.subarray(i, i + 1)));
      i += 1;
    }
  }
  return parts.join(' ');
}

/** Hops whose bytes are exactly one command or response APDU. */
const APDU_HOPS: ReadonlySet<WireHop> = new Set(['apdu', 'vpcd']);

/** PIN-carrying commands on the wire now (more than one only with several readers at once: sealing all is safe). */
let secretsInFlight = 0;

/**
 * Runs `send` (one PIN-carrying command, to its response) with every frame below the
 * APDU hop logged as its length only. The APDU layer calls it: it is the one that knows
 * which bytes are secret.
 */
export async function whileSecret<T>(send: () => Promise<T>): Promise<T> {
  secretsInFlight++;
  try {
    return await send();
  } finally {
    secretsInFlight--;
  }
}

function shown(hop: WireHop, bytes: Uint8Array): string {
  if (APDU_HOPS.has(hop)) return redactSecrets(bytes);
  if (secretsInFlight > 0) return `<${bytes.length} bytes, sealed: a PIN is on the wire>`;
  return redactFrame(bytes);
}

export function logWire(hop: WireHop, dir: WireDirection, bytes: Uint8Array): void {
  const record: WireRecord = { hop, dir, hex: shown(hop, bytes) };
  records.push(record);
  if (records.length > CAPACITY) records.shift();
  if (debug) console.debug(`[wire] ${hop} ${dir} ${record.hex}`);
}

/** The records since the last call, oldest first. */
export function drainWireLog(): WireRecord[] {
  return records.splice(0, records.length);
}

