/**
 * The holder's data as the signing certificate writes it (jpki-protocol §6): the
 * subjectAltName otherNames in the real card's order, and the opaque identifiers
 * (subject CN, serial) a test card needs to look like a card.
 */
import { OID } from '../../card/index';

export type Sex = 'male' | 'female' | 'unknown';

export interface Holder {
  /** Family and given name separated by U+3000, as on the card. */
  readonly name: string;
  /** From the prefecture, no postal code. */
  readonly address: string;
  /** YYYY-MM-DD (Gregorian). */
  readonly birthDate: string;
  readonly sex: Sex;
}

/**
 * `1` male, `2` female per the J-LIS profile SANDUMP quotes, which gives `3` for unknown.
 * HOLDER assumes JIS X 0303's `9` instead: the third value is UNCONFIRMED (jpki-protocol §6).
 */
const SEX_CODE: Readonly<Record<Sex, string>> = Object.freeze({ male: '1', female: '2', unknown: '3' });

/** First day of each era (Gregorian), latest first; the digit is the era's (jpki-protocol §6). */
const ERAS: readonly (readonly [string, string])[] = [
  ['2019-05-01', '5'], // 令和
  ['1989-01-08', '4'], // 平成
  ['1926-12-25', '3'], // 昭和
  ['1912-07-30', '2'], // 大正
  ['1868-01-25', '1'], // 明治
];
const ERA_UNKNOWN = '0';

/** `EYYYYMMDD`: the era digit, then the Gregorian date (319800217 = 1980-02-17). */
export function birthDateField(birthDate: string): string {
  const era = ERAS.find(([start]) => birthDate >= start)?.[1] ?? ERA_UNKNOWN;
  return era + birthDate.replace(/-/g, '');
}

/** One `0` per character: none of the test names needed a substitute character. */
function substituteFlags(text: string): string {
  return '0'.repeat([...text].length);
}

/** SAN otherNames in the order seen on a real card: .1, .4, .3, .5, .2, .6 (SANDUMP, HOLDER). */
export function holderOtherNames(h: Holder): (readonly [string, string])[] {
  return [
    [OID.sanName, h.name],
    [OID.sanBirthDate, birthDateField(h.birthDate)],
    [OID.sanSex, SEX_CODE[h.sex]],
    [OID.sanAddress, h.address],
    [OID.sanNameSubstitutes, substituteFlags(h.name)],
    [OID.sanAddressSubstitutes, substituteFlags(h.address)],
  ];
}

const CN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The real test card's CN was 23 characters, digits and capitals (jpki-protocol §5). */
const CN_LENGTH = 23;
const SERIAL_LENGTH = 8;

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Opaque, but the same for the same seed, so a card's certificates are reproducible. */
export async function opaqueSubjectCn(seed: string): Promise<string> {
  const digest = await sha256(`cn:${seed}`);
  return Array.from(digest.subarray(0, CN_LENGTH), (b) => CN_ALPHABET[b % CN_ALPHABET.length]).join('');
}

/** A positive 64-bit serial (RFC 5280 §4.1.2.2), derived from the seed. */
export async function serialFor(seed: string): Promise<Uint8Array> {
  const serial = (await sha256(`serial:${seed}`)).slice(0, SERIAL_LENGTH);
  serial[0] = (serial[0]! & 0x7f) | 0x10;
  return serial;
}

/** MC's card's serial began 40; the rest of the 15 digits come from the seed. */
const CARD_SERIAL_PREFIX = '40';
const CARD_SERIAL_LENGTH = 15;

/** A 15-digit 共通カードAP serial (portal-protocol §3.4), the same for the same seed. */
export async function cardSerialFor(seed: string): Promise<string> {
  const digest = await sha256(`card-serial:${seed}`);
  const digits = Array.from(digest.subarray(0, CARD_SERIAL_LENGTH - CARD_SERIAL_PREFIX.length), (b) => String(b % 10)).join('');
  return CARD_SERIAL_PREFIX + digits;
}
