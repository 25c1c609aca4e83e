/**
 * The CCID command level for one slot: bSeq management, one command at a time,
 * stale-reply discarding (bounded), time extensions honoured without resending,
 * bError mapped to typed errors, and recovery after a timeout (facts B1, B4).
 */
import { CONFIG } from '../../config';
import { logWire } from '../../wire-log';
import { CLASS_REQUEST, PC_TO_RDR, RDR_TO_PC, SLOT_ERROR } from '../../spec/index';
import { COMMANDS, decodeReply, encodeCommand, replyLength, type Command, type Reply } from './messages';
import {
  CardMuteError,
  NoCardError,
  ReaderCommandError,
  ReaderDisconnectedError,
  ReaderFramingError,
  ReaderHardwareError,
  ReaderTimeoutError,
  SlotBusyError,
} from './errors';
import type { UsbTransport } from '../usb/index';

export interface SlotTiming {
  readonly commandTimeoutMs: number;
  readonly controlTimeoutMs: number;
  readonly maxStaleReplies: number;
  readonly maxTimeExtensionFactor: number;
}

export const DEFAULT_SLOT_TIMING: SlotTiming = Object.freeze({
  commandTimeoutMs: CONFIG.reader.commandTimeoutMs,
  controlTimeoutMs: CONFIG.reader.controlTimeoutMs,
  maxStaleReplies: CONFIG.reader.maxStaleReplies,
  maxTimeExtensionFactor: CONFIG.reader.maxTimeExtensionFactor,
});

const ERROR_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(SLOT_ERROR).map(([name, value]) => [value, name]),
);

/** bError → typed error (facts B1). bmICCStatus 2 wins: libccid reports "no card" then. */
function slotError(reply: Reply): Error {
  const details = { bError: reply.bError, bStatus: reply.bStatus, error: ERROR_NAMES[reply.bError] ?? 'vendor' };
  if (reply.iccStatus === 'absent') return new NoCardError('there is no card in the reader', details);
  switch (reply.bError) {
    case SLOT_ERROR.ICC_MUTE:
      return new CardMuteError('the card in the reader does not answer', details);
    case SLOT_ERROR.HW_ERROR:
      return new ReaderHardwareError('the reader reported a hardware error; remove and reinsert the card', details);
    case SLOT_ERROR.CMD_SLOT_BUSY:
      return new SlotBusyError('the reader slot is busy with another command', details);
    default:
      return new ReaderCommandError(`the reader failed the command (bError 0x${reply.bError.toString(16).padStart(2, '0')}, ${details.error})`, details);
  }
}

export interface RunOptions {
  readonly timeoutMs?: number;
  /** Return a failed reply instead of throwing (GetSlotStatus with no card is an answer, not an error). */
  readonly allowFailure?: boolean;
}

const EXPECTED_REPLY: Readonly<Record<number, number>> = {
  [PC_TO_RDR.IccPowerOn]: RDR_TO_PC.DataBlock,
  [PC_TO_RDR.XfrBlock]: RDR_TO_PC.DataBlock,
  [PC_TO_RDR.Secure]: RDR_TO_PC.DataBlock,
  [PC_TO_RDR.IccPowerOff]: RDR_TO_PC.SlotStatus,
  [PC_TO_RDR.GetSlotStatus]: RDR_TO_PC.SlotStatus,
  [PC_TO_RDR.Abort]: RDR_TO_PC.SlotStatus,
  [PC_TO_RDR.IccClock]: RDR_TO_PC.SlotStatus,
  [PC_TO_RDR.T0APDU]: RDR_TO_PC.SlotStatus,
  [PC_TO_RDR.Mechanical]: RDR_TO_PC.SlotStatus,
  [PC_TO_RDR.SetParameters]: RDR_TO_PC.Parameters,
  [PC_TO_RDR.GetParameters]: RDR_TO_PC.Parameters,
  [PC_TO_RDR.ResetParameters]: RDR_TO_PC.Parameters,
  [PC_TO_RDR.Escape]: RDR_TO_PC.Escape,
  [PC_TO_RDR.SetDataRateAndClockFrequency]: RDR_TO_PC.DataRateAndClockFrequency,
};

