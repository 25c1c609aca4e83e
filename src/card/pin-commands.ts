/**
 * Which commands present a secret to the card (issue 14 §4): such a command reaches the
 * card at most once per call, because each presentation of a wrong or unlucky PIN costs
 * a try (jpki-protocol §3.3, §4). The follow-up machinery — 6Cxx resend, 61xx GET
 * RESPONSE, the re-select-and-retry on a lost selection — consults this one predicate.
 */
import { parseCommand } from './apdu';
import type { CommandApdu } from './apdu';
import { ApduFormatError } from './errors';

/**
 * ISO 7816-4 VERIFY (20/21), CHANGE REFERENCE DATA (24/25), RESET RETRY COUNTER (2C/2D)
 * and JICSAP CHANGE KEY (32, 共通AP and 住基AP's PIN change, jpki-protocol §3.4). Any CLA:
 * the proprietary class does not make a PIN less secret.
 */
const PIN_INS: ReadonlySet<number> = new Set([0x20, 0x21, 0x24, 0x25, 0x2c, 0x2d, 0x32]);

/** True when the command carries data to a PIN instruction, in short or extended form. */
export function carriesPin(command: CommandApdu): boolean {
  return PIN_INS.has(command.ins) && command.data.length > 0;
}

/**
 * The same question for encoded bytes. Bytes that do not parse as a command are treated
 * as carrying a PIN when their INS is a PIN instruction: refusing a follow-up is always
 * safe, sending a secret twice never is.
 */
export function bytesCarryPin(command: Uint8Array): boolean {
  if (command.length < 4) return false;
  try {
    return carriesPin(parseCommand(command));
  } catch (e) {
    if (e instanceof ApduFormatError) return PIN_INS.has(command[1]!);
    throw e;
  }
}
