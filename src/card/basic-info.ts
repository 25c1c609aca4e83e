/**
 * The 券面事項入力補助AP's 基本4情報 (EF 0002): `FF 20 <len> { DF 21 offsets, DF 22 name,
 * DF 23 address, DF 24 birth YYYYMMDD, DF 25 sex }` (jpki-protocol §2). Fields are found
 * BY TAG: the port reads them by position (portal-protocol §4, mode 04), which a card
 * with another order or an extra field would silently mislabel. Each value keeps its
 * raw bytes, because the portal wants lower-case hex of exactly those (§3.2).
 */
import { lowerHex } from '../bytes';
import { isCalendarDate } from '../rules/index';
import { CardDataFormatError } from './errors';
import type { HolderSex } from './holder';
import { readTlv, readTlvList } from './tlv';

export const BASIC_INFO_TAG = Object.freeze({
  outer: 0xff20,
  offsets: 0xdf21,
  name: 0xdf22,
  address: 0xdf23,
  birthDate: 0xdf24,
  sex: 0xdf25,
});

type Field = 'name' | 'address' | 'birthDate' | 'sex';
const FIELDS: readonly Field[] = ['name', 'address', 'birthDate', 'sex'];

export interface BasicInfo {
  /** 氏名 as the card holds it (UTF-8; family and given name separated by U+3000). */
  readonly name: string;
  readonly address: string;
  /** `YYYY-MM-DD` when the card's YYYYMMDD is a calendar date; undefined otherwise (an unknown day, 00). */
  readonly birthDate: string | undefined;
  /** ISO 5218 on this AP: `1` male, `2` female, `9` (and `0`) unknown; any other code reads as unknown too, `raw.sex` keeps it. */
  readonly sex: HolderSex;
  /**
   * Each value's bytes exactly as read. DF 21 is kept when present but not required:
   * its layout is not documented and nothing here needs it.
   */
  readonly raw: Readonly<Record<Field, Uint8Array>> & { readonly offsets?: Uint8Array };
}

/** The attributes as the portal's mode-04 reply writes them: lower-case hex of the raw bytes. */
export interface BasicInfoHex {
  readonly name: string;
  readonly sex: string;
  readonly address: string;
  readonly birthday: string;
}

const SEX: Readonly<Record<string, HolderSex>> = Object.freeze({ '1': 'male', '2': 'female', '0': 'unknown', '9': 'unknown' });
const TAG_OF: Readonly<Record<Field | 'offsets', number>> = BASIC_INFO_TAG;

/** The largest 基本4情報 we read: four fields, the address up to 200 characters of three UTF-8 bytes. */
export const MAX_BASIC_INFO_LENGTH = 1024;

/**
 * Parses the EF's bytes (padding after the outer TLV ignored). Any bytes give either a
 * BasicInfo or a CardDataFormatError: a missing or repeated field, text that is not
 * UTF-8, a TLV that runs past its container.
 */
export function parseBasicInfo(bytes: Uint8Array): BasicInfo {
  if (!(bytes instanceof Uint8Array)) throw new CardDataFormatError('基本4情報 must be bytes');
  const outer = readTlv(bytes, 0);
  if (outer.tag !== BASIC_INFO_TAG.outer) throw new CardDataFormatError(`基本4情報 starts with tag ${outer.tag.toString(16)}, not FF20`, { tag: outer.tag });
  const found = new Map<number, Uint8Array>();
  for (const tlv of readTlvList(bytes, outer.valueStart, outer.valueEnd)) {
    // A tag we do not know is skipped: a later card may add one. A known one twice is
    // ambiguous, so it is refused rather than guessed.
    if (found.has(tlv.tag)) throw new CardDataFormatError(`基本4情報 has tag ${tlv.tag.toString(16)} twice`, { tag: tlv.tag });
    found.set(tlv.tag, bytes.slice(tlv.valueStart, tlv.valueEnd));
  }
  const raw = {} as Record<Field, Uint8Array> & { offsets?: Uint8Array };
  const offsets = found.get(BASIC_INFO_TAG.offsets);
  if (offsets !== undefined) raw.offsets = offsets;
  for (const field of FIELDS) {
    const value = found.get(TAG_OF[field]);
    if (value === undefined) throw new CardDataFormatError(`基本4情報 has no ${field} (tag ${TAG_OF[field].toString(16)})`, { field });
    raw[field] = value;
  }
  const birth = utf8(raw.birthDate, 'birthDate');
  return {
    name: utf8(raw.name, 'name'),
    address: utf8(raw.address, 'address'),
    birthDate: calendarDate(birth),
    sex: SEX[utf8(raw.sex, 'sex')] ?? 'unknown',
    raw,
  };
}

export function basicInfoHex(info: BasicInfo): BasicInfoHex {
  return { name: lowerHex(info.raw.name), sex: lowerHex(info.raw.sex), address: lowerHex(info.raw.address), birthday: lowerHex(info.raw.birthDate) };
}

function utf8(bytes: Uint8Array, field: Field): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    throw new CardDataFormatError(`基本4情報 ${field} is not UTF-8`, { field }, { cause: e });
  }
}

/** `YYYYMMDD` → `YYYY-MM-DD` when it names a real day (the rules core decides which days are). */
function calendarDate(text: string): string | undefined {
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(text);
  if (m === null) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return isCalendarDate(date) ? date : undefined;
}
