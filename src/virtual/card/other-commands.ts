/**
 * The commands a JPKI client never needs but a card answers (jpki-protocol §3.6), so
 * probing clients such as OpenSC's card matchers see a card, not a crash.
 */
import type { CommandApdu } from '../../card/index';
import { SW } from '../../card/index';
import { status, type Answer } from './session';

/** GET DATA tag 5F51: the contact ATR minus TS (MC). */
const GET_DATA_ATR_P1P2 = 0x5f51;
const SHORT_MAX_LE = 256;

export function getChallenge(c: CommandApdu): Answer {
  if (c.p1 !== 0 || c.p2 !== 0) return status(SW.INCORRECT_P1P2);
  if (c.data.length > 0 || c.le === undefined) return status(SW.WRONG_LENGTH);
  // Extended Le → 6985 (MC); short Le 1..256.
  if (c.extended === true || c.le > SHORT_MAX_LE) return status(SW.CONDITIONS_NOT_SATISFIED);
  return { sw: SW.OK, data: globalThis.crypto.getRandomValues(new Uint8Array(c.le)) };
}

export function getData(c: CommandApdu, atr: Uint8Array): Answer {
  if (((c.p1 << 8) | c.p2) !== GET_DATA_ATR_P1P2) return status(SW.REFERENCED_DATA_NOT_FOUND);
  if (c.data.length > 0) return status(SW.WRONG_LENGTH);
  const data = atr.slice(1);
  return { sw: SW.OK, data: c.le === undefined ? data : data.slice(0, c.le) };
}

/** This card never answers 61xx, so there is never a response to get. */
export function getResponse(): Answer {
  return status(SW.CONDITIONS_NOT_SATISFIED);
}
