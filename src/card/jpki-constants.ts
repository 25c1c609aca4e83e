/**
 * The JPKI application's identifiers and instruction bytes (jpki-protocol.md §1–§3),
 * written once for the client and the virtual card.
 */
import { fromHex } from '../bytes';

export const AID = Object.freeze({
  /** 公的個人認証AP */
  jpki: fromHex('D3 92 F0 00 26 01 00 00 00 01'),
  /** 券面事項入力補助AP */
  text: fromHex('D3 92 10 00 31 00 01 01 04 08'),
  /** 券面事項確認AP */
  visual: fromHex('D3 92 10 00 31 00 01 01 04 02'),
  /** 共通カードAP */
  common: fromHex('D3 92 10 00 31 00 01 01 01 00'),
  /** 住基AP (UNCONFIRMED by a second source, jpki-protocol §1) */
  juki: fromHex('D3 92 10 00 31 00 01 01 04 01'),
});

/** The card's applications by the names AID uses. */
export type CardApplication = keyof typeof AID;

/** Elementary files of the JPKI AP (jpki-protocol §2). */
export const EF = Object.freeze({
  signCert: 0x0001,
  signCaCert: 0x0002,
  tokenInfo: 0x0006,
  /** Which certificates are present, 8F 8F 00 = both (UNCONFIRMED, MC only). */
  certPresence: 0x0008,
  /** Unknown content, protected (MC, JSAPDU UNKNOWN_09). */
  unknown09: 0x0009,
  authCert: 0x000a,
  authCaCert: 0x000b,
  /** Terminal-CA key reference for the proprietary 80 A2 (MC). */
  terminalCaKey: 0x0016,
  authKey: 0x0017,
  authPin: 0x0018,
  signKey: 0x001a,
  signPin: 0x001b,
});

/**
 * Files of the 券面事項入力補助AP (jpki-protocol §2 "Other APs"). The My Number EF is
 * listed so the virtual card can hold it; no client here reads it (DESIGN, privacy).
 */
export const TEXT_EF = Object.freeze({
  myNumber: 0x0001,
  /** 基本4情報: FF 20 { DF 21 … DF 25 }. */
  basicInfo: 0x0002,
  /** 券面事項入力補助用暗証番号, 4 digits, 3 tries (jpki-protocol §4). */
  assistPin: 0x0011,
});

/**
 * The 共通カードAP's record the portal reads (portal-protocol §3.4): record 1 of SFI 1,
 * SIMPLE-TLV tag 01, 28 ASCII digits = serial(15) ‖ municipality(5) ‖ expiry YYYYMMDD(8).
 */
export const COMMON_RECORD = Object.freeze({ sfi: 1, record: 1, tag: 0x01 });

/** EF 0008's byte for a present certificate: byte 0 the signing one, byte 1 the authentication one (UNCONFIRMED, MC only). */
export const CERT_PRESENT = 0x8f;

export const INS = Object.freeze({
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
  READ_RECORD: 0xb2,
  VERIFY: 0x20,
  CHANGE_REFERENCE_DATA: 0x24,
  COMPUTE_DIGITAL_SIGNATURE: 0x2a,
  GET_RESPONSE: 0xc0,
  GET_CHALLENGE: 0x84,
  GET_DATA: 0xca,
});

export const CLA = Object.freeze({ ISO: 0x00, PROPRIETARY: 0x80 });

export const SELECT_P1 = Object.freeze({ BY_DF_NAME: 0x04, EF_UNDER_CURRENT_DF: 0x02 });
/** P2=0C: no FCI in the answer; every library uses it (jpki-protocol §3.1). */
export const SELECT_P2_NO_FCI = 0x0c;
/** VERIFY / COMPUTE DIGITAL SIGNATURE P2: 80 = key of the current EF; 80|SFI names it. */
export const P2_CURRENT_EF = 0x80;
/** COMPUTE DIGITAL SIGNATURE P1=00: the card pads PKCS#1 v1.5 over a DigestInfo. */
export const SIGN_P1_PKCS1_DIGEST_INFO = 0x00;
/**
 * What P1=00 pads: 1 to 245 bytes (jpki-protocol §3.5; RSA-2048's 256 bytes less the
 * 11 of PKCS#1 v1.5 type 1 padding).
 */
export const SIGN_INPUT_MIN = 1;
export const SIGN_INPUT_MAX = 245;
/** READ RECORD P2 = (SFI << 3) | 100: P1 is the record number (ISO 7816-4 §7.3.3). */
export const READ_RECORD_P2_BY_NUMBER = 0x04;

export const TOKEN_LABEL = Object.freeze({
  card: 'JPKIAPICCTOKEN2',
  jukiCard: 'JPKIAPICCTOKEN',
  android: 'JPKIAPGPSETOKEN',
  iphone: 'JPKIAPIOSTOKEN',
});
/** Bytes of EF 0006 that hold the space-padded label (CK_TOKEN_INFO.label). */
export const TOKEN_LABEL_LENGTH = 32;
