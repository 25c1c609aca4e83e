/**
 * Port-100 chip commands (facts sony-readers.md §2.3-§2.5, §2.7): one command frame out,
 * the reader's ACK, then its response frame, whose code must be the command's + 1. A
 * response that does not come in time is cancelled with a host ACK (the kernel's
 * abort_cmd) and whatever the reader still had queued is drained before the next command,
 * so a late answer can never be taken for the next command's.
 */
import { concat } from '../../bytes';
import {
  CHIP_STATUS, CMD, COMMAND_TYPE, FRAME, IN_PROTOCOL_DEFAULTS, IN_PROTOCOL_TYPE_B, IN_SET_RF_TYPE_B,
  INCOMMRF_HEADER_LENGTH, INCOMMRF_MAX_TIMEOUT, INCOMMRF_TIMEOUT_UNIT_MS, RF, type TypeBBitRate,
} from '../../spec/index';
import { logWire } from '../../wire-log';
import type { UsbTransport } from '../usb/index';
import { Port100SequenceError, Port100StatusError, UsbTimeoutError, Port100FrameError } from './errors';
import { ACK_FRAME, decodeFrame, encodeFrame, frameLength, type Frame } from './frame';

export interface ChipTiming {
  /** Waiting for the ACK of a command, ms (felica-rs waits 1 s). */
  readonly ackTimeoutMs: number;
  /** Waiting for a response beyond the command's own RF timeout, ms. */
  readonly responseMarginMs: number;
  /** Reading stray frames after a cancel or at start, ms. */
  readonly drainMs: number;
  /** Waiting for the response of a command without an RF timeout of its own, ms. */
  readonly commandTimeoutMs: number;
}

/** What InCommRF returned: the LE32 status (0 = the card answered) and the card's bytes. */
export interface RfReply {
  readonly status: number;
  readonly data: Uint8Array;
}

/** InCommRF's timeout field (§2.7): 0.1 ms units, nfcpy's (ms + 1) × 10, capped at 6.5535 s. */
export function rfTimeoutField(ms: number): number {
  if (ms <= 0) return 0;
  return Math.min(Math.round((ms + 1) / INCOMMRF_TIMEOUT_UNIT_MS), INCOMMRF_MAX_TIMEOUT);
}

export class Port100Chip {
  private needsDrain = true;

  constructor(private readonly transport: UsbTransport, private readonly timing: ChipTiming) {}

  /** Host ACK: cancels whatever command runs (and is the soft reset nfcpy sends at start and close). */
  async ack(): Promise<void> {
    logWire('port100', '>', ACK_FRAME);
    await this.transport.send(ACK_FRAME, this.timing.ackTimeoutMs);
    this.needsDrain = true;
  }

  /** Runs one command and returns the response parameters after D7 and the response code. */
  async command(code: number, params: readonly number[] | Uint8Array, responseTimeoutMs: number = this.timing.commandTimeoutMs): Promise<Uint8Array> {
    if (this.needsDrain) await this.drain();
    try {
      return await this.exchange(code, params, responseTimeoutMs);
    } catch (e) {
      // Whatever broke (stall, timeout, a frame out of turn), the reader may still hold this command's frames.
      this.needsDrain = true;
      throw e;
    }
  }

  private async exchange(code: number, params: readonly number[] | Uint8Array, responseTimeoutMs: number): Promise<Uint8Array> {
    const out = encodeFrame(concat(Uint8Array.of(FRAME.HOST_TO_READER, code), Uint8Array.from(params)));
    logWire('port100', '>', out);
    await this.transport.send(out, this.timing.ackTimeoutMs);
    const ack = await this.read(this.timing.ackTimeoutMs);
    if (ack.kind !== 'ack') throw this.outOfTurn(code, ack, 'an ACK');
    let reply: Frame;
    try {
      reply = await this.read(responseTimeoutMs + this.timing.responseMarginMs);
    } catch (e) {
      if (e instanceof UsbTimeoutError) await this.ack().catch(() => undefined);
      throw e;
    }
    if (reply.kind !== 'data' || reply.data[0] !== FRAME.READER_TO_HOST || reply.data[1] !== code + 1) throw this.outOfTurn(code, reply, 'its response');
    return reply.data.subarray(2);
  }

  /** A command answering one status byte. */
  async statusCommand(code: number, params: readonly number[]): Promise<void> {
    const reply = await this.command(code, params);
    const status = reply[0];
    if (status !== CHIP_STATUS.SUCCESS) {
      throw new Port100StatusError(`Port-100 command 0x${code.toString(16)} failed with status ${String(status)}`, { command: code, status: status ?? -1 });
    }
  }

