/**
 * ISO/IEC 14443-3 Type B and ISO/IEC 14443-4 (ISO-DEP) numbers (facts sony-readers.md §2.6,
 * §3): REQB/WUPB, ATQB, ATTRIB, HLTB, the frame-size and frame-waiting-time tables, and the
 * block PCB bits. Read by the driver's ISO-DEP engine and by the virtual card's own one.
 */

/** ISO 14443-3 §7 Type B commands and answers. */
export const TYPE_B = Object.freeze({
  /** APf: the anticollision prefix byte of REQB/WUPB. */
  APF: 0x05,
  /** REQB/WUPB PARAM bits: b4 = WUPB, b5 = extended ATQB supported; b3..b1 = N (slots 2^N), we use one slot. */
  PARAM_WUPB: 0x08,
  PARAM_EXTENDED_ATQB: 0x10,
  /** AFI 00: every application family answers. */
  AFI_ALL: 0x00,
  /** First byte of an ATQB. */
  ATQB: 0x50,
  /** 50 PUPI(4) AppData(4) ProtInfo(3); an extended ATQB adds one ProtInfo byte. */
  ATQB_LENGTH: 12,
  ATQB_EXTENDED_LENGTH: 13,
  ATTRIB: 0x1d,
  HLTB: 0x50,
  /** Answer to HLTB. */
  HLTB_OK: 0x00,
  /** ProtInfo byte 2: FSCI in the high nibble, protocol type low nibble (bit 0 = ISO 14443-4 compliant, bit 3 must be 0). */
  PROTOCOL_TYPE_ISO14443_4: 0x01,
  PROTOCOL_TYPE_MUST_BE_ZERO: 0x08,
  /** ProtInfo byte 3: FWI high nibble, ADC b4..b3, FO b2 (NAD) b1 (CID). */
  FO_NAD: 0x02,
  FO_CID: 0x01,
  /** ATTRIB Param 1 default (TR0, TR1 defaults, SOF and EOF required). */
  ATTRIB_PARAM1_DEFAULT: 0x00,
  /** ATTRIB Param 2: 106 kbit/s both ways (high nibble 0) + FSDI low nibble. */
  ATTRIB_PARAM2_106: 0x00,
  /**
   * ATTRIB Param 2 speed fields: b8..b7 PICC to PCD, b6..b5 PCD to PICC, each 0 = 106,
   * 1 = 212, 2 = 424 kbit/s. Layout as librfid's iso14443b_attrib_hdr (spd_in, spd_out)
   * writes it; not in our facts file (UNCONFIRMED against the standard's text).
   */
  ATTRIB_PARAM2_SPEED_SHIFT_PICC_TO_PCD: 6,
  ATTRIB_PARAM2_SPEED_SHIFT_PCD_TO_PICC: 4,
  /** Frame delay: 49152/fc added to FWT by nfcpy's IsoDepInitiator (§2.7), in ms. */
  FRAME_DELAY_MS: 49152 / 13_560,
});

/** The Type B bit rates the RC-S380 sets with InSetRF (facts §2.5), kbit/s. */
export type TypeBBitRate = 106 | 212 | 424;
const SPEED_CODE: Readonly<Record<TypeBBitRate, number>> = Object.freeze({ 106: 0, 212: 1, 424: 2 });

/**
 * ATQB protocol info byte 1, the bit rate capability (ISO 14443-3 §7.9.4.1): b8 = the same
 * rate both ways is required, b6 b5 = PICC to PCD 424, 212; b2 b1 = PCD to PICC 424, 212.
 * The My Number Card sends B3 (facts §3.1: "212/424 supported"); the bit layout is as
 * librfid and Flipper's iso14443_3b define it (UNCONFIRMED against the standard's text).
 */
export const BIT_RATE_CAPABILITY = Object.freeze({
  SAME_BOTH_WAYS: 0x80,
  PICC_TO_PCD: Object.freeze({ 212: 0x10, 424: 0x20 }),
  PCD_TO_PICC: Object.freeze({ 212: 0x01, 424: 0x02 }),
});

