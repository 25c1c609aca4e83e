/**
 * VirtualCardProfile: what a test says about the card it wants (issue 3 §4). Every field
 * is optional; the defaults make a healthy adult card with authentication PIN 1234,
 * signing password ABC123 and assist PIN 1234 (券面事項入力補助用), issued on a fixed date
 * so no result depends on today.
 */
import { ageOn } from '../../rules/index';
import { checkDate as checkCalendarDate } from '../../rules/index';
import { cardExpiry, certificateExpiry } from '../../rules/index';
import { VirtualCardProfileError } from './errors';
import { MAX_PIN_BYTES, type KeyPinName, type PinName } from './files';
import type { Holder, Sex } from './holder-fields';
import type { CardQuirks } from './virtual-jpki-card';

export interface CertificateValidity {
  /** ISO 8601 instants, e.g. 2020-01-01T00:00:00+09:00. */
  notBefore: string;
  notAfter: string;
}

export interface VirtualCardProfile {
  holder?: { name: string; address: string; birthDate: string; sex: Sex; /** Romanized, for the signing certificate's subject L. */ locality?: string };
  /** The certificates' issue date, YYYY-MM-DD (JST). */
  issueDate?: string;
  pins?: { auth?: string; sign?: string; assist?: string };
  /** Remaining tries at start; 0 = locked. */
  tries?: { auth?: number; sign?: number; assist?: number };
  /** false: none, as for a holder under 15. Default: true when the holder is 15 or older on the issue date. */
  signCertificate?: boolean;
  /** Overrides the computed validity, to make expired or future certificates. */
  validity?: { auth?: CertificateValidity; sign?: CertificateValidity };
  /** Which committed test key pair the card holds (0–2), so several cards can differ. */
  keySet?: KeySet;
  /** Real-card oddities to play, off by default. */
  quirks?: CardQuirks;
  /** The 共通カードAP's 15-digit card serial. Default: derived from the profile, so cards differ. */
  cardSerial?: string;
  /** The issuing municipality's 5-digit code in the 共通カードAP record. Default 13101 (千代田区, the default address). */
  municipalityCode?: string;
}

export type KeySet = 0 | 1 | 2;

export interface ResolvedProfile {
  readonly holder: Holder & { readonly locality: string };
  readonly issueDate: string;
  readonly pins: Readonly<Record<PinName, string>>;
  readonly tries: Readonly<Record<PinName, number>>;
  readonly signCertificate: boolean;
  readonly validity: { readonly auth: ValidityInstants; readonly sign: ValidityInstants };
  readonly keySet: KeySet;
  readonly quirks: CardQuirks;
  readonly cardSerial: string | undefined;
  readonly municipalityCode: string;
  /** The card's own expiry (rules core), which the 共通カードAP record carries. */
  readonly cardExpiry: string;
}

export interface ValidityInstants {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Tries per PIN (jpki-protocol §4: OpenSC's JPKI_AUTH_PIN_MAX_TRIES 3, sign 5; the assist PIN 3, MUNI). */
export const PIN_MAX_TRIES: Readonly<Record<PinName, number>> = Object.freeze({ auth: 3, sign: 5, assist: 3 });

/** The real test card was issued 2025-10-27 to a holder born on 17 February (→ 2030-02-17, rules X3). */
export const DEFAULT_ISSUE_DATE = '2025-10-27';
export const DEFAULT_HOLDER = Object.freeze({
  name: '試験　太郎',
  address: '東京都千代田区試験町一丁目２番３号',
  birthDate: '1980-02-17',
  sex: 'male' as const,
  locality: 'Chiyoda-ku',
});
export const DEFAULT_PINS = Object.freeze({ auth: '1234', sign: 'ABC123', assist: '1234' });
export const DEFAULT_MUNICIPALITY_CODE = '13101';
/** 署名用 is not issued under 15 (rules M1). */
const SIGN_CERT_MIN_AGE = 15;

function bad(message: string, details: Record<string, string | number | boolean> = {}, cause?: unknown): never {
  throw new VirtualCardProfileError(message, details, cause === undefined ? undefined : { cause });
}

function checkDate(value: string, field: string): string {
  try {
    return checkCalendarDate(value, field);
  } catch (e) {
    return bad(`${field} must be a real date written YYYY-MM-DD`, { field, value: String(value) }, e);
  }
}

function checkPin(value: string, pin: PinName): string {
  // The card stores bytes; this only keeps a profile from holding what no card could.
  if (value.length === 0 || value.length > MAX_PIN_BYTES || !/^[\x21-\x7e]+$/.test(value)) {
    bad(`the ${pin} PIN must be 1–${MAX_PIN_BYTES} printable ASCII characters`, { pin });
  }
  return value;
}

function checkTries(value: number, pin: PinName): number {
  if (!Number.isInteger(value) || value < 0 || value > PIN_MAX_TRIES[pin]) bad(`${pin} tries must be 0..${PIN_MAX_TRIES[pin]}`, { pin, value });
  return value;
}

/** The 共通カードAP record's fields are fixed-width digits (portal-protocol §3.4, MC). */
const CARD_SERIAL_LENGTH = 15;
const MUNICIPALITY_CODE_LENGTH = 5;

function checkDigits(value: string, length: number, field: string): string {
  if (typeof value !== 'string' || !new RegExp(`^[0-9]{${length}}$`).test(value)) bad(`${field} must be ${length} digits`, { field });
  return value;
}

/** JST midnight of the issue day and 23:59:59 JST of the expiry day (rules X3). */
function jstDay(date: string, time: '00:00:00' | '23:59:59'): Date {
  return new Date(`${date}T${time}+09:00`);
}

function instants(given: CertificateValidity | undefined, computed: ValidityInstants, which: KeyPinName): ValidityInstants {
  if (given === undefined) return computed;
  const notBefore = new Date(given.notBefore);
  const notAfter = new Date(given.notAfter);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime()) || notAfter < notBefore) {
    bad(`validity.${which} needs two ISO instants, notBefore ≤ notAfter`, { which });
  }
  return { notBefore, notAfter };
}

