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

/** EF 0008's byte for a present certificate: byte 0 the signing one, byte 1 the authentication one (UNCONFIRMED, MC only). */
export const CERT_PRESENT = 0x8f;

export const INS = Object.freeze({
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
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

export const TOKEN_LABEL = Object.freeze({
  card: 'JPKIAPICCTOKEN2',
  jukiCard: 'JPKIAPICCTOKEN',
  android: 'JPKIAPGPSETOKEN',
  iphone: 'JPKIAPIOSTOKEN',
});
/** Bytes of EF 0006 that hold the space-padded label (CK_TOKEN_INFO.label). */
export const TOKEN_LABEL_LENGTH = 32;
