/**
 * What every PIN of the card shares, whichever application holds it (jpki-protocol
 * §3.3, §4): the empty VERIFY's answer read as a status, the format check before a PIN
 * goes anywhere, and the VERIFY command itself.
 */
import { PIN_POLICIES, checkPin, type PinKind } from '../rules/index';
import type { CommandApdu } from './apdu';
import { CardResponseError, PinFormatError } from './errors';
import { CLA, INS } from './jpki-constants';
import { errorForStatus, isPinLockedSw } from './status-errors';
import { SW, isCounterSw, triesLeftOf } from './status-words';

export interface PinStatus {
  readonly remaining: number;
  readonly max: number;
  readonly locked: boolean;
  /**
   * The empty VERIFY answered 9000: the PIN is verified in this power session (some
   * cards, jpki-protocol §3.3). A correct VERIFY resets the counter (§4), so
   * `remaining` is then reported as `max`.
   */
  readonly verified: boolean;
}

/** The empty VERIFY's status word as a PinStatus; any other answer is the translated card error. */
export function pinStatusOf(sw: number, pin: PinKind): PinStatus {
  const max = PIN_POLICIES[pin].maxTries;
  if (sw === SW.OK) return { remaining: max, max, locked: false, verified: true };
  if (isPinLockedSw(sw)) return { remaining: 0, max, locked: true, verified: false };
  if (isCounterSw(sw)) {
    const remaining = triesLeftOf(sw);
    // More tries than the PIN can have (§4) is not a JPKI answer; passing it on would
    // only break whoever compares it with the policy (the rules core refuses it).
    if (remaining > max) throw new CardResponseError(`the ${pin} PIN reports ${remaining} tries left, more than its ${max}`);
    return { remaining, max, locked: false, verified: false };
  }
  throw errorForStatus(sw, { operation: `query the ${pin} PIN's tries`, pin });
}

/** VERIFY: P2 80 = the current EF's PIN, 80|SFI = that EF's (jpki-protocol §3.3). */
export function verifyCommand(data: Uint8Array, p2: number): CommandApdu {
  return { cla: CLA.ISO, ins: INS.VERIFY, p1: 0x00, p2, data };
}

/**
 * The rules core's verdict on `value` as the bytes the card compares; a refusal is a
 * PinFormatError, thrown before anything reaches the card, so it never costs a try.
 */
export function checkedPinBytes(pin: PinKind, value: string): Uint8Array {
  const checked = checkPin(pin, value);
  if (!checked.ok) {
    throw new PinFormatError(checked.message.en, {
      pin,
      reason: checked.reason,
      ja: checked.message.ja,
      en: checked.message.en,
      ...(checked.character === undefined ? {} : { character: checked.character }),
    });
  }
  return asciiBytes(checked.pin);
}

/** The rules core's normalised PIN is ASCII by construction; this guards the seam. */
function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) throw new PinFormatError('normalised PIN is not printable ASCII', { reason: 'charset' });
    out[i] = c;
  }
  return out;
}