/** Both certificates' computed terms: the rules core's expiry, capped by the card's (rules E1, E2). */
function computedValidity(birthDate: string, issueDate: string): { auth: ValidityInstants; sign: ValidityInstants; card: string } {
  try {
    const card = cardExpiry({ birthDate, issueDate }).date;
    const auth = certificateExpiry({ birthDate, issueDate, cardExpiry: card });
    const sign = certificateExpiry({ birthDate, issueDate, cardExpiry: card, authExpiry: auth });
    const notBefore = jstDay(issueDate, '00:00:00');
    return { auth: { notBefore, notAfter: jstDay(auth, '23:59:59') }, sign: { notBefore, notAfter: jstDay(sign, '23:59:59') }, card };
  } catch (e) {
    return bad('the holder and issue dates do not make a certificate term', { birthDate, issueDate }, e);
  }
}

export function resolveProfile(p: VirtualCardProfile = {}): ResolvedProfile {
  const holder = { ...DEFAULT_HOLDER, ...p.holder };
  checkDate(holder.birthDate, 'holder.birthDate');
  const issueDate = checkDate(p.issueDate ?? DEFAULT_ISSUE_DATE, 'issueDate');
  if (issueDate < holder.birthDate) bad('the issue date is before the birth date', { issueDate, birthDate: holder.birthDate });
  if (!['male', 'female', 'unknown'].includes(holder.sex)) bad('holder.sex must be male, female or unknown');
  const computed = computedValidity(holder.birthDate, issueDate);
  const keySet = p.keySet ?? 0;
  if (![0, 1, 2].includes(keySet)) bad('keySet must be 0, 1 or 2', { keySet });
  return {
    holder,
    issueDate,
    pins: {
      auth: checkPin(p.pins?.auth ?? DEFAULT_PINS.auth, 'auth'),
      sign: checkPin(p.pins?.sign ?? DEFAULT_PINS.sign, 'sign'),
      assist: checkPin(p.pins?.assist ?? DEFAULT_PINS.assist, 'assist'),
    },
    tries: {
      auth: checkTries(p.tries?.auth ?? PIN_MAX_TRIES.auth, 'auth'),
      sign: checkTries(p.tries?.sign ?? PIN_MAX_TRIES.sign, 'sign'),
      assist: checkTries(p.tries?.assist ?? PIN_MAX_TRIES.assist, 'assist'),
    },
    signCertificate: p.signCertificate ?? ageOn(holder.birthDate, issueDate) >= SIGN_CERT_MIN_AGE,
    validity: { auth: instants(p.validity?.auth, computed.auth, 'auth'), sign: instants(p.validity?.sign, computed.sign, 'sign') },
    keySet,
    quirks: { ...p.quirks },
    cardSerial: p.cardSerial === undefined ? undefined : checkDigits(p.cardSerial, CARD_SERIAL_LENGTH, 'cardSerial'),
    municipalityCode: checkDigits(p.municipalityCode ?? DEFAULT_MUNICIPALITY_CODE, MUNICIPALITY_CODE_LENGTH, 'municipalityCode'),
    cardExpiry: computed.card,
  };
}