/** The fastest rate, at most `limit`, that the capability byte offers in both directions (106 is always there). */
export function commonBitRate(capability: number, limit: TypeBBitRate): TypeBBitRate {
  for (const rate of [424, 212] as const) {
    if (rate > limit) continue;
    if (capability & BIT_RATE_CAPABILITY.PICC_TO_PCD[rate] && capability & BIT_RATE_CAPABILITY.PCD_TO_PICC[rate]) return rate;
  }
  return 106;
}

/** The capability byte a card offering `rates` (both ways, the same rate required) sends. */
export function bitRateCapability(rates: readonly TypeBBitRate[]): number {
  let byte = rates.some((r) => r !== 106) ? BIT_RATE_CAPABILITY.SAME_BOTH_WAYS : 0;
  for (const r of rates) if (r !== 106) byte |= BIT_RATE_CAPABILITY.PICC_TO_PCD[r] | BIT_RATE_CAPABILITY.PCD_TO_PICC[r];
  return byte;
}

/** ATTRIB Param 2's speed bits for the same `rate` both ways (FSDI goes in the low nibble). */
export function attribSpeedBits(rate: TypeBBitRate): number {
  const code = SPEED_CODE[rate];
  return (code << TYPE_B.ATTRIB_PARAM2_SPEED_SHIFT_PICC_TO_PCD) | (code << TYPE_B.ATTRIB_PARAM2_SPEED_SHIFT_PCD_TO_PICC);
}

/** The rate ATTRIB Param 2 asks for, or undefined when the two directions differ or a code is 848 kbit/s. */
export function attribBitRate(param2: number): TypeBBitRate | undefined {
  const down = (param2 >> TYPE_B.ATTRIB_PARAM2_SPEED_SHIFT_PICC_TO_PCD) & 0x03;
  const up = (param2 >> TYPE_B.ATTRIB_PARAM2_SPEED_SHIFT_PCD_TO_PICC) & 0x03;
  if (down !== up) return undefined;
  return ([106, 212, 424] as const)[down];
}

/** FSCI/FSDI → frame size in bytes (ISO 14443-3 Table "FSCI to FSC conversion"); 9..F are RFU, read as 256. */
export const FRAME_SIZES: readonly number[] = Object.freeze([16, 24, 32, 40, 48, 64, 96, 128, 256]);

export function frameSizeOf(index: number): number {
  return FRAME_SIZES[Math.min(index, FRAME_SIZES.length - 1)]!;
}

/** FWT = 256 × 16 / fc × 2^FWI (ISO 14443-4 §7.2), fc = 13.56 MHz; FWI 15 is RFU and read as 4. */
export function fwtMs(fwi: number): number {
  const exponent = fwi > 14 ? 4 : fwi;
  return ((256 * 16) / 13_560) * 2 ** exponent;
}

/** ISO 14443-4 §7.1.1 PCB bits (CID 0 and no NAD: neither byte follows, §3.2). */
export const PCB = Object.freeze({
  TYPE_MASK: 0xc0,
  I_BLOCK: 0x00,
  R_BLOCK: 0x80,
  S_BLOCK: 0xc0,
  /** b2 of an I-block is 1; b6 is 0. R-blocks are 101x x01x; S-blocks 11xx x010. */
  I_FIXED: 0x02,
  R_FIXED: 0xa2,
  R_FIXED_MASK: 0xe6,
  S_FIXED_MASK: 0xc7,
  S_FIXED: 0xc2,
  I_FIXED_MASK: 0xe2,
  BLOCK_NUMBER: 0x01,
  NAD_FOLLOWS: 0x04,
  CID_FOLLOWS: 0x08,
  CHAINING: 0x10,
  R_NAK: 0x10,
  S_TYPE_MASK: 0x30,
  S_DESELECT: 0x00,
  S_WTX: 0x30,
});

/** S(WTX) INF: WTXM in b6..b1 (1..59; 60..63 RFU), b8..b7 = power level indication. */
export const WTXM = Object.freeze({ MASK: 0x3f, MIN: 1, MAX: 59 });

/** ISO 14443-3 CRC_B: ISO/IEC 13239 CRC-16 reflected, preset FFFF, inverted; sent least significant byte first. */
export function crcB(bytes: Uint8Array): [number, number] {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  crc = ~crc & 0xffff;
  return [crc & 0xff, crc >>> 8];
}
