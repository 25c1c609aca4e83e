/**
 * Status words the My Number Card answers, with the names jpki-protocol.md §8 gives.
 * Every layer that makes or reads a status word (the JPKI client, the virtual card)
 * takes the number from here.
 */
import { hex16 } from '../bytes';

export const SW = Object.freeze({
  OK: 0x9000,
  /** SW2 = bytes still available; GET RESPONSE fetches them (ISO 7816-4 §5.1.3). */
  MORE_DATA: 0x6100,
  /** VERIFY failed with no retry limit (JICSAP). */
  VERIFY_FAILED_NO_COUNTER: 0x6300,
  /** 63Cx: x tries left; 63C0 = blocked by this attempt. */
  VERIFY_FAILED_COUNTER: 0x63c0,
  END_OF_FILE_WARNING: 0x6282,
  WRONG_LENGTH: 0x6700,
  LOGICAL_CHANNEL_NOT_SUPPORTED: 0x6881,
  SECURE_MESSAGING_NOT_SUPPORTED: 0x6882,
  /** READ BINARY on a record EF, READ RECORD on a binary one (ISO 7816-4). */
  INCOMPATIBLE_FILE_STRUCTURE: 0x6981,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  /** Secure-messaging CLA (08/0C) refused; MC saw 6882 or this (jpki-protocol §3.1). */
  SECURE_MESSAGING_REFUSED: 0x69fc,
  AUTH_METHOD_BLOCKED: 0x6983,
  REFERENCE_DATA_BLOCKED: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  NO_CURRENT_EF: 0x6986,
  FILE_NOT_FOUND: 0x6a82,
  /** READ RECORD of a record the EF does not hold (ISO 7816-4). */
  RECORD_NOT_FOUND: 0x6a83,
  INCORRECT_P1P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  OFFSET_OUTSIDE_EF: 0x6b00,
  /** 6Cxx: wrong Le, SW2 = the right one (00 means 256). */
  WRONG_LE: 0x6c00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
});

/** `63Cx` with x tries left (x = 0..15). */
export function isCounterSw(sw: number): boolean {
  return (sw & 0xfff0) === SW.VERIFY_FAILED_COUNTER;
}

/** x of `63Cx`: the tries left. */
export function triesLeftOf(sw: number): number {
  return sw & 0x0f;
}

export function swHex(sw: number): string {
  return hex16(sw);
}

/** The name of an exact status word, or of its family for 61xx, 63Cx and 6Cxx. */
export function describeSw(sw: number): string {
  if ((sw & 0xff00) === SW.MORE_DATA) return `MORE_DATA(${sw & 0xff})`;
  if (isCounterSw(sw)) return `VERIFY_FAILED_COUNTER(${triesLeftOf(sw)})`;
  if ((sw & 0xff00) === SW.WRONG_LE) return `WRONG_LE(${sw & 0xff || 256})`;
  for (const [name, value] of Object.entries(SW)) if (value === sw) return name;
  return `SW_${swHex(sw)}`;
}
