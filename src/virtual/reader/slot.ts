/**
 * One CCID interface's slot 0 as a reader runs it (facts B1): power, slot status,
 * parameters, Abort, and XfrBlock at the profile's exchange level — whole APDUs, the
 * extended-APDU chaining of wLevelParameter/bChainParameter, or T=1 blocks handed to
 * the card-side T=1 engine (TPDU). Slots above 0 exist (bMaxSlotIndex) but stay empty.
 * Escape and commands a reader may refuse are answered "command not supported".
 */
import {
  CCID_HEADER_LENGTH, CHAIN, COMMAND_STATUS, FEATURE, HDR, ICC_STATUS, PC_TO_RDR, POWER_SELECT, PPS, PROTOCOL, PROTOCOL_NUM,
  ATR_TS, RDR_TO_PC, SLOT_ERROR, T1_PARAMETERS,
} from '../../spec/index';
import { encodeResponse } from '../../card/index';
import { SW } from '../../card/index';
import { cardAtrParams, DEFAULT_FIDI, etuMs, t1ParameterBytes, type CardAtrParams } from './card-atr';
import type { FaultBoard } from './faults';
import { failure, type PcToRdr, type RdrToPc } from './messages';
import { lrc, T1CardSide } from './t1-card';
import type { TimingClock } from './timing';
import type { InterfaceProfile, VirtualCardLike } from './types';

export interface SlotCounters {
  apdus: number;
  apduBytes: number;
  t1Blocks: number;
}

export interface SlotHooks {
  readonly faults: FaultBoard;
  readonly clock: TimingClock;
  readonly counters: SlotCounters;
  /** Raises NotifySlotChange for slot 0. */
  notify(present: boolean): void;
}

/** Offsets of bytes 7..9 inside `specific`. */
const SPEC = Object.freeze({ first: 0, levelLow: 1, levelHigh: 2 });
/** SetParameters abProtocolDataStructure lengths (facts B3: libccid sends 5 for T=0, 7 for T=1). */
const PARAMETER_LENGTH: Readonly<Record<number, number | undefined>> = Object.freeze({ [PROTOCOL_NUM.T0]: T1_PARAMETERS.T0_LENGTH, [PROTOCOL_NUM.T1]: T1_PARAMETERS.LENGTH });
/** A card that throws on a malformed command answers 6F 00 (ISO 7816-4: no precise diagnosis). */
const SW_NO_DIAGNOSIS = encodeResponse(new Uint8Array(0), SW.NO_PRECISE_DIAGNOSIS);
const DEFAULT_PARAMS = cardAtrParams(Uint8Array.of(ATR_TS.direct, 0x00));

/** The reader side of one CCID slot: answers PC_to_RDR messages for the card in it (virtual side; the driver's is SlotChannel). */
export class VirtualSlot {
  card: VirtualCardLike | null = null;
  private powered = false;
  private atr: CardAtrParams = DEFAULT_PARAMS;
  private params = t1ParameterBytes(DEFAULT_PARAMS);
  private t1: T1CardSide | null = null;
  private ppsAllowed = false;
  private chainIn: number[] | null = null;
  private chainOut: Uint8Array | null = null;
  private armedAbort: { slot: number; seq: number } | null = null;
  private readonly level: number;

  constructor(private readonly iface: InterfaceProfile, private readonly hooks: SlotHooks) {
    this.level = iface.ccid.dwFeatures & FEATURE.LEVEL_MASK;
  }

  get maxData(): number {
    return this.iface.ccid.dwMaxCCIDMessageLength - CCID_HEADER_LENGTH;
  }

  iccStatus(slot: number): number {
    if (slot !== 0 || this.card === null) return ICC_STATUS.noCard;
    return this.powered ? ICC_STATUS.activeCard : ICC_STATUS.inactiveCard;
  }

  insert(card: VirtualCardLike): void {
    if (this.card !== null) this.remove();
    this.card = card;
    this.hooks.notify(true);
  }

  remove(): void {
    if (this.card === null) return;
    this.powerDown();
    this.card = null;
    this.hooks.notify(false);
  }

  /** The reader lost power (unplug, reset): the card is deactivated but stays in the slot. */
  powerDown(): void {
    if (this.powered) this.card?.powerOff();
    [this.powered, this.t1, this.chainIn, this.chainOut, this.ppsAllowed] = [false, null, null, null, false];
  }

  /** The class request ABORT (bRequest 0x01) arms the bulk Abort with the same bSlot/bSeq (facts B1). */
  classAbort(slot: number, seq: number): void {
    this.armedAbort = { slot, seq };
  }

  private reply(cmd: PcToRdr, type: number, data?: Uint8Array, specific = 0): RdrToPc {
    return { type, slot: cmd.slot, seq: cmd.seq, iccStatus: this.iccStatus(cmd.slot), commandStatus: COMMAND_STATUS.ok, error: 0, specific, ...(data ? { data } : {}) };
  }

  private failed(cmd: PcToRdr, error: number): RdrToPc {
    return failure(cmd, this.iccStatus(cmd.slot), error);
  }

