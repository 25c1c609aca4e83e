/**
 * VirtualJpkiCard: a contact My Number Card's JPKI application, answering APDUs as the
 * facts describe (jpki-protocol §1–§3, §8). It is a peer of a real card, not a mock:
 * real RSA-2048 keys, real PIN counters, certificates from the test CA.
 *
 * Commands are hostile input. Every byte string gets a status word; nothing a command
 * contains makes transmit() throw. Only driving an unpowered card throws (a reader bug).
 */
import { parseCommand, encodeResponse, type CommandApdu } from '../../card/index';
import { CLA, INS } from '../../card/index';
import { SW } from '../../card/index';
import type { ApduTransport } from '../../card/index';
import { redactSecrets } from '../../wire-log';
import { VirtualCardProfileError, VirtualCardUnpoweredError } from './errors';
import type { JpkiCertificates, PinName } from './files';
import { getChallenge, getData, getResponse } from './other-commands';
import { readBinary, readRecord, select } from './file-commands';
import { changeReferenceData, computeDigitalSignature, verify } from './security-commands';
import type { Answer, CardContents, Session } from './session';

/** ISO 7816-4 §5.4.1 class byte. */
const CLA_FURTHER_INTERINDUSTRY = 0x40;
const CLA_PROPRIETARY_FLAG = 0x80;
const CLA_CHAINING = 0x10;
const CLA_SM_BITS = 0x0c;
const CLA_CHANNEL_BITS = 0x03;
const HEADER_LENGTH = 4;
/** Enough history for a test or a debugging session; older entries are dropped. */
const LOG_CAPACITY = 1000;

export interface ApduLogEntry {
  /** Command hex with VERIFY data redacted (wire-log's rule). */
  readonly command: string;
  readonly sw: number;
  readonly responseLength: number;
}

/** Behaviour some real cards show, off by default. */
export interface CardQuirks {
  /**
   * Answer the first command after a cold power-on with 6F00 and ignore it: one card did
   * this (MC sends and discards a dummy SELECT, jpki-protocol §3.3, §8).
   */
  readonly mute6F00AfterPowerOn?: boolean;
}

export interface PinTries {
  readonly remaining: number;
  readonly max: number;
}

type Handler = (c: CommandApdu, card: CardContents, s: Session) => Answer;

const ISO_COMMANDS: ReadonlyMap<number, Handler> = new Map<number, Handler>([
  [INS.SELECT, select],
  [INS.READ_BINARY, readBinary],
  [INS.READ_RECORD, readRecord],
  [INS.VERIFY, verify],
  [INS.CHANGE_REFERENCE_DATA, changeReferenceData],
  [INS.GET_CHALLENGE, (c) => getChallenge(c)],
  [INS.GET_DATA, (c, card) => getData(c, card.atr)],
  [INS.GET_RESPONSE, () => getResponse()],
]);
/** CLA 80: COMPUTE DIGITAL SIGNATURE is proprietary on this card (jpki-protocol §3.5). */
const PROPRIETARY_COMMANDS: ReadonlyMap<number, Handler> = new Map<number, Handler>([
  [INS.COMPUTE_DIGITAL_SIGNATURE, computeDigitalSignature],
]);

/**
 * The class byte's verdict before the instruction is looked at: logical channels other
 * than 0 → 6881, secure messaging → 6882 (MC, jpki-protocol §3.1); chaining, which
 * this ATR does not offer, and undefined classes → 6E00.
 */
function classCheck(cla: number): number | 'iso' | 'proprietary' {
  if (cla >= CLA_FURTHER_INTERINDUSTRY && cla < CLA_PROPRIETARY_FLAG) return SW.LOGICAL_CHANNEL_NOT_SUPPORTED;
  if ((cla & 0xf0 & ~CLA_CHAINING) !== CLA.ISO && (cla & 0xf0 & ~CLA_CHAINING) !== CLA.PROPRIETARY) return SW.CLA_NOT_SUPPORTED;
  if ((cla & CLA_CHANNEL_BITS) !== 0) return SW.LOGICAL_CHANNEL_NOT_SUPPORTED;
  if ((cla & CLA_SM_BITS) !== 0) return SW.SECURE_MESSAGING_NOT_SUPPORTED;
  if ((cla & CLA_CHAINING) !== 0) return SW.CLA_NOT_SUPPORTED;
  return cla === CLA.ISO ? 'iso' : 'proprietary';
}

export class VirtualJpkiCard implements ApduTransport {
  private powered = false;
  private readonly session: Session = { app: undefined, ef: undefined, verified: new Set() };
  private readonly entries: ApduLogEntry[] = [];
  private count = 0;
  private muteNext = false;

