/**
 * The RC-S380's chip as the host sees it through Port-100 (facts §2.3-§2.7, §6): every
 * command frame is ACKed, then answered with code + 1; SetCommandType must come before RF
 * commands; InSetRF and InSetProtocol set what the field speaks, and only the 106/212/424
 * kbit/s Type B settings with SOF/EOF and CRC reach the card (anything else: status 0x80,
 * as a card that cannot decode the frame stays silent); SwitchRF off resets the card.
 */
import {
  CHIP_STATUS, CMD, COMM_STATUS, FRAME, IN_PROT, IN_SET_RF_TYPE_B, INCOMMRF_TIMEOUT_UNIT_MS, PORT100_MAX_RF_DATA, RF, type TypeBBitRate,
} from '../../spec/index';
import type { TypeBPicc } from './picc';

/** Firmware 1.11 and PD data 1.00, as the real reader in nfcpy issue 11 reports. */
const FIRMWARE = Uint8Array.of(0x11, 0x01);
const PD_DATA = Uint8Array.of(0x00, 0x01);
/** Command types 0 and 1 offered (bit n = type n), big-endian 64-bit. */
const COMMAND_TYPES = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0x03);
const TYPE_B_RATES = [106, 212, 424] as const;

export interface ChipHooks {
  /** The card in the field, or null. */
  readonly picc: () => TypeBPicc | null;
  /** One RF exchange: how the air link and the faults treat the card's answer. */
  readonly air: (frame: Uint8Array, timeoutMs: number, answer: () => Promise<Uint8Array | undefined>, rate: TypeBBitRate) => Promise<{ status: number; data?: Uint8Array }>;
}

export class VirtualChip {
  private commandType: number | undefined;
  private rf: readonly number[] = [0, 0, 0, 0];
  private readonly protocol = new Map<number, number>();
  private field = false;

  constructor(private readonly hooks: ChipHooks) {}

  get fieldOn(): boolean {
    return this.field;
  }

  /** Power cycle (unplug, USB reset): every setting is lost and the field is off. */
  reset(): void {
    this.commandType = undefined;
    this.rf = [0, 0, 0, 0];
    this.protocol.clear();
    this.setField(false);
  }

  setField(on: boolean): void {
    if (on === this.field) return;
    this.field = on;
    const picc = this.hooks.picc();
    if (on) picc?.powerUp();
    else picc?.powerDown();
  }

  /** A card put into a live field powers up at once. */
  cardArrived(): void {
    if (this.field) this.hooks.picc()?.powerUp();
  }

  /** The response DATA (D7, code + 1, params) to one command's DATA. */
  async run(data: Uint8Array): Promise<Uint8Array> {
    const code = data[1] ?? 0xff;
    const params = data.subarray(2);
    const reply = (...bytes: number[]): Uint8Array => Uint8Array.of(FRAME.READER_TO_HOST, code + 1, ...bytes);
    const needsType = code === CMD.InSetRF || code === CMD.InSetProtocol || code === CMD.InCommRF || code === CMD.SwitchRF;
    if (needsType && this.commandType === undefined) return reply(CHIP_STATUS.COMMANDTYPE_ERROR);
    switch (code) {
      case CMD.GetCommandType: return reply(...COMMAND_TYPES);
      case CMD.SetCommandType:
        if (params[0] !== 0 && params[0] !== 1) return reply(CHIP_STATUS.PARAMETER_ERROR);
        this.commandType = params[0];
        return reply(CHIP_STATUS.SUCCESS);
      case CMD.GetFirmwareVersion: return reply(...FIRMWARE);
      case CMD.GetPDDataVersion: return reply(...PD_DATA);
      case CMD.SwitchRF:
        if (params[0] !== RF.ON && params[0] !== RF.OFF) return reply(CHIP_STATUS.PARAMETER_ERROR);
        this.setField(params[0] === RF.ON);
        return reply(CHIP_STATUS.SUCCESS);
      case CMD.InSetRF:
        if (params.length !== 4) return reply(CHIP_STATUS.PARAMETER_ERROR);
        this.rf = [...params];
        return reply(CHIP_STATUS.SUCCESS);
      case CMD.InSetProtocol:
        for (let i = 0; i + 1 < params.length; i += 2) {
          if (params[i]! > IN_PROT.GUARD_TIME) return reply(CHIP_STATUS.PARAMETER_ERROR);
          this.protocol.set(params[i]!, params[i + 1]!);
        }
        return reply(CHIP_STATUS.SUCCESS);
      case CMD.InCommRF: return this.inCommRf(params, reply);
      default: return reply(CHIP_STATUS.PARAMETER_ERROR);
    }
  }

  /** The Type B rate InSetRF set, if it set one. */
  private get typeBRate(): TypeBBitRate | undefined {
    return TYPE_B_RATES.find((r) => IN_SET_RF_TYPE_B[r].every((b, i) => this.rf[i] === b));
  }

  /** Whether the field speaks Type B: a Type B rate, SOF/EOF added and checked, CRC added and checked. */
  private speaksTypeB(): boolean {
    const on = (k: number): boolean => this.protocol.get(k) === 1;
    return this.typeBRate !== undefined && on(IN_PROT.ADD_SOF) && on(IN_PROT.CHECK_SOF) && on(IN_PROT.ADD_EOF) && on(IN_PROT.CHECK_EOF) && on(IN_PROT.ADD_CRC) && on(IN_PROT.CHECK_CRC);
  }

  private async inCommRf(params: Uint8Array, reply: (...b: number[]) => Uint8Array): Promise<Uint8Array> {
    const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    if (params.length < 2 || params.length - 2 > PORT100_MAX_RF_DATA) return reply(...le32(COMM_STATUS.RECEIVE_LENGTH_ERROR));
    const timeoutMs = (params[0]! | (params[1]! << 8)) * INCOMMRF_TIMEOUT_UNIT_MS;
    const frame = params.slice(2);
    // InCommRF switches the field on by itself (facts §2.4, nfcpy I141).
    this.setField(true);
    const picc = this.hooks.picc();
    const rate = this.typeBRate ?? 106;
    const answer = async (): Promise<Uint8Array | undefined> => (picc && this.speaksTypeB() ? picc.receive(frame, rate) : undefined);
    const result = await this.hooks.air(frame, timeoutMs, answer, rate);
    if (result.status !== 0 || !result.data) return reply(...le32(result.status || COMM_STATUS.RECEIVE_TIMEOUT));
    // The byte after the status: nfcpy's fixtures carry 08; both drivers skip it.
    return reply(...le32(0), 0x08, ...result.data);
  }
}