  async handle(cmd: PcToRdr): Promise<RdrToPc> {
    switch (cmd.type) {
      case PC_TO_RDR.IccPowerOn: return this.powerOn(cmd);
      case PC_TO_RDR.IccPowerOff:
        if (cmd.slot === 0) this.powerDown();
        return this.reply(cmd, RDR_TO_PC.SlotStatus);
      case PC_TO_RDR.GetSlotStatus: return this.reply(cmd, RDR_TO_PC.SlotStatus);
      case PC_TO_RDR.XfrBlock: return this.xfrBlock(cmd);
      case PC_TO_RDR.GetParameters: return this.parameters(cmd);
      case PC_TO_RDR.ResetParameters:
        this.params = t1ParameterBytes(this.atr);
        return this.parameters(cmd);
      case PC_TO_RDR.SetParameters: return this.setParameters(cmd);
      case PC_TO_RDR.Abort: {
        const armed = this.armedAbort;
        this.armedAbort = null;
        [this.chainIn, this.chainOut] = [null, null];
        if (armed === null || armed.slot !== cmd.slot || armed.seq !== cmd.seq) return this.failed(cmd, SLOT_ERROR.CMD_ABORTED);
        return this.reply(cmd, RDR_TO_PC.SlotStatus);
      }
      default: return this.failed(cmd, SLOT_ERROR.CMD_NOT_SUPPORTED);
    }
  }

  private async powerOn(cmd: PcToRdr): Promise<RdrToPc> {
    const select = cmd.specific[SPEC.first]!;
    if (cmd.data.length !== 0) return this.failed(cmd, HDR.dwLength);
    const voltageBit = select === POWER_SELECT.auto ? 0 : 1 << (select - 1);
    if (select > POWER_SELECT.v1_8 || (voltageBit & ~this.iface.ccid.bVoltageSupport) !== 0) return this.failed(cmd, HDR.specific);
    if (this.card === null || cmd.slot !== 0) return this.failed(cmd, SLOT_ERROR.ICC_MUTE);
    if (this.hooks.faults.takeMute()) return this.failed(cmd, SLOT_ERROR.ICC_MUTE);
    // A second IccPowerOn while powered is a warm reset, as on hardware: the link state
    // goes, but the card keeps its verified PINs (only IccPowerOff clears them, jpki-protocol §3.3).
    if (this.powered) [this.t1, this.chainIn, this.chainOut] = [null, null, null];
    const atr = this.card.powerOn();
    this.powered = true;
    this.atr = cardAtrParams(atr);
    this.params = t1ParameterBytes(this.atr);
    this.ppsAllowed = true;
    const autoRate = (this.iface.ccid.dwFeatures & (FEATURE.AUTO_PPS | FEATURE.AUTO_PARAMETER_NEGOTIATION)) !== 0;
    this.hooks.clock.etuMs = etuMs(autoRate ? this.atr.fiDi : DEFAULT_FIDI, this.iface.ccid.dwDefaultClock);
    if (this.level === FEATURE.LEVEL_TPDU) {
      const faults = this.hooks.faults;
      const counters = this.hooks.counters;
      this.t1 = new T1CardSide(this.atr, {
        transmit: (apdu) => this.runApdu(apdu),
        takeBadEdc: () => faults.takeBadEdc(),
        wtxBeforeAnswer: () => faults.wtxBeforeAnswer(),
        countBlock: () => void counters.t1Blocks++,
      });
    }
    await this.hooks.clock.link(atr.length);
    return this.reply(cmd, RDR_TO_PC.DataBlock, atr);
  }

  private parameters(cmd: PcToRdr): RdrToPc {
    if (this.card === null || cmd.slot !== 0) return this.failed(cmd, SLOT_ERROR.ICC_MUTE);
    return this.reply(cmd, RDR_TO_PC.Parameters, this.params, PROTOCOL_NUM.T1);
  }

  private setParameters(cmd: PcToRdr): RdrToPc {
    const protocol = cmd.specific[SPEC.first]!;
    const length = PARAMETER_LENGTH[protocol];
    if (length === undefined) return this.failed(cmd, HDR.specific);
    if (cmd.data.length !== length) return this.failed(cmd, HDR.dwLength);
    const offered = protocol === PROTOCOL_NUM.T0 ? PROTOCOL.T0 : PROTOCOL.T1;
    if ((this.iface.ccid.dwProtocols & offered) === 0) return this.failed(cmd, HDR.specific);
    if (this.card === null || cmd.slot !== 0) return this.failed(cmd, SLOT_ERROR.ICC_MUTE);
    // The virtual JPKI card speaks T=1 only (its ATR's TD1 says so, facts B3).
    if (protocol === PROTOCOL_NUM.T0) return this.failed(cmd, SLOT_ERROR.ICC_PROTOCOL_NOT_SUPPORTED);
    this.params = cmd.data.slice();
    return this.reply(cmd, RDR_TO_PC.Parameters, this.params, protocol);
  }

