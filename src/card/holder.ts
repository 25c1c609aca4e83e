/**
 * The holder's data in a signing certificate's subjectAltName (jpki-protocol §6): each
 * field is an otherName `[0] { type-id OID, [0] EXPLICIT UTF8String }` under
 * 1.2.392.200149.8.5.5. Matched by OID, never by position: real cards order them
 * .1 .4 .3 .5 .2 .6, and tables in circulation swap .2/.4.
 */
import * as asn1js from 'asn1js';
import { CertificateParseError } from './errors';
import { OID } from './oids';

export type HolderSex = 'male' | 'female' | 'unknown';

export interface HolderData {
  /** 氏名, family and given name separated by U+3000. */
  readonly name?: string;
  /** One flag per character of the name: true = replaced by a substitute character. */
  readonly nameSubstitutes?: readonly boolean[];
  readonly address?: string;
  readonly addressSubstitutes?: readonly boolean[];
  /** `YYYY-MM-DD`, when the EYYYYMMDD value holds a real calendar date. */
  readonly birthDate?: string;
  /** The value as the certificate has it, e.g. `319800217` (era digit + Gregorian date). */
  readonly birthDateRaw?: string;
  /** Era digit: 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和, 0 不明. */
  readonly birthEra?: number;
  readonly sex?: HolderSex;
  readonly sexCode?: string;
}

/**
 * `1` male, `2` female. The third value is UNCONFIRMED: the profile SANDUMP quotes says
 * `3`, HOLDER assumes JIS X 0303's `9`; both read as unknown here.
 */
const SEX: Readonly<Record<string, HolderSex>> = { '1': 'male', '2': 'female', '3': 'unknown', '9': 'unknown' };

/** The JPKI otherName values of a SAN extension's value, by OID; empty when it has none. */
export function jpkiOtherNames(sanValue: Uint8Array): Map<string, string> {
  const parsed = asn1js.fromBER(sanValue);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw new CertificateParseError('subjectAltName is not a SEQUENCE');
  const out = new Map<string, string>();
  for (const name of parsed.result.valueBlock.value) {
    // otherName is GeneralName [0], constructed (context class 3 in asn1js numbering).
    if (name.idBlock.tagClass !== 3 || name.idBlock.tagNumber !== 0 || !(name instanceof asn1js.Constructed)) continue;
    const [typeId, wrapped] = name.valueBlock.value;
    if (!(typeId instanceof asn1js.ObjectIdentifier) || !(wrapped instanceof asn1js.Constructed)) {
      throw new CertificateParseError('subjectAltName otherName is not { OID, [0] value }');
    }
    const oid = typeId.valueBlock.toString();
    if (!oid.startsWith(`${OID.sanName.slice(0, OID.sanName.lastIndexOf('.'))}.`)) continue;
    const value = wrapped.valueBlock.value[0];
    // The card uses UTF8String (jpki-protocol §6); any other string type is read too, so
    // an unexpected encoding of one field does not make the whole certificate unreadable.
    if (!(value instanceof asn1js.BaseStringBlock)) throw new CertificateParseError(`subjectAltName ${oid} is not a string`);
    if (out.has(oid)) throw new CertificateParseError(`subjectAltName has ${oid} twice`);
    out.set(oid, value.getValue());
  }
  return out;
}

export function holderFromOtherNames(values: ReadonlyMap<string, string>): HolderData | undefined {
  if (values.size === 0) return undefined;
  const birth = values.get(OID.sanBirthDate);
  const sexCode = values.get(OID.sanSex);
  return {
    ...optional('name', values.get(OID.sanName)),
    ...optional('nameSubstitutes', flags(values.get(OID.sanNameSubstitutes))),
    ...optional('address', values.get(OID.sanAddress)),
    ...optional('addressSubstitutes', flags(values.get(OID.sanAddressSubstitutes))),
    ...(birth === undefined ? {} : { birthDateRaw: birth, ...birthDate(birth) }),
    ...(sexCode === undefined ? {} : { sexCode, sex: SEX[sexCode] ?? 'unknown' }),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** `0`/`1` per character; anything else means the flags cannot be trusted, so none are reported. */
function flags(text: string | undefined): boolean[] | undefined {
  if (text === undefined || !/^[01]*$/.test(text)) return undefined;
  return Array.from(text, (c) => c === '1');
}

/** `EYYYYMMDD` → era digit and `YYYY-MM-DD` (jpki-protocol §6: the date part is Gregorian). */
export function birthDate(raw: string): { birthEra?: number; birthDate?: string } {
  const m = /^([0-9])([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(raw);
  if (m === null) return {};
  const [, era = '', y = '', mo = '', d = ''] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // An unknown day or month (00) is not a calendar date: keep only the raw value and era.
  const real = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
  return real ? { birthEra: Number(era), birthDate: `${y}-${mo}-${d}` } : { birthEra: Number(era) };
}
