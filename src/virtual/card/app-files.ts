/**
 * The files of the card's other applications (issue 10 §4): the 券面事項入力補助AP's
 * 基本4情報 and PIN (jpki-protocol §2, §4) and the 共通カードAP's record 1 of SFI 1
 * (portal-protocol §3.4), built from the same holder the signing certificate carries.
 */
import { concat } from '../../bytes';
import { BASIC_INFO_TAG, COMMON_RECORD, TEXT_EF } from '../../card/index';
import type { JpkiFile } from './files';
import type { Holder, Sex } from './holder-fields';

/** ISO 5218, as this AP writes sex (jpki-protocol §6: MYNA-GO, JRS, WEBUSB). */
const TEXT_SEX: Readonly<Record<Sex, string>> = Object.freeze({ male: '1', female: '2', unknown: '9' });
const PADDING_BYTE = 0xff;
const EF_GRANULE = 256;
/** The common AP's record file is EF 0001 (MC), so SFI 1 names it. */
const COMMON_RECORD_FID = COMMON_RECORD.sfi;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** BER-TLV with a one- or two-byte tag and the shortest length form. */
function tlv(tag: number, value: Uint8Array): Uint8Array {
  const tagBytes = tag > 0xff ? Uint8Array.of(tag >> 8, tag & 0xff) : Uint8Array.of(tag);
  let length: Uint8Array;
  if (value.length < 0x80) length = Uint8Array.of(value.length);
  else if (value.length <= 0xff) length = Uint8Array.of(0x81, value.length);
  else length = Uint8Array.of(0x82, value.length >> 8, value.length & 0xff);
  return concat(tagBytes, length, value);
}

/**
 * `FF 20 { DF 21, DF 22 name, DF 23 address, DF 24 YYYYMMDD, DF 25 sex }`. DF 21's
 * layout is not public ("offsets", jpki-protocol §2): here the 2-byte offset of each
 * following TLV from the start of FF 20's value. UNCONFIRMED, our choice; no client
 * reads it. The EF is FF-padded to a multiple of 256 bytes (size not public either).
 */
export function basicInfoEf(holder: Holder): Uint8Array {
  const fields = [
    tlv(BASIC_INFO_TAG.name, utf8(holder.name)),
    tlv(BASIC_INFO_TAG.address, utf8(holder.address)),
    tlv(BASIC_INFO_TAG.birthDate, utf8(holder.birthDate.replace(/-/g, ''))),
    tlv(BASIC_INFO_TAG.sex, utf8(TEXT_SEX[holder.sex])),
  ];
  const offsetsLength = 3 + 2 * fields.length;
  const offsets = new Uint8Array(2 * fields.length);
  let at = offsetsLength;
  fields.forEach((f, i) => {
    offsets[2 * i] = at >> 8;
    offsets[2 * i + 1] = at & 0xff;
    at += f.length;
  });
  const object = tlv(BASIC_INFO_TAG.outer, concat(tlv(BASIC_INFO_TAG.offsets, offsets), ...fields));
  const ef = new Uint8Array(Math.ceil((object.length + 1) / EF_GRANULE) * EF_GRANULE).fill(PADDING_BYTE);
  ef.set(object, 0);
  return ef;
}

/**
 * The 券面事項入力補助AP: the 基本4情報 behind the assist PIN (the port always verifies
 * first, portal-protocol §4; that the card refuses a read before it, 6982, is our
 * reading, as for the JPKI sign certificate), and the PIN IEF. The My Number EF (0001)
 * and the 照合番号 A/B are not modelled: nothing in this project may read them.
 */
export function textApFiles(holder: Holder): Map<number, JpkiFile> {
  const files: JpkiFile[] = [
    { kind: 'binary', fid: TEXT_EF.basicInfo, content: basicInfoEf(holder), readNeeds: 'assist' },
    { kind: 'pin', fid: TEXT_EF.assistPin, pin: 'assist' },
  ];
  return new Map(files.map((f) => [f.fid, f]));
}

export interface CommonRecordFields {
  /** 15 digits; the port's manufacture number is its characters 2..15. */
  readonly serial: string;
  /** 5 digits, the municipality that issued the card. */
  readonly municipalityCode: string;
  /** The card's expiry, YYYY-MM-DD. */
  readonly cardExpiry: string;
}

/** Record 1: SIMPLE-TLV `01 1C` + serial ‖ municipality ‖ expiry YYYYMMDD, 28 ASCII digits (MC). */
export function commonApFiles(record: CommonRecordFields): Map<number, JpkiFile> {
  const value = utf8(record.serial + record.municipalityCode + record.cardExpiry.replace(/-/g, ''));
  const file: JpkiFile = { kind: 'records', fid: COMMON_RECORD_FID, records: [tlv(COMMON_RECORD.tag, value)] };
  return new Map([[file.fid, file]]);
}
