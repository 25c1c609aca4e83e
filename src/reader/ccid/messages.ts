/**
 * CCID bulk and interrupt messages (facts B1): the ONE encoder of the 10-byte
 * PC_to_RDR header, the ONE decoder of every RDR_to_PC reply and the interrupt
 * message decoder (STYLE §2). Numbers come from spec.ts only.
 */
import {
  CCID_HEADER_LENGTH,
  COMMAND_STATUS,
  HDR,
  ICC_STATUS,
  INTERRUPT,
  PC_TO_RDR,
  POWER_SELECT,
  RDR_TO_PC,
  SLOT_ICC_STATE,
} from '../../spec/index';
import { ReaderFramingError } from './errors';
import type { SlotState } from './types';

/** A PC_to_RDR message before bSlot/bSeq are assigned. */
export interface Command {
  readonly type: number;
  /** Header bytes 7..9 (bPowerSelect, bBWI + wLevelParameter, bProtocolNum...). */
  readonly specific: readonly [number, number, number];
  readonly data: Uint8Array;
}

export function encodeCommand(command: Command, slot: number, seq: number): Uint8Array {
  const out = new Uint8Array(CCID_HEADER_LENGTH + command.data.length);
  const view = new DataView(out.buffer);
  out[HDR.bMessageType] = command.type;
  view.setUint32(HDR.dwLength, command.data.length, true);
  out[HDR.bSlot] = slot;
  out[HDR.bSeq] = seq & 0xff;
  out.set(command.specific, HDR.specific);
  out.set(command.data, CCID_HEADER_LENGTH);
  return out;
}

const EMPTY = new Uint8Array(0);
const none = (type: number, data: Uint8Array = EMPTY): Command => ({ type, specific: [0, 0, 0], data });

/** The commands the driver sends, each with the spec's field names. */
export const COMMANDS = Object.freeze({
  iccPowerOn: (bPowerSelect: number = POWER_SELECT.auto): Command => ({
    type: PC_TO_RDR.IccPowerOn,
    specific: [bPowerSelect, 0, 0],
    data: EMPTY,
  }),
  iccPowerOff: (): Command => none(PC_TO_RDR.IccPowerOff),
  getSlotStatus: (): Command => none(PC_TO_RDR.GetSlotStatus),
  xfrBlock: (data: Uint8Array, bBWI = 0, wLevelParameter = 0): Command => ({
    type: PC_TO_RDR.XfrBlock,
    specific: [bBWI, wLevelParameter & 0xff, wLevelParameter >> 8],
    data,
  }),
  getParameters: (): Command => none(PC_TO_RDR.GetParameters),
  setParameters: (bProtocolNum: number, data: Uint8Array): Command => ({
    type: PC_TO_RDR.SetParameters,
    specific: [bProtocolNum, 0, 0],
    data,
  }),
  abort: (): Command => none(PC_TO_RDR.Abort),
});

export type CommandStatus = 'ok' | 'failed' | 'time-extension';

export interface Reply {
  readonly type: number;
  readonly slot: number;
  readonly seq: number;
  readonly bStatus: number;
  readonly bError: number;
  /** Byte 9: bChainParameter, bClockStatus or bProtocolNum by type. */
  readonly specific: number;
  readonly commandStatus: CommandStatus;
  readonly iccStatus: SlotState;
  readonly data: Uint8Array;
}

const REPLY_TYPES: ReadonlySet<number> = new Set(Object.values(RDR_TO_PC));

/**
 * 10 + dwLength once the header is in; undefined while it is not; null when the first
 * byte is no RDR_to_PC type, i.e. stray bytes a reader left after an earlier message.
 */
export function replyLength(head: Uint8Array): number | null | undefined {
  if (head.length > 0 && !REPLY_TYPES.has(head[0]!)) return null;
  if (head.length < CCID_HEADER_LENGTH) return undefined;
  return CCID_HEADER_LENGTH + new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(HDR.dwLength, true);
}

