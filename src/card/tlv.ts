/**
 * BER-TLV as the 券面事項入力補助AP and the 共通カードAP store their data (ISO 7816-4 §5.2;
 * jpki-protocol §2, portal-protocol §3.4): one- or two-byte tags (FF 20, DF 22, 01) and
 * one- to three-byte lengths. Every bound is checked before a byte is read; a violation
 * is a CardDataFormatError, never a RangeError or an out-of-range read.
 */
import { CardDataFormatError } from './errors';

export interface Tlv {
  /** The tag's bytes as one number: 0xFF20, 0xDF22, 0x01. */
  readonly tag: number;
  /** Where the value starts and ends in the bytes read, and where the TLV ends (= valueEnd). */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** Low five bits 11111: the tag number continues in the next byte (ISO 7816-4 §5.2.2.1). */
const TAG_CONTINUES = 0x1f;
/** In a subsequent tag byte, b8 = 1 means yet another byte; no field here needs three. */
const TAG_MORE = 0x80;
const LENGTH_LONG = 0x80;
/** 81 xx and 82 xx xx; an EF these APs hold is far below 64 KiB. */
const MAX_LENGTH_OCTETS = 2;

export interface TlvHeader {
  readonly tag: number;
  readonly valueStart: number;
  /** The value's length as the header states it; the value itself may not have been read yet. */
  readonly length: number;
}

/** Only the header at `at` (tag and length), which must lie before `end`. */
export function readTlvHeader(bytes: Uint8Array, at: number, end: number = bytes.length): TlvHeader {
  if (at + 2 > end) throw new CardDataFormatError(`TLV at ${at} is truncated`, { at });
  let p = at;
  let tag = bytes[p++]!;
  if ((tag & TAG_CONTINUES) === TAG_CONTINUES) {
    const next = bytes[p++]!;
    if ((next & TAG_MORE) !== 0) throw new CardDataFormatError(`TLV tag at ${at} is longer than two bytes`, { at });
    tag = (tag << 8) | next;
  }
  if (p >= end) throw new CardDataFormatError(`TLV at ${at} has no length`, { at });
  const first = bytes[p++]!;
  let length = first;
  if (first >= LENGTH_LONG) {
    const count = first & ~LENGTH_LONG;
    // 80 is indefinite length, which a stored file never uses; over two octets is no EF of these APs.
    if (count === 0 || count > MAX_LENGTH_OCTETS) throw new CardDataFormatError(`TLV at ${at} has length byte ${first.toString(16)}`, { at });
    if (p + count > end) throw new CardDataFormatError(`TLV length at ${at} is truncated`, { at });
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[p++]!;
  }
  return { tag, valueStart: p, length };
}

/** The TLV at `at` within `bytes[..end]`, its value included. */
export function readTlv(bytes: Uint8Array, at: number, end: number = bytes.length): Tlv {
  const { tag, valueStart, length } = readTlvHeader(bytes, at, end);
  if (valueStart + length > end) throw new CardDataFormatError(`TLV at ${at} runs ${valueStart + length - end} bytes past its container`, { at, length });
  return { tag, valueStart, valueEnd: valueStart + length };
}

/**
 * The TLVs one after another in `bytes[start..end]`. A run of FF bytes to the end is
 * padding, not a TLV (EFs on this card are FF-padded, jpki-protocol §2).
 */
export function readTlvList(bytes: Uint8Array, start: number, end: number): Tlv[] {
  const out: Tlv[] = [];
  let at = start;
  while (at < end) {
    if (bytes[at] === 0xff && bytes.subarray(at, end).every((b) => b === 0xff)) break;
    const tlv = readTlv(bytes, at, end);
    out.push(tlv);
    at = tlv.valueEnd;
  }
  return out;
}
