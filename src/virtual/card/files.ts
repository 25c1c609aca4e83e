/**
 * The JPKI application's files as the virtual card holds them (jpki-protocol §2): the
 * binary EFs with their contents and access rules, and the PIN and key IEFs that only
 * VERIFY and COMPUTE DIGITAL SIGNATURE use. The other applications' files are in
 * app-files.ts, in the same shapes.
 */
import { CERT_PRESENT, EF, TOKEN_LABEL, TOKEN_LABEL_LENGTH } from '../../card/index';

/** The card's PINs: the two JPKI ones and the 券面事項入力補助用暗証番号. */
export type PinName = 'auth' | 'sign' | 'assist';
/** The PINs guarding a JPKI key. */
export type KeyPinName = 'auth' | 'sign';

export type JpkiFile =
  | { readonly kind: 'binary'; readonly fid: number; readonly content: Uint8Array; readonly readNeeds?: PinName }
  | { readonly kind: 'pin'; readonly fid: number; readonly pin: PinName }
  | { readonly kind: 'key'; readonly fid: number; readonly pin: KeyPinName }
  /** A linear record EF (the 共通カードAP's), read with READ RECORD only. */
  | { readonly kind: 'records'; readonly fid: number; readonly records: readonly Uint8Array[] }
  /** Listed by the facts with no known content (EF 0009, 0016): selectable, never readable. */
  | { readonly kind: 'protected'; readonly fid: number };

/**
 * EF size for a certificate. The real size is not published; 2048 bytes holds every
 * certificate seen (1.2–1.6 KB) and leaves the FF padding clients must skip
 * (jpki-protocol §2). A longer certificate gets the next multiple of 256 with room to pad.
 * UNCONFIRMED: chosen here, not measured on a card.
 */
const CERT_EF_MIN_SIZE = 2048;
const CERT_EF_GRANULE = 256;
const PADDING_BYTE = 0xff;

function paddedCertificateEf(der: Uint8Array): Uint8Array {
  const size = Math.max(CERT_EF_MIN_SIZE, Math.ceil((der.length + 1) / CERT_EF_GRANULE) * CERT_EF_GRANULE);
  const ef = new Uint8Array(size).fill(PADDING_BYTE);
  ef.set(der, 0);
  return ef;
}

/** PKCS#11 CK_TOKEN_INFO with 32-bit big-endian ULONGs: 160 bytes (MC, jpki-protocol §2). */
const TOKEN_INFO_SIZE = 160;
/** label[32] manufacturerID[32] model[16] serialNumber[16], then the ULONGs. */
const TOKEN_INFO_TEXT_FIELDS: readonly number[] = [TOKEN_LABEL_LENGTH, 32, 16, 16];
/** CKF_RNG | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED (PKCS#11 §3.2). */
const TOKEN_FLAGS = 0x0000_040d;
const CK_UNAVAILABLE_INFORMATION = 0xffff_ffff;
/** The longest secret the card stores: the 16-character signing password (jpki-protocol §4). */
export const MAX_PIN_BYTES = 16;
/** The shortest: the 4-digit authentication PIN. */
const MIN_PIN_BYTES = 4;

/**
 * EF 0006. Only the label (JPKIAPICCTOKEN2, space padded) is confirmed by several
 * sources; the other fields are plausible values, marked as a virtual test card.
 */
function tokenInfoEf(serial: string): Uint8Array {
  const out = new Uint8Array(TOKEN_INFO_SIZE).fill(0x20);
  const view = new DataView(out.buffer);
  const texts = [TOKEN_LABEL.card, 'MNCB VIRTUAL TEST CARD', 'VIRTUAL JPKI', serial];
  let at = 0;
  TOKEN_INFO_TEXT_FIELDS.forEach((width, i) => {
    const bytes = new TextEncoder().encode(texts[i]!).subarray(0, width);
    out.set(bytes, at);
    at += width;
  });
  // flags, max/current sessions (RO, RW), max/min PIN length, four memory sizes.
  const ulongs = [TOKEN_FLAGS, CK_UNAVAILABLE_INFORMATION, 0, CK_UNAVAILABLE_INFORMATION, 0, MAX_PIN_BYTES, MIN_PIN_BYTES,
    CK_UNAVAILABLE_INFORMATION, CK_UNAVAILABLE_INFORMATION, CK_UNAVAILABLE_INFORMATION, CK_UNAVAILABLE_INFORMATION];
  for (const v of ulongs) {
    view.setUint32(at, v);
    at += 4;
  }
  out.set([1, 0, 1, 0], at); // hardwareVersion 1.0, firmwareVersion 1.0; utcTime stays blank.
  return out;
}

/**
 * EF 0008: `8F 8F 00` when both certificates are present; byte 0 ≠ 8F when there is no
 * signing certificate (a holder under 15). UNCONFIRMED (MC only); the `00` written for
 * the missing signing certificate is our choice.
 */
function certPresenceEf(hasSignCertificate: boolean): Uint8Array {
  return Uint8Array.of(hasSignCertificate ? CERT_PRESENT : 0x00, CERT_PRESENT, 0x00);
}

export interface JpkiCertificates {
  readonly auth: Uint8Array;
  readonly authCa: Uint8Array;
  /** undefined: no signing certificate (under 15). */
  readonly sign: Uint8Array | undefined;
  readonly signCa: Uint8Array;
}

/**
 * The JPKI AP's file table. Without a signing certificate, its EF, key and password
 * IEF are absent (6A82 on SELECT): our choice of how an under-15 card looks.
 */
export function jpkiFiles(certs: JpkiCertificates, tokenSerial: string): Map<number, JpkiFile> {
  const files: JpkiFile[] = [
    { kind: 'binary', fid: EF.signCaCert, content: paddedCertificateEf(certs.signCa) },
    { kind: 'binary', fid: EF.tokenInfo, content: tokenInfoEf(tokenSerial) },
    { kind: 'binary', fid: EF.certPresence, content: certPresenceEf(certs.sign !== undefined) },
    { kind: 'binary', fid: EF.authCert, content: paddedCertificateEf(certs.auth) },
    { kind: 'binary', fid: EF.authCaCert, content: paddedCertificateEf(certs.authCa) },
    // jpki-protocol §2: 0009 "unknown, protected", 0016 the terminal-CA key reference.
    // Their content is not public; READ BINARY answers 6982 (UNCONFIRMED, our choice).
    { kind: 'protected', fid: EF.unknown09 },
    { kind: 'protected', fid: EF.terminalCaKey },
    { kind: 'key', fid: EF.authKey, pin: 'auth' },
    { kind: 'pin', fid: EF.authPin, pin: 'auth' },
  ];
  if (certs.sign !== undefined) {
    files.push(
      // The signing certificate needs the signing password first (jpki-protocol §2, OSC-iss).
      { kind: 'binary', fid: EF.signCert, content: paddedCertificateEf(certs.sign), readNeeds: 'sign' },
      { kind: 'key', fid: EF.signKey, pin: 'sign' },
      { kind: 'pin', fid: EF.signPin, pin: 'sign' },
    );
  }
  return new Map(files.map((f) => [f.fid, f]));
}