/**
 * Decodes one RDR_to_PC message. Bytes beyond 10 + dwLength are ignored: some readers
 * pad with zeros (facts B4, CCID #66). `maxLength` bounds dwLength to what the reader
 * declared, so a hostile length cannot make us wait for gigabytes.
 */
export function decodeReply(bytes: Uint8Array, maxLength = Number.MAX_SAFE_INTEGER): Reply {
  if (bytes.length < CCID_HEADER_LENGTH) {
    throw new ReaderFramingError(`reply of ${bytes.length} bytes is shorter than the CCID header`, { reason: 'short', length: bytes.length });
  }
  const type = bytes[HDR.bMessageType]!;
  if (!REPLY_TYPES.has(type)) {
    throw new ReaderFramingError(`0x${type.toString(16)} is not an RDR_to_PC message type`, { reason: 'bad-type', type });
  }
  const total = CCID_HEADER_LENGTH + new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(HDR.dwLength, true);
  if (total > maxLength) {
    throw new ReaderFramingError(`dwLength ${total - CCID_HEADER_LENGTH} exceeds the reader's message size`, { reason: 'too-long', total, maxLength });
  }
  if (bytes.length < total) {
    throw new ReaderFramingError(`reply has ${bytes.length} bytes, dwLength says ${total}`, { reason: 'truncated', total, length: bytes.length });
  }
  const bStatus = bytes[HDR.bStatus]!;
  const cs = bStatus & COMMAND_STATUS.mask;
  const icc = bStatus & ICC_STATUS.mask;
  if (cs === COMMAND_STATUS.mask || icc === ICC_STATUS.mask) {
    throw new ReaderFramingError(`bStatus 0x${bStatus.toString(16)} uses an RFU value`, { reason: 'bad-status', bStatus });
  }
  return Object.freeze({
    type,
    slot: bytes[HDR.bSlot]!,
    seq: bytes[HDR.bSeq]!,
    bStatus,
    bError: bytes[HDR.bError]!,
    specific: bytes[HDR.bChainParameter]!,
    commandStatus: cs === COMMAND_STATUS.ok ? 'ok' : cs === COMMAND_STATUS.failed ? 'failed' : 'time-extension',
    iccStatus: icc === ICC_STATUS.activeCard ? 'active' : icc === ICC_STATUS.inactiveCard ? 'inactive' : 'absent',
    data: bytes.slice(CCID_HEADER_LENGTH, total),
  });
}

export type InterruptMessage =
  | { readonly kind: 'slot-change'; readonly slots: readonly { present: boolean; changed: boolean }[] }
  | { readonly kind: 'hardware-error'; readonly slot: number; readonly seq: number; readonly code: number };

/** Interrupt-IN messages (facts B1): NotifySlotChange 0x50 (2 bits per slot), HardwareError 0x51. */
export function decodeInterrupt(bytes: Uint8Array): InterruptMessage {
  if (bytes[0] === INTERRUPT.NotifySlotChange && bytes.length >= 2) {
    const slots: { present: boolean; changed: boolean }[] = [];
    for (let i = 1; i < bytes.length; i++) {
      for (let s = 0; s < 8 / SLOT_ICC_STATE.bitsPerSlot; s++) {
        const bits = (bytes[i]! >> (s * SLOT_ICC_STATE.bitsPerSlot)) & SLOT_ICC_STATE.mask;
        slots.push({ present: (bits & SLOT_ICC_STATE.present) !== 0, changed: (bits & SLOT_ICC_STATE.changed) !== 0 });
      }
    }
    return { kind: 'slot-change', slots };
  }
  if (bytes[0] === INTERRUPT.HardwareError && bytes.length >= 4) {
    return { kind: 'hardware-error', slot: bytes[1]!, seq: bytes[2]!, code: bytes[3]! };
  }
  throw new ReaderFramingError('unknown or short interrupt message', { reason: 'bad-interrupt', length: bytes.length });
}
