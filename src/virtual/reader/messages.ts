/**
 * The reader side of the CCID bulk messages (facts B1), written once: a strict parser
 * for PC_to_RDR and one builder for every RDR_to_PC reply. A malformed command is not
 * an exception: it becomes the reply a reader owes (bmCommandStatus failed, bError =
 * offset of the offending header byte, facts B1), so random bytes can never
 * throw out of transferOut.
 */
import {
  CCID_HEADER_LENGTH, COMMAND_STATUS, HDR, ICC_STATUS, PC_TO_RDR, RDR_TO_PC, SLOT_ERROR,
} from '../../spec/index';

export interface PcToRdr {
  readonly type: number;
  readonly slot: number;
  readonly seq: number;
  /** Bytes 7..9, message-specific (bPowerSelect; bBWI + wLevelParameter; bProtocolNum). */
  readonly specific: Uint8Array;
  readonly data: Uint8Array;
}

export interface RdrToPc {
  readonly type: number;
  readonly slot: number;
  readonly seq: number;
  readonly iccStatus: number;
  readonly commandStatus: number;
  readonly error: number;
  readonly specific: number;
  readonly data?: Uint8Array;
}

/** Which reply type answers each command (B1 table); unknown types get SlotStatus. */
function replyTypeFor(type: number): number {
  switch (type) {
    case PC_TO_RDR.IccPowerOn: case PC_TO_RDR.XfrBlock: case PC_TO_RDR.Secure: return RDR_TO_PC.DataBlock;
    case PC_TO_RDR.GetParameters: case PC_TO_RDR.ResetParameters: case PC_TO_RDR.SetParameters: return RDR_TO_PC.Parameters;
    case PC_TO_RDR.Escape: return RDR_TO_PC.Escape;
    case PC_TO_RDR.SetDataRateAndClockFrequency: return RDR_TO_PC.DataRateAndClockFrequency;
    default: return RDR_TO_PC.SlotStatus;
  }
}

export function encodeReply(r: RdrToPc): Uint8Array {
  const data = r.data ?? new Uint8Array(0);
  const out = new Uint8Array(CCID_HEADER_LENGTH + data.length);
  const view = new DataView(out.buffer);
  out[HDR.bMessageType] = r.type;
  view.setUint32(HDR.dwLength, data.length, true);
  out[HDR.bSlot] = r.slot;
  out[HDR.bSeq] = r.seq;
  out[HDR.bStatus] = (r.commandStatus & COMMAND_STATUS.mask) | (r.iccStatus & ICC_STATUS.mask);
  out[HDR.bError] = r.error;
  out[HDR.bChainParameter] = r.specific;
  out.set(data, CCID_HEADER_LENGTH);
  return out;
}

/** A failed reply to `cmd` with the given bError. */
export function failure(cmd: Pick<PcToRdr, 'type' | 'slot' | 'seq'>, iccStatus: number, error: number): RdrToPc {
  return { type: replyTypeFor(cmd.type), slot: cmd.slot, seq: cmd.seq, iccStatus, commandStatus: COMMAND_STATUS.failed, error, specific: 0 };
}

export type ParseResult =
  | { readonly ok: true; readonly message: PcToRdr }
  /** `partial`: the transfer ended on a packet boundary with fewer bytes than dwLength promises; wait for more. */
  | { readonly ok: false; readonly partial: true }
  | { readonly ok: false; readonly partial: false; readonly reply: RdrToPc };

const KNOWN_TYPES = new Set<number>(Object.values(PC_TO_RDR));

/**
 * Parses one command from the bytes received so far. `endedOnPacketBoundary` says the
 * last USB packet was full, so a short message may continue (USB 2.0: a bulk transfer
 * ends with a short packet).
 */
export function parsePcToRdr(bytes: Uint8Array, maxMessageLength: number, maxSlotIndex: number,
  endedOnPacketBoundary: boolean, slotIccStatus: (slot: number) => number): ParseResult {
  const seq = bytes[HDR.bSeq] ?? 0;
  const slot = bytes[HDR.bSlot] ?? 0;
  const type = bytes[HDR.bMessageType] ?? 0;
  const fail = (offset: number): ParseResult => ({
    ok: false, partial: false, reply: failure({ type, slot, seq }, slot > maxSlotIndex ? ICC_STATUS.noCard : slotIccStatus(slot), offset),
  });
  if (bytes.length < CCID_HEADER_LENGTH) {
    if (endedOnPacketBoundary && bytes.length > 0) return { ok: false, partial: true };
    return fail(HDR.dwLength);
  }
  const dwLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(HDR.dwLength, true);
  const total = CCID_HEADER_LENGTH + dwLength;
  if (!KNOWN_TYPES.has(type)) return fail(SLOT_ERROR.CMD_NOT_SUPPORTED);
  if (dwLength > maxMessageLength - CCID_HEADER_LENGTH) return fail(HDR.dwLength);
  if (bytes.length < total && endedOnPacketBoundary) return { ok: false, partial: true };
  if (bytes.length !== total) return fail(HDR.dwLength);
  if (slot > maxSlotIndex) return fail(HDR.bSlot);
  return {
    ok: true,
    message: { type, slot, seq, specific: bytes.slice(HDR.specific, CCID_HEADER_LENGTH), data: bytes.slice(CCID_HEADER_LENGTH, total) },
  };
}