/** The host side of one CCID slot: sends PC_to_RDR messages and matches their RDR_to_PC replies (driver side; the reader's own slot is VirtualSlot). */
export class SlotChannel {
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: UsbTransport,
    readonly slot: number,
    private readonly maxMessageLength: number,
    readonly timing: SlotTiming = DEFAULT_SLOT_TIMING,
  ) {}

  /** Sends one command and returns its reply; commands on a slot never overlap. */
  run(command: Command, options: RunOptions = {}): Promise<Reply> {
    const next = this.queue.then(() => this.exchange(command, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private nextSeq(): number {
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    return seq;
  }

  private async exchange(command: Command, options: RunOptions): Promise<Reply> {
    const seq = this.nextSeq();
    const frame = encodeCommand(command, this.slot, seq);
    logWire('ccid', '>', frame);
    const timeoutMs = options.timeoutMs ?? this.timing.commandTimeoutMs;
    try {
      await this.transport.send(frame, timeoutMs);
      const reply = await this.awaitReply(seq, command.type, timeoutMs);
      if (reply.commandStatus === 'failed' && !options.allowFailure) throw slotError(reply);
      return reply;
    } catch (e) {
      if (e instanceof ReaderTimeoutError) await this.recover();
      throw e;
    }
  }

  /** Reads until the reply to `seq` arrives, skipping stale frames and waiting out time extensions. */
  private async awaitReply(seq: number, type: number, timeoutMs: number): Promise<Reply> {
    let stale = 0;
    let wait = timeoutMs;
    const giveUpAt = Date.now() + timeoutMs * this.timing.maxTimeExtensionFactor;
    for (;;) {
      const raw = await this.transport.receive(replyLength, this.maxMessageLength, wait);
      const reply = decodeReply(raw, this.maxMessageLength);
      logWire('ccid', '<', raw.subarray(0, replyLength(raw) ?? raw.length));
      if (reply.seq !== seq || reply.slot !== this.slot) {
        // A late answer to a command we gave up on, or another host's (facts B4).
        if (++stale > this.timing.maxStaleReplies) {
          throw new ReaderFramingError(`gave up after ${stale - 1} replies with the wrong bSeq or slot`, { reason: 'stale-replies', seq });
        }
        continue;
      }
      if (reply.type !== EXPECTED_REPLY[type]) {
        throw new ReaderFramingError(`reply type 0x${reply.type.toString(16)} does not answer command 0x${type.toString(16)}`, { reason: 'wrong-reply-type', type: reply.type });
      }
      if (reply.commandStatus !== 'time-extension') return reply;
      // CCID 6.2.6 / libccid: bError is a BWT multiplier; keep reading the same bSeq, never resend.
      const remaining = giveUpAt - Date.now();
      if (remaining <= 0) {
        throw new ReaderTimeoutError(`the card kept asking for more time beyond ${timeoutMs * this.timing.maxTimeExtensionFactor} ms`, { reason: 'time-extension-limit', timeoutMs });
      }
      wait = Math.min(remaining, timeoutMs * Math.max(1, reply.bError));
    }
  }

  /**
   * After a timeout: cancel the hung transfer (release + claim), then the CCID abort
   * sequence — class ABORT request and bulk Abort with the same bSeq (facts B1) — so the
   * reader drops what it was doing. Best effort except for a disconnect.
   */
  private async recover(): Promise<void> {
    const ms = this.timing.controlTimeoutMs;
    try {
      await this.transport.recover(ms);
      const seq = this.nextSeq();
      await this.transport.classRequestOut(CLASS_REQUEST.ABORT, (seq << 8) | this.slot, ms).catch(() => undefined);
      const frame = encodeCommand(COMMANDS.abort(), this.slot, seq);
      logWire('ccid', '>', frame);
      await this.transport.send(frame, ms);
      await this.awaitReply(seq, COMMANDS.abort().type, ms);
    } catch (e) {
      if (e instanceof ReaderDisconnectedError) throw e;
      // The reader may not implement Abort; stale replies are still skipped by bSeq.
      if (e instanceof ReaderTimeoutError) await this.transport.recover(ms).catch(() => undefined);
    }
  }
}
