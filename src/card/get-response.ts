/**
 * A transport that hides ISO 7816-4 §5.1.3 response chaining from its callers:
 * `61xx` → GET RESPONSE `00 C0 00 00 xx` and append; `6Cxx` → send the same command
 * again with Le = xx. Whether the My Number Card ever answers either is UNCONFIRMED
 * (jpki-protocol §8); MC handles both, so we do too. Both loops are bounded by
 * CONFIG.card.maxFollowUps. It also writes every real APDU to the wire log (hop 'apdu').
 *
 * A PIN-carrying command (pin-commands.ts) goes to the card once per transmit, whatever
 * it answers (issue 14 §4): 61xx is followed by GET RESPONSE, which carries no PIN; 6Cxx
 * would mean sending the PIN again, so it is refused; and `send` itself refuses to put
 * those bytes on the wire a second time, so no later change to the loop can resend them.
 */
import { concat } from '../bytes';
import { CONFIG } from '../config';
import { logWire, whileSecret } from '../wire-log';
import { decodeResponse, encodeCommand, encodeResponse, parseCommand } from './apdu';
import { CardResponseError } from './errors';
import { CLA, INS } from './jpki-constants';
import { bytesCarryPin } from './pin-commands';
import { SW, swHex } from './status-words';
import type { ApduTransport } from './transport';

/** The SW1 of the two families (61xx, 6Cxx) this transport answers; SW2 is a length. */
const SW1_MORE_DATA = SW.MORE_DATA >> 8;
const SW1_WRONG_LE = SW.WRONG_LE >> 8;

export interface GetResponseOptions {
  /** Follow-up commands allowed per command; defaults to CONFIG.card.maxFollowUps. */
  readonly maxFollowUps?: number;
}

export class GetResponseTransport implements ApduTransport {
  private readonly maxFollowUps: number;

  constructor(
    private readonly inner: ApduTransport,
    options: GetResponseOptions = {},
  ) {
    this.maxFollowUps = options.maxFollowUps ?? CONFIG.card.maxFollowUps;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    const secret = bytesCarryPin(command);
    let secretSent = false;
    const send = async (bytes: Uint8Array): Promise<Uint8Array> => {
      if (secret && bytes === command) {
        if (secretSent) throw new CardResponseError('not sending a PIN-carrying command a second time');
        secretSent = true;
      }
      return this.send(bytes);
    };
    let current = command;
    let response = decodeResponse(await send(current));
    let lastWasWrongLe = false;
    for (let followUps = 0; ; followUps++) {
      const { sw1, sw2 } = response;
      if (sw1 !== SW1_MORE_DATA && sw1 !== SW1_WRONG_LE) break;
      if (followUps >= this.maxFollowUps) {
        throw new CardResponseError(`card kept answering ${swHex(response.sw)} after ${followUps} follow-up commands`);
      }
      if (sw1 === SW1_WRONG_LE) {
        // A second 6Cxx in a row means the card rejects the Le it asked for: stop.
        if (lastWasWrongLe) throw new CardResponseError(`card answered ${swHex(response.sw)} to the Le it asked for`);
        if (current === command && secret) {
          throw new CardResponseError(`card answered ${swHex(response.sw)} to a PIN-carrying command; not sending the PIN again`);
        }
        current = withLe(current, sw2 === 0 ? 256 : sw2);
        lastWasWrongLe = true;
      } else {
        parts.push(response.data);
        current = encodeCommand({ cla: CLA.ISO, ins: INS.GET_RESPONSE, p1: 0, p2: 0, data: new Uint8Array(0), le: sw2 === 0 ? 256 : sw2 });
        lastWasWrongLe = false;
      }
      response = decodeResponse(await send(current));
    }
    if (parts.length === 0) return encodeResponse(response.data, response.sw);
    return encodeResponse(concat(...parts, response.data), response.sw);
  }

  private async send(command: Uint8Array): Promise<Uint8Array> {
    logWire('apdu', '>', command);
    const transmit = (): Promise<Uint8Array> => this.inner.transmit(command);
    const response = await (bytesCarryPin(command) ? whileSecret(transmit) : transmit());
    logWire('apdu', '<', response);
    return response;
  }
}

/**
 * The same command with a new short Le (the card asked for it with 6Cxx). 6Cxx means
 * "wrong Le" (ISO 7816-4 §5.6): a command that carries data and no Le (case 3: VERIFY,
 * CHANGE REFERENCE DATA) has no Le to be wrong, and sending it again would present the
 * PIN a second time — a retry DESIGN forbids — so that answer is refused, not followed.
 */
function withLe(command: Uint8Array, le: number): Uint8Array {
  const parsed = parseCommand(command);
  if (parsed.data.length > 0 && parsed.le === undefined) {
    throw new CardResponseError(`card asked for Le ${le} on a command that expects no data; not sending it again`);
  }
  return encodeCommand({ ...parsed, le, extended: false });
}