  constructor(
    private readonly contents: CardContents,
    /** The certificates the card holds, DER without padding (sign: undefined under 15). */
    readonly certificates: JpkiCertificates,
    private readonly quirks: CardQuirks = {},
  ) {}

  /** Cold reset: power, ATR, nothing selected, nothing verified. Already powered: a warm reset. */
  powerOn(): Uint8Array {
    if (this.powered) return this.reset();
    this.powered = true;
    this.clearSession(true);
    this.muteNext = this.quirks.mute6F00AfterPowerOn === true;
    return this.contents.atr.slice();
  }

  /** Power off ends the session, and with it every verified PIN (jpki-protocol §3.3). */
  powerOff(): void {
    this.powered = false;
    this.clearSession(true);
  }

  /** Warm reset: the selection is gone, the verified PINs stay until power-off (MC). */
  reset(): Uint8Array {
    if (!this.powered) return this.powerOn();
    this.clearSession(false);
    return this.contents.atr.slice();
  }

  get isPowered(): boolean {
    return this.powered;
  }

  /** The PINs verified in this power session (tests assert that every session leaves none). */
  get verifiedPins(): readonly PinName[] {
    return [...this.session.verified];
  }

  get atr(): Uint8Array {
    return this.contents.atr.slice();
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    return this.respond(command);
  }

  /** transmit() without the promise, for peers that answer synchronously (the virtual reader). */
  respond(command: Uint8Array): Uint8Array {
    if (!this.powered) throw new VirtualCardUnpoweredError('the virtual card is not powered; call powerOn() first');
    const answer = this.answer(command);
    this.count += 1;
    this.entries.push({ command: redactSecrets(command), sw: answer.sw, responseLength: (answer.data?.length ?? 0) + 2 });
    if (this.entries.length > LOG_CAPACITY) this.entries.shift();
    return encodeResponse(answer.data ?? new Uint8Array(0), answer.sw);
  }

  /** Commands answered since the card was made (or since clearLog()). */
  get apduCount(): number {
    return this.count;
  }

  get log(): readonly ApduLogEntry[] {
    return [...this.entries];
  }

  clearLog(): void {
    this.entries.length = 0;
    this.count = 0;
  }

  pinTries(pin: PinName): PinTries | undefined {
    const counter = this.contents.pins[pin];
    return counter === undefined ? undefined : { remaining: counter.remaining, max: counter.max };
  }

  /** Test control: set the tries left (0 locks). Clears that PIN's verified state. */
  setPinTries(pin: PinName, remaining: number): void {
    const counter = this.contents.pins[pin];
    if (counter === undefined) throw new VirtualCardProfileError(`this card has no ${pin} PIN`, { pin });
    if (!Number.isInteger(remaining) || remaining < 0 || remaining > counter.max) {
      throw new VirtualCardProfileError(`${pin} tries must be 0..${counter.max}`, { pin, remaining: String(remaining) });
    }
    counter.setRemaining(remaining);
    this.session.verified.delete(pin);
  }

  private clearSession(unpowered: boolean): void {
    this.session.app = undefined;
    this.session.ef = undefined;
    if (unpowered) this.session.verified.clear();
  }

  private answer(bytes: Uint8Array): Answer {
    if (this.muteNext) {
      this.muteNext = false;
      return { sw: SW.NO_PRECISE_DIAGNOSIS };
    }
    // A T=1 card answers a frame shorter than a header with a length error.
    if (bytes.length < HEADER_LENGTH) return { sw: SW.WRONG_LENGTH };
    const verdict = classCheck(bytes[0]!);
    if (typeof verdict === 'number') return { sw: verdict };
    const ins = bytes[1]!;
    const table = verdict === 'iso' ? ISO_COMMANDS : PROPRIETARY_COMMANDS;
    const handler = table.get(ins);
    if (handler === undefined) {
      const other = verdict === 'iso' ? PROPRIETARY_COMMANDS : ISO_COMMANDS;
      return { sw: other.has(ins) ? SW.CLA_NOT_SUPPORTED : SW.INS_NOT_SUPPORTED };
    }
    let command: CommandApdu;
    try {
      command = parseCommand(bytes);
    } catch {
      return { sw: SW.WRONG_LENGTH };
    }
    try {
      return handler(command, this.contents, this.session);
    } catch {
      // A bug of ours must not look like a card that hangs: answer as a card would.
      return { sw: SW.NO_PRECISE_DIAGNOSIS };
    }
  }
}