  private async runApdu(apdu: Uint8Array): Promise<Uint8Array> {
    const card = this.card;
    if (card === null) return SW_NO_DIAGNOSIS;
    let response: Uint8Array;
    try {
      response = await card.transmit(apdu);
    } catch {
      response = SW_NO_DIAGNOSIS;
    }
    this.hooks.counters.apdus++;
    this.hooks.counters.apduBytes += apdu.length + response.length;
    await this.hooks.clock.apdu(apdu.length + response.length);
    return response;
  }

  private async xfrBlock(cmd: PcToRdr): Promise<RdrToPc> {
    if (this.hooks.faults.takeCardPull()) this.remove();
    if (this.card === null || cmd.slot !== 0 || !this.powered) return this.failed(cmd, SLOT_ERROR.ICC_MUTE);
    if (this.level === FEATURE.LEVEL_TPDU && this.t1 !== null) return this.tpdu(cmd);
    if (this.level === FEATURE.LEVEL_SHORT_APDU || this.level === FEATURE.LEVEL_EXTENDED_APDU) return this.apduLevel(cmd);
    return this.failed(cmd, SLOT_ERROR.CMD_NOT_SUPPORTED);
  }

  private async tpdu(cmd: PcToRdr): Promise<RdrToPc> {
    const pps = this.ppsAllowed && cmd.data[0] === PPS.PPSS;
    this.ppsAllowed = false;
    await this.hooks.clock.link(cmd.data.length);
    const answer = pps ? this.pps(cmd.data) : await this.t1!.receive(cmd.data);
    if (answer === null) return this.failed(cmd, SLOT_ERROR.ICC_MUTE);
    await this.hooks.clock.link(answer.length);
    return this.reply(cmd, RDR_TO_PC.DataBlock, answer);
  }

  /** ISO 7816-3 §9: the card confirms a well-formed PPS by echoing it and switches to its PPS1 rate; a bad PCK gets silence. */
  private pps(request: Uint8Array): Uint8Array | null {
    if (request.length < 3 || request.length > 6 || lrc(request) !== 0) return null;
    const pps0 = request[1]!;
    if ((pps0 & PPS.PPS0_PPS1_PRESENT) !== 0 && request.length > 3) this.hooks.clock.etuMs = etuMs(request[2]!, this.iface.ccid.dwDefaultClock);
    return request.slice();
  }

  private async apduLevel(cmd: PcToRdr): Promise<RdrToPc> {
    const levelParameter = cmd.specific[SPEC.levelLow]! | (cmd.specific[SPEC.levelHigh]! << 8);
    const extended = this.level === FEATURE.LEVEL_EXTENDED_APDU;
    if (!extended || levelParameter === CHAIN.beginsAndEnds) {
      [this.chainIn, this.chainOut] = [null, null];
      return this.answer(cmd, await this.link(cmd.data));
    }
    switch (levelParameter) {
      case CHAIN.beginsContinues:
        this.chainIn = [...cmd.data];
        return this.reply(cmd, RDR_TO_PC.DataBlock, undefined, CHAIN.emptyContinue);
      case CHAIN.continuesMore:
      case CHAIN.continuesEnds: {
        if (this.chainIn === null) return this.failed(cmd, HDR.specific + SPEC.levelLow);
        this.chainIn.push(...cmd.data);
        if (levelParameter === CHAIN.continuesMore) return this.reply(cmd, RDR_TO_PC.DataBlock, undefined, CHAIN.emptyContinue);
        const apdu = Uint8Array.from(this.chainIn);
        this.chainIn = null;
        return this.answer(cmd, await this.link(apdu));
      }
      case CHAIN.emptyContinue:
        if (this.chainOut === null) return this.failed(cmd, HDR.specific + SPEC.levelLow);
        return this.answer(cmd, this.chainOut, true);
      default:
        return this.failed(cmd, HDR.specific + SPEC.levelLow);
    }
  }

  /** An APDU-level reader runs T=1 or ISO 14443-4 itself; the link carries the APDU plus about one block's framing. */
  private async link(apdu: Uint8Array): Promise<Uint8Array> {
    const response = await this.runApdu(apdu);
    await this.hooks.clock.link(apdu.length + response.length + 8);
    return response;
  }

  /** Sends a response, in bChainParameter pieces when it exceeds the message size (facts B1). */
  private answer(cmd: PcToRdr, response: Uint8Array, continuing = false): RdrToPc {
    if (response.length <= this.maxData) {
      this.chainOut = null;
      return this.reply(cmd, RDR_TO_PC.DataBlock, response, continuing ? CHAIN.continuesEnds : CHAIN.beginsAndEnds);
    }
    if (this.level !== FEATURE.LEVEL_EXTENDED_APDU) return this.failed(cmd, SLOT_ERROR.XFR_OVERRUN);
    this.chainOut = response.slice(this.maxData);
    return this.reply(cmd, RDR_TO_PC.DataBlock, response.slice(0, this.maxData), continuing ? CHAIN.continuesMore : CHAIN.beginsContinues);
  }
}
