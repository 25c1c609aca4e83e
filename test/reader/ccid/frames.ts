/**
 * TEST helper: builds the bytes a CCID driver must send and a reader sends back,
 * computing headers, lengths, LRC and CRC itself — never with the encoder under test
 * (STYLE §18). Hex is written spaced by field: `h('6F', '05000000', '00', '01', '00 0000')`.
 */
import { fromHex, hex } from '../../../src/bytes';

/** Joins hex fields (each may contain spaces) into bytes. */
export function h(...fields: string[]): Uint8Array {
  return fromHex(fields.join(''));
}

function le32(n: number): string {
  return [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff].map((b) => b.toString(16).padStart(2, '0')).join('');
}
function byte(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}

/** PC_to_RDR: bMessageType dwLength bSlot bSeq [3 specific] abData. */
export function out(type: number, seq: number, specific: string, data: Uint8Array | string = '', slot = 0): Uint8Array {
  const body = typeof data === 'string' ? fromHex(data) : data;
  return h(byte(type), le32(body.length), byte(slot), byte(seq), specific, hex(body));
}

/** RDR_to_PC: type dwLength bSlot bSeq bStatus bError specific abData. */
export function reply(type: number, seq: number, bStatus: number, bError: number, specific: number, data: Uint8Array | string = '', slot = 0): Uint8Array {
  const body = typeof data === 'string' ? fromHex(data) : data;
  return h(byte(type), le32(body.length), byte(slot), byte(seq), byte(bStatus), byte(bError), byte(specific), hex(body));
}

export const MSG = {
  IccPowerOn: 0x62,
  IccPowerOff: 0x63,
  GetSlotStatus: 0x65,
  XfrBlock: 0x6f,
  GetParameters: 0x6c,
  SetParameters: 0x61,
  Abort: 0x72,
  DataBlock: 0x80,
  SlotStatus: 0x81,
  Parameters: 0x82,
} as const;

export const dataBlock = (seq: number, data: Uint8Array | string = '', chain = 0, bStatus = 0x00) => reply(MSG.DataBlock, seq, bStatus, 0, chain, data);
export const slotStatus = (seq: number, bStatus = 0x00, bError = 0) => reply(MSG.SlotStatus, seq, bStatus, bError, 0);
export const failed = (type: number, seq: number, bError: number, icc = 0) => reply(type, seq, 0x40 | icc, bError, 0);
export const xfr = (seq: number, data: Uint8Array | string, bBWI = 0, wLevel = 0) =>
  out(MSG.XfrBlock, seq, byte(bBWI) + byte(wLevel & 0xff) + byte(wLevel >> 8), data);

/** T=1 block: NAD PCB LEN INF + LRC (XOR) or CRC. */
export function block(pcb: number, inf: Uint8Array | string = '', edc: 'lrc' | 'crc' = 'lrc', nad = 0): Uint8Array {
  const body = typeof inf === 'string' ? fromHex(inf) : inf;
  const head = [nad, pcb, body.length, ...body];
  if (edc === 'lrc') return Uint8Array.from([...head, head.reduce((a, b) => a ^ b, 0)]);
  const c = crcTable(head);
  return Uint8Array.from([...head, c >> 8, c & 0xff]);
}

/** CRC-16 with the reflected 0x8408 table, init FFFF, written as a table lookup (independent of the driver's loop). */
const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
  return c;
});
function crcTable(bytes: number[]): number {
  let c = 0xffff;
  for (const b of bytes) c = (c >>> 8) ^ TABLE[(c ^ b) & 0xff]!;
  return c;
}

/** Assembles a 54-byte CCID class descriptor from named fields, offsets from the CCID spec table. */
export function ccidDescriptor(f: {
  bcdCCID?: number;
  bMaxSlotIndex?: number;
  bVoltageSupport?: number;
  dwProtocols: number;
  dwDefaultClock?: number;
  dwMaximumClock?: number;
  dwDataRate?: number;
  dwMaxDataRate?: number;
  dwMaxIFSD: number;
  dwFeatures: number;
  dwMaxCCIDMessageLength: number;
  bClassGetResponse?: number;
  bClassEnvelope?: number;
  bPINSupport?: number;
  bMaxCCIDBusySlots?: number;
  bNumClockSupported?: number;
  bNumDataRatesSupported?: number;
  dwSynchProtocols?: number;
  dwMechanical?: number;
  wLcdLayout?: number;
}): Uint8Array {
  return h(
    '36 21',
    byte(f.bcdCCID ?? 0x0110) + byte((f.bcdCCID ?? 0x0110) >> 8),
    byte(f.bMaxSlotIndex ?? 0),
    byte(f.bVoltageSupport ?? 7),
    le32(f.dwProtocols),
    le32(f.dwDefaultClock ?? 4800),
    le32(f.dwMaximumClock ?? 8000),
    byte(f.bNumClockSupported ?? 0),
    le32(f.dwDataRate ?? 12903),
    le32(f.dwMaxDataRate ?? 412903),
    byte(f.bNumDataRatesSupported ?? 0),
    le32(f.dwMaxIFSD),
    le32(f.dwSynchProtocols ?? 0),
    le32(f.dwMechanical ?? 0),
    le32(f.dwFeatures),
    le32(f.dwMaxCCIDMessageLength),
    byte(f.bClassGetResponse ?? 0xff),
    byte(f.bClassEnvelope ?? 0xff),
    byte(f.wLcdLayout ?? 0) + byte((f.wLcdLayout ?? 0) >> 8),
    byte(f.bPINSupport ?? 0),
    byte(f.bMaxCCIDBusySlots ?? 1),
  );
}

/** A configuration descriptor with one interface: CCID descriptor, then bulk-OUT 0x01, bulk-IN 0x82, interrupt-IN 0x83. */
export function configurationDescriptor(interfaceClass: number, ccid: Uint8Array, opts: { interrupt?: boolean; packetSize?: number } = {}): Uint8Array {
  const ps = opts.packetSize ?? 64;
  const eps = [
    h('07 05 01 02', byte(ps) + byte(ps >> 8), '00'),
    h('07 05 82 02', byte(ps) + byte(ps >> 8), '00'),
    ...(opts.interrupt === false ? [] : [h('07 05 83 03 08 00 10')]),
  ];
  const iface = h('09 04 00 00', byte(eps.length), byte(interfaceClass), '00 00 00');
  const total = 9 + iface.length + ccid.length + eps.reduce((n, e) => n + e.length, 0);
  const config = h('09 02', byte(total) + byte(total >> 8), '01 01 00 80 32');
  return Uint8Array.from([...config, ...iface, ...ccid, ...eps.flatMap((e) => [...e])]);
}
