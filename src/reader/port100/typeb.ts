/**
 * ISO 14443-3 Type B activation over InCommRF (facts sony-readers.md §2.6, §3.1): REQB →
 * ATQB (PUPI, application data, protocol info), ATTRIB with our FSDI and CID 0, HLTB for a
 * card we found but could not activate. Also the PC/SC pseudo-ATR a Type B card gets (PC/SC
 * part 3), which is what powerOn answers: it carries the card's ATQB fields, never its PUPI.
 */
import { concat } from '../../bytes';
import { COMM_STATUS, TYPE_B, attribSpeedBits, frameSizeOf, fwtMs, type TypeBBitRate } from '../../spec/index';
import type { RfReply } from './chip';
import { NoCardInFieldError, TypeBActivationError } from './errors';

export interface Atqb {
  /** Pseudo-unique PICC identifier: random per activation on the My Number Card (§3.1), never an identity. */
  readonly pupi: Uint8Array;
  readonly applicationData: Uint8Array;
  readonly protocolInfo: Uint8Array;
  /** Protocol info byte 1: the bit rates the card offers each way (§3.1: B3 = 212 and 424 both ways). */
  readonly bitRateCapability: number;
  /** Largest frame the card accepts (FSCI), bytes including PCB and CRC_B. */
  readonly fsc: number;
  readonly fwi: number;
  readonly fwtMs: number;
  readonly cidSupported: boolean;
  readonly nadSupported: boolean;
}

export type RfLink = (data: Uint8Array, timeoutMs: number) => Promise<RfReply>;

/** REQB, one slot, extended ATQB allowed, every application family (nfcpy, aruneko: 05 00 10). */
export const REQB: Uint8Array = Uint8Array.of(TYPE_B.APF, TYPE_B.AFI_ALL, TYPE_B.PARAM_EXTENDED_ATQB);

export function parseAtqb(bytes: Uint8Array): Atqb {
  if ((bytes.length !== TYPE_B.ATQB_LENGTH && bytes.length !== TYPE_B.ATQB_EXTENDED_LENGTH) || bytes[0] !== TYPE_B.ATQB) {
    throw new TypeBActivationError(`not an ATQB (${bytes.length} bytes)`, { reason: 'atqb', length: bytes.length });
  }
  const protocolInfo = bytes.slice(9, bytes.length);
  const [, type, fwiByte] = [protocolInfo[0]!, protocolInfo[1]!, protocolInfo[2]!];
  // The kernel's checks (KDIG): ISO 14443-4 compliant, and b4 of the protocol type zero.
  if ((type & TYPE_B.PROTOCOL_TYPE_ISO14443_4) === 0 || (type & TYPE_B.PROTOCOL_TYPE_MUST_BE_ZERO) !== 0) {
    throw new TypeBActivationError('the card is not an ISO 14443-4 card', { reason: 'not-iso-dep', protocolType: type });
  }
  const fwi = fwiByte >> 4;
  return {
    pupi: bytes.slice(1, 5),
    applicationData: bytes.slice(5, 9),
    protocolInfo,
    bitRateCapability: protocolInfo[0]!,
    fsc: frameSizeOf(type >> 4),
    fwi,
    fwtMs: fwtMs(fwi),
    cidSupported: (fwiByte & TYPE_B.FO_CID) !== 0,
    nadSupported: (fwiByte & TYPE_B.FO_NAD) !== 0,
  };
}

/** ATTRIB (§2.6): PUPI, default TR0/TR1 with SOF/EOF, the rate for what follows (106 unless asked) with our FSDI, ISO 14443-4, CID 0. */
export function attribCommand(pupi: Uint8Array, fsdi: number, rate: TypeBBitRate = 106): Uint8Array {
  const param2 = TYPE_B.ATTRIB_PARAM2_106 | attribSpeedBits(rate) | fsdi;
  return concat(Uint8Array.of(TYPE_B.ATTRIB), pupi, Uint8Array.of(TYPE_B.ATTRIB_PARAM1_DEFAULT, param2, TYPE_B.PROTOCOL_TYPE_ISO14443_4, 0x00));
}

/** Whether an InCommRF failure means "nobody answered" (no card, or a card that ignored the command). */
export function isSilence(status: number): boolean {
  return (status & (COMM_STATUS.RECEIVE_TIMEOUT | COMM_STATUS.TRANSMIT_TIMEOUT)) !== 0;
}

/** REQB until a valid ATQB; silence is "no card" (NoCardInFieldError). */
export async function requestB(link: RfLink, timeoutMs: number): Promise<Atqb> {
  const reply = await link(REQB, timeoutMs);
  if (reply.status !== 0) {
    if (isSilence(reply.status)) throw new NoCardInFieldError('no card answered in the field', { status: reply.status });
    // A collision or damaged ATQB: a card is there but the answer cannot be used.
    throw new TypeBActivationError('the ATQB arrived damaged', { reason: 'atqb-damaged', status: reply.status });
  }
  return parseAtqb(reply.data);
}

/** ATTRIB; returns the answer's MBLI (high nibble) after checking the CID nibble is ours (0). */
export async function attrib(link: RfLink, atqb: Atqb, fsdi: number, rate: TypeBBitRate, timeoutMs: number): Promise<number> {
  const reply = await link(attribCommand(atqb.pupi, fsdi, rate), timeoutMs);
  if (reply.status !== 0 || reply.data.length < 1) {
    throw new TypeBActivationError('the card did not answer ATTRIB', { reason: 'attrib', status: reply.status });
  }
  const answer = reply.data[0]!;
  if ((answer & 0x0f) !== 0) throw new TypeBActivationError('the card answered ATTRIB with another CID', { reason: 'attrib-cid', answer });
  return answer >> 4;
}

/** HLTB: puts a card we will not use to sleep; its failure changes nothing (RF off follows). */
export async function haltB(link: RfLink, pupi: Uint8Array, timeoutMs: number): Promise<void> {
  await link(concat(Uint8Array.of(TYPE_B.HLTB), pupi), timeoutMs).catch(() => undefined);
}

/** PC/SC part 3 pseudo-ATR of a Type B card: 3B 88 80 01, AppData, ProtInfo, MBLI, TCK. */
export function pseudoAtr(atqb: Atqb, mbli: number): Uint8Array {
  const body = concat(Uint8Array.of(0x88, 0x80, 0x01), atqb.applicationData, atqb.protocolInfo.subarray(0, 3), Uint8Array.of(mbli << 4));
  const tck = body.reduce((a, b) => a ^ b, 0);
  return concat(Uint8Array.of(0x3b), body, Uint8Array.of(tck));
}
