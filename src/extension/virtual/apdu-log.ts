/**
 * apduLog() of the control surface: the command APDUs the card received and the status
 * word it answered, since the last call. The virtual card keeps that log itself (with
 * PIN data redacted by the shared wire-log rule), so whichever path reached the card —
 * the background's reads or enterWrongPin — is in it; this only shapes its entries for
 * site developers.
 */
import { swHex } from '../../card/index';
import type { ApduLogEntry } from '../../virtual/index';

export interface ApduRecord {
  /** Command APDU, hex, PIN data redacted. */
  readonly command: string;
  /** SW1 SW2 as four hex digits, e.g. "9000", "63C2". */
  readonly sw: string;
  /** Response data length in bytes (the data itself is not kept: it may be a certificate). */
  readonly responseLength: number;
}

/** The card counts SW1 SW2 in its responseLength; site developers get the data length. */
export function toApduRecord(entry: ApduLogEntry): ApduRecord {
  return { command: entry.command, sw: swHex(entry.sw), responseLength: Math.max(0, entry.responseLength - 2) };
}