  /** GetCommandType, then SetCommandType 1 where the mask offers it, else 0 (the kernel's probe, §2.4). */
  async chooseCommandType(): Promise<number> {
    const mask = await this.command(CMD.GetCommandType, []);
    if (mask.length < 8) throw new Port100FrameError('GetCommandType answered fewer than 8 bytes', { reason: 'short', length: mask.length });
    // Big-endian 64-bit mask: bit n is in byte 7 − n/8.
    const offered = (mask[7]! >> COMMAND_TYPE.PREFERRED) & 1;
    const type = offered ? COMMAND_TYPE.PREFERRED : COMMAND_TYPE.FALLBACK;
    await this.statusCommand(CMD.SetCommandType, [type]);
    return type;
  }

  /** GetFirmwareVersion: LE16 BCD, `11 01` = 1.11 (§2.4 trace). */
  async firmwareVersion(): Promise<string> {
    const v = await this.command(CMD.GetFirmwareVersion, []);
    if (v.length < 2) throw new Port100FrameError('GetFirmwareVersion answered fewer than 2 bytes', { reason: 'short', length: v.length });
    return `${v[1]!.toString(16)}.${v[0]!.toString(16).padStart(2, '0')}`;
  }

  switchRf(on: boolean): Promise<void> {
    return this.statusCommand(CMD.SwitchRF, [on ? RF.ON : RF.OFF]);
  }

  /** InSetRF 106 kbit/s Type B, the protocol defaults, then the Type B entries (§2.5). */
  async configureTypeB(): Promise<void> {
    await this.setTypeBRate(106);
    await this.statusCommand(CMD.InSetProtocol, IN_PROTOCOL_DEFAULTS);
    await this.statusCommand(CMD.InSetProtocol, IN_PROTOCOL_TYPE_B);
  }

  /**
   * InSetRF alone: the Type B rate both ways (106B, 212B, 424B settings, §2.5). That the
   * InSetProtocol entries survive an InSetRF is what the kernel's driver assumes (it sends
   * framing once); for the RC-S380 at 212/424 it is UNCONFIRMED, and the reader checks the
   * card still answers after the switch.
   */
  setTypeBRate(rate: TypeBBitRate): Promise<void> {
    return this.statusCommand(CMD.InSetRF, IN_SET_RF_TYPE_B[rate]);
  }

  /** InCommRF: sends `data` (the reader adds CRC_B) and returns what the card answered within `timeoutMs`. */
  async inCommRf(data: Uint8Array, timeoutMs: number): Promise<RfReply> {
    const field = rfTimeoutField(timeoutMs);
    const reply = await this.command(CMD.InCommRF, concat(Uint8Array.of(field & 0xff, field >> 8), data), field * INCOMMRF_TIMEOUT_UNIT_MS);
    if (reply.length < 4) throw new Port100FrameError('InCommRF answered without its status', { reason: 'short', length: reply.length });
    const status = (reply[0]! | (reply[1]! << 8) | (reply[2]! << 16) | (reply[3]! << 24)) >>> 0;
    // On failure the reader may send just the status (nfcpy tests): no skipped byte, no data.
    if (status !== 0) return { status, data: new Uint8Array(0) };
    if (reply.length < INCOMMRF_HEADER_LENGTH) throw new Port100FrameError('InCommRF answered without the byte after its status', { reason: 'short', length: reply.length });
    return { status, data: reply.slice(INCOMMRF_HEADER_LENGTH) };
  }

  private async read(deadlineMs: number): Promise<Frame> {
    const raw = await this.transport.receive(frameLength, FRAME.MAX_FRAME_LENGTH + FRAME.EXTENDED_HEADER_LENGTH + FRAME.TRAILER_LENGTH, deadlineMs);
    logWire('port100', '<', raw);
    return decodeFrame(raw);
  }

  /** Drops frames the reader still holds (a late answer after a cancel, §2.4 "drain reads"). */
  private async drain(): Promise<void> {
    this.needsDrain = false;
    for (let i = 0; i < 4; i++) {
      try {
        await this.transport.receive(frameLength, FRAME.MAX_FRAME_LENGTH, this.timing.drainMs);
      } catch (e) {
        if (e instanceof UsbTimeoutError) return;
        throw e;
      }
    }
  }

  private outOfTurn(code: number, got: Frame, wanted: string): Port100SequenceError {
    this.needsDrain = true;
    const what = got.kind === 'data' ? `frame ${got.data[0]?.toString(16) ?? ''} ${got.data[1]?.toString(16) ?? ''}` : `${got.kind} frame`;
    return new Port100SequenceError(`the reader sent a ${what} where command 0x${code.toString(16)} expected ${wanted}`, { command: code, got: got.kind });
  }
}
