/**
 * The card side of ISO 14443-3 Type B and ISO 14443-4 (PICC rules), written apart from the
 * driver's engine so a misreading shared by both cannot pass (issue 11 §2). It wraps any
 * VirtualCardLike: the field powers it, REQB/WUPB, ATTRIB and HLTB move it through IDLE,
 * READY, ACTIVE and HALT, and ISO-DEP blocks carry its APDUs with chaining both ways at the
 * frame size, S(WTX) before slow commands and S(DESELECT). CRC_B is the reader's business.
 */
import { PCB, TYPE_B, attribBitRate, bitRateCapability, frameSizeOf, type TypeBBitRate } from '../../spec/index';
import type { VirtualCardLike } from '../reader/index';

type State = 'idle' | 'ready' | 'active' | 'halt';

export interface PiccOptions {
  readonly fwi: number;
  readonly wtxOnSign: boolean;
  readonly random: (n: number) => Uint8Array;
  /** The rates the ATQB offers (both ways, the same required); 106 is always among them. */
  readonly bitRates: readonly TypeBBitRate[];
  /** Called when the card starts a chained answer (the 'card-removed-mid-chain' fault hooks here). */
  readonly onChainStart?: () => void;
  /** An APDU reached the card: its command and response bytes. */
  readonly onApdu?: (command: Uint8Array, response: Uint8Array) => Promise<void> | void;
}

/** FSCI 8 (FSC 256) and ISO 14443-4, as B3 81 xx in the cards' ATQBs (facts §3.1); B3 is what bitRates 106/212/424 give. */
const FSCI_AND_TYPE = 0x81;
/** The My Number Card's application data, from the first pcsc-tools ATR (facts §3.1). */
const APPLICATION_DATA = Uint8Array.of(0x00, 0x00, 0x05, 0xe0);
/** ISO 7816-4 INS of COMPUTE DIGITAL SIGNATURE / PSO: the command the card takes time over. */
const SLOW_INS = 0x2a;
/** The WTXM the card asks for before a signature. */
const SIGN_WTXM = 2;

export class TypeBPicc {
  private state: State = 'idle';
  private pupi: Uint8Array = new Uint8Array(4);
  /** ISO 14443-4: the PICC's block number starts at 1. */
  private bn = 1;
  private last: Uint8Array | undefined;
  private incoming: Uint8Array[] = [];
  private outgoing: Uint8Array | undefined;
  private pendingAnswer: Uint8Array | undefined;
  private fsd = 256;
  /** The rate the card listens and answers at: 106 until an ATTRIB asks for another, and again after DESELECT or a power-up. */
  private rate: TypeBBitRate = 106;
  /** While set, the card answers every block with this WTXM (the 'wtx-storm' fault). */
  wtxStorm: number | undefined;

  constructor(readonly card: VirtualCardLike, private readonly options: PiccOptions) {}

  /** The field came on: the chip powers up in IDLE with a fresh PUPI (random per activation, facts §3.1). */
  powerUp(): void {
    this.state = 'idle';
    this.rate = 106;
    this.pupi = this.options.random(4);
    this.bn = 1;
    this.last = undefined;
    this.incoming = [];
    this.outgoing = undefined;
    this.pendingAnswer = undefined;
    this.card.powerOn();
  }

  /** The field went off: everything the card held, a verified PIN included, is gone. */
  powerDown(): void {
    this.card.powerOff();
  }

  /** One RF frame in (without CRC_B) at the field's `rate`; its answer, or undefined when the card stays silent (a frame at another rate is noise to it). */
  async receive(frame: Uint8Array, rate: TypeBBitRate): Promise<Uint8Array | undefined> {
    const first = frame[0];
    if (first === undefined || rate !== this.rate) return undefined;
    if (first === TYPE_B.APF && frame.length === 3) return this.reqb(frame[2]!);
    if (first === TYPE_B.ATTRIB && frame.length >= 9) return this.attrib(frame);
    if (first === TYPE_B.HLTB && frame.length === 5 && this.state !== 'active') return this.hltb(frame);
    if (this.state !== 'active') return undefined;
    return this.block(frame);
  }

  private reqb(param: number): Uint8Array | undefined {
    const wakeUp = (param & TYPE_B.PARAM_WUPB) !== 0;
    if (this.state === 'active' || (this.state === 'halt' && !wakeUp)) return undefined;
    this.state = 'ready';
    const fwiByte = (this.options.fwi << 4) | TYPE_B.FO_CID;
    return Uint8Array.of(TYPE_B.ATQB, ...this.pupi, ...APPLICATION_DATA, bitRateCapability(this.options.bitRates), FSCI_AND_TYPE, fwiByte);
  }

  private attrib(frame: Uint8Array): Uint8Array | undefined {
    if (this.state !== 'ready' || !this.pupi.every((b, i) => frame[1 + i] === b)) return undefined;
    const param2 = frame[6]!;
    const param3 = frame[7]!;
    const cid = frame[8]! & 0x0f;
    const rate = attribBitRate(param2);
    // A card answers only an ATTRIB that asks for the ISO 14443-4 protocol and a rate it offers.
    if ((param3 & 0x0f) !== TYPE_B.PROTOCOL_TYPE_ISO14443_4 || rate === undefined || (rate !== 106 && !this.options.bitRates.includes(rate)) || cid !== 0) return undefined;
    this.fsd = frameSizeOf(param2 & 0x0f);
    this.state = 'active';
    // The answer goes at 106; everything after it at the new rate (ISO 14443-3).
    this.rate = rate;
    return Uint8Array.of(cid);
  }

  private hltb(frame: Uint8Array): Uint8Array | undefined {
    if (!this.pupi.every((b, i) => frame[1 + i] === b)) return undefined;
    this.state = 'halt';
    return Uint8Array.of(TYPE_B.HLTB_OK);
  }

  /** ISO 14443-4 PICC rules on one block; an invalid block is ignored (the PICC stays in reception). */
  private async block(frame: Uint8Array): Promise<Uint8Array | undefined> {
    const pcb = frame[0]!;
    if (pcb & (PCB.CID_FOLLOWS | PCB.NAD_FOLLOWS)) return undefined;
    if ((pcb & 0xe2) === 0x02) return this.iBlock(pcb, frame.subarray(1));
    if ((pcb & 0xe6) === 0xa2 && frame.length === 1) return this.rBlock(pcb);
    if (pcb === 0xc2 && frame.length === 1) {
      // The DESELECT answer goes at the session's rate; a woken card starts again at 106.
      this.state = 'halt';
      const answer = this.send(Uint8Array.of(0xc2));
      this.rate = 106;
      return answer;
    }
    if (pcb === 0xf2 && frame.length === 2 && this.wtxStorm !== undefined) return this.send(Uint8Array.of(0xf2, this.wtxStorm));
    if (pcb === 0xf2 && frame.length === 2 && this.pendingAnswer) {
      const answer = this.pendingAnswer;
      this.pendingAnswer = undefined;
      return this.answer(answer);
    }
    return undefined;
  }

  private async iBlock(pcb: number, inf: Uint8Array): Promise<Uint8Array | undefined> {
    // Rule D: an I-block toggles the PICC's block number before it answers.
    this.bn ^= 1;
    this.outgoing = undefined;
    this.incoming.push(inf.slice());
    if (pcb & PCB.CHAINING) return this.send(Uint8Array.of(0xa2 | this.bn));
    const command = Uint8Array.from(this.incoming.flatMap((p) => [...p]));
    this.incoming = [];
    const response = await this.card.transmit(command);
    await this.options.onApdu?.(command, response);
    if (this.wtxStorm !== undefined) {
      this.pendingAnswer = response;
      return this.send(Uint8Array.of(0xf2, this.wtxStorm));
    }
    if (this.options.wtxOnSign && command[1] === SLOW_INS) {
      this.pendingAnswer = response;
      return this.send(Uint8Array.of(0xf2, SIGN_WTXM));
    }
    return this.answer(response);
  }

  private rBlock(pcb: number): Uint8Array | undefined {
    const bn = pcb & PCB.BLOCK_NUMBER;
    const nak = (pcb & PCB.R_NAK) !== 0;
    // Rule 11: R(NAK) with our number: send the last block again; with the other: R(ACK).
    if (nak) return bn === this.bn && this.last ? this.last : this.send(Uint8Array.of(0xa2 | this.bn));
    // Rule 13: R(ACK) with our number: the last block again; with the other: continue our chain.
    if (bn === this.bn) return this.last;
    if (this.outgoing === undefined) return undefined;
    this.bn ^= 1;
    const rest = this.outgoing;
    this.outgoing = undefined;
    return this.answer(rest);
  }

  /** An I-block answer, chained at FSD less PCB and CRC_B (facts §3.3: 253 + 5 for a signature). */
  private answer(data: Uint8Array): Uint8Array {
    const max = this.fsd - 3;
    if (data.length <= max) return this.send(Uint8Array.of(0x02 | this.bn, ...data));
    this.outgoing = data.slice(max);
    this.options.onChainStart?.();
    return this.send(Uint8Array.of(0x12 | this.bn, ...data.subarray(0, max)));
  }

  private send(block: Uint8Array): Uint8Array {
    this.last = block;
    return block;
  }
}
