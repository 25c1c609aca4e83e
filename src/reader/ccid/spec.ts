/**
 * CCID rev 1.1 and ISO 7816-3 T=1 numbers, with the spec's names (webusb-ccid.md B1,
 * B2, B3). Written once: the driver and the virtual reader both take their message
 * types, offsets and bits from here and from nowhere else (STYLE §2).
 */

/** Every bulk message starts with this 10-byte header. */
export const CCID_HEADER_LENGTH = 10;
export const HDR = Object.freeze({
  bMessageType: 0,
  dwLength: 1,
  bSlot: 5,
  bSeq: 6,
  /** PC_to_RDR bytes 7..9 are message-specific (bPowerSelect, bBWI + wLevelParameter, bProtocolNum). */
  specific: 7,
  /** RDR_to_PC: */
  bStatus: 7,
  bError: 8,
  bChainParameter: 9,
});

export const PC_TO_RDR = Object.freeze({
  SetParameters: 0x61,
  IccPowerOn: 0x62,
  IccPowerOff: 0x63,
  GetSlotStatus: 0x65,
  Secure: 0x69,
  T0APDU: 0x6a,
  Escape: 0x6b,
  GetParameters: 0x6c,
  ResetParameters: 0x6d,
  IccClock: 0x6e,
  XfrBlock: 0x6f,
  Mechanical: 0x71,
  Abort: 0x72,
  SetDataRateAndClockFrequency: 0x73,
});

export const RDR_TO_PC = Object.freeze({
  DataBlock: 0x80,
  SlotStatus: 0x81,
  Parameters: 0x82,
  Escape: 0x83,
  DataRateAndClockFrequency: 0x84,
});

export const INTERRUPT = Object.freeze({ NotifySlotChange: 0x50, HardwareError: 0x51 });

/** NotifySlotChange bmSlotICCState: two bits per slot, slot 0 in bits 1..0 of byte 1 (B1). */
export const SLOT_ICC_STATE = Object.freeze({ present: 0x01, changed: 0x02, bitsPerSlot: 2, mask: 0x03 });

/** bPowerSelect of IccPowerOn. */
export const POWER_SELECT = Object.freeze({ auto: 0x00, v5: 0x01, v3: 0x02, v1_8: 0x03 });

/** bStatus = bmCommandStatus (bits 7..6) | bmICCStatus (bits 1..0). */
export const ICC_STATUS = Object.freeze({ mask: 0x03, activeCard: 0x00, inactiveCard: 0x01, noCard: 0x02 });
export const COMMAND_STATUS = Object.freeze({ mask: 0xc0, ok: 0x00, failed: 0x40, timeExtension: 0x80 });

/** bError when bmCommandStatus = failed. */
export const SLOT_ERROR = Object.freeze({
  CMD_ABORTED: 0xff,
  ICC_MUTE: 0xfe,
  XFR_PARITY_ERROR: 0xfd,
  XFR_OVERRUN: 0xfc,
  HW_ERROR: 0xfb,
  BAD_ATR_TS: 0xf8,
  BAD_ATR_TCK: 0xf7,
  ICC_PROTOCOL_NOT_SUPPORTED: 0xf6,
  ICC_CLASS_NOT_SUPPORTED: 0xf5,
  PROCEDURE_BYTE_CONFLICT: 0xf4,
  DEACTIVATED_PROTOCOL: 0xf3,
  BUSY_WITH_AUTO_SEQUENCE: 0xf2,
  PIN_TIMEOUT: 0xf0,
  PIN_CANCELLED: 0xef,
  CMD_SLOT_BUSY: 0xe0,
  CMD_NOT_SUPPORTED: 0x00,
});

/** bChainParameter / wLevelParameter for extended APDU exchange (B1). */
export const CHAIN = Object.freeze({
  beginsAndEnds: 0x00,
  beginsContinues: 0x01,
  continuesEnds: 0x02,
  continuesMore: 0x03,
  emptyContinue: 0x10,
});

/** Class-specific control requests on the interface. */
export const CLASS_REQUEST = Object.freeze({ ABORT: 0x01, GET_CLOCK_FREQUENCIES: 0x02, GET_DATA_RATES: 0x03 });

/** USB descriptor numbers. */
export const USB = Object.freeze({
  DESCRIPTOR_CONFIGURATION: 0x02,
  DESCRIPTOR_INTERFACE: 0x04,
  DESCRIPTOR_ENDPOINT: 0x05,
  DESCRIPTOR_CCID: 0x21,
  REQUEST_GET_DESCRIPTOR: 0x06,
  CLASS_SMART_CARD: 0x0b,
  CLASS_VENDOR: 0xff,
  CONFIGURATION_HEADER_LENGTH: 9,
});

/** The CCID class descriptor (bDescriptorType 0x21, bLength 54), B2 offsets. */
export const CCID_DESCRIPTOR_LENGTH = 0x36;
export const DESC = Object.freeze({
  bLength: 0,
  bDescriptorType: 1,
  /** BCD, e.g. 0x0110 for "1.10". */
  bcdCCID: 2,
  bMaxSlotIndex: 4,
  bVoltageSupport: 5,
  dwProtocols: 6,
  /** kHz. */
  dwDefaultClock: 10,
  /** kHz. */
  dwMaximumClock: 14,
  bNumClockSupported: 18,
  /** bit/s. */
  dwDataRate: 19,
  /** bit/s. */
  dwMaxDataRate: 23,
  bNumDataRatesSupported: 27,
  dwMaxIFSD: 28,
  dwSynchProtocols: 32,
  dwMechanical: 36,
  dwFeatures: 40,
  dwMaxCCIDMessageLength: 44,
  bClassGetResponse: 48,
  bClassEnvelope: 49,
  wLcdLayout: 50,
  bPINSupport: 52,
  bMaxCCIDBusySlots: 53,
});

/**
 * Every field of the CCID class descriptor as a number, named as DESC names it. The field
 * list is DESC's keys, so the driver's parsed descriptor and the virtual reader's profile
 * cannot drift apart from the offsets or from each other.
 */
export type CcidClassFields = { readonly [K in keyof typeof DESC]: number };

/** The exchange level dwFeatures bits 16..18 announce (FEATURE.LEVEL_*). */
export type ExchangeLevel = 'character' | 'tpdu' | 'short-apdu' | 'extended-apdu';

/** dwFeatures bits (B2). */
export const FEATURE = Object.freeze({
  AUTO_PARAMETER_CONFIG_FROM_ATR: 0x02,
  AUTO_ACTIVATION_ON_INSERT: 0x04,
  AUTO_VOLTAGE: 0x08,
  AUTO_CLOCK: 0x10,
  AUTO_BAUD: 0x20,
  AUTO_PARAMETER_NEGOTIATION: 0x40,
  AUTO_PPS: 0x80,
  CLOCK_STOP: 0x100,
  NAD_NOT_ZERO: 0x200,
  AUTO_IFSD: 0x400,
  LEVEL_MASK: 0x70000,
  LEVEL_CHARACTER: 0x00000,
  LEVEL_TPDU: 0x10000,
  LEVEL_SHORT_APDU: 0x20000,
  LEVEL_EXTENDED_APDU: 0x40000,
  USB_WAKEUP: 0x100000,
});

/** dwProtocols bits. */
export const PROTOCOL = Object.freeze({ T0: 0x01, T1: 0x02 });

/** ISO 7816-3 §11 T=1 block layout: NAD PCB LEN INF EDC. */
export const T1 = Object.freeze({
  PROLOGUE_LENGTH: 3,
  MAX_INF: 254,
  /** PCB: I-block b8=0, N(S) b7, M (more) b6. */
  I_BLOCK_MASK: 0x80,
  I_NS: 0x40,
  I_MORE: 0x20,
  /** R-block: 10xx xxxx, N(R) b5, error b2..b1. */
  R_BLOCK: 0x80,
  R_BLOCK_MASK: 0xc0,
  R_NR: 0x10,
  R_ERROR_MASK: 0x0f,
  R_EDC_ERROR: 0x01,
  R_OTHER_ERROR: 0x02,
  /** S-block: 11xx xxxx; response adds 0x20. */
  S_BLOCK: 0xc0,
  S_RESPONSE: 0x20,
  S_RESYNCH: 0xc0,
  S_IFS: 0xc1,
  S_ABORT: 0xc2,
  S_WTX: 0xc3,
  /** The largest IFSD a host may ask for (ISO 7816-3 §11.4.2). */
  MAX_IFSD: 254,
  DEFAULT_IFSC: 32,
  /** Retransmissions before RESYNCH (ISO 7816-3 §11.6.3; libccid uses 3). */
  MAX_RETRIES: 3,
});

/** ISO 7816-3 §8.1 TS: the ATR's first byte names the convention. */
export const ATR_TS = Object.freeze({ direct: 0x3b, inverse: 0x3f });

/** ISO 7816-3 §9.2 PPS request: PPSS = FF, then PPS0 whose b5 announces PPS1. */
export const PPS = Object.freeze({ PPSS: 0xff, PPS0_PPS1_PRESENT: 0x10 });

/**
 * abProtocolDataStructure of SetParameters / Parameters (B1): T=1's seven bytes by offset,
 * and bmTCCKST1 = 0x10 | b0 CRC | b1 inverse convention (ISO 7816-3 §11.4.3). T=0 has five.
 */
export const T1_PARAMETERS = Object.freeze({
  bmFindexDindex: 0,
  bmTCCKST1: 1,
  bGuardTimeT1: 2,
  bmWaitingIntegersT1: 3,
  bClockStop: 4,
  bIFSC: 5,
  bNadValue: 6,
  LENGTH: 7,
  T0_LENGTH: 5,
  TCCKST1_BASE: 0x10,
  TCCKST1_CRC: 0x01,
  TCCKST1_INVERSE: 0x02,
});

/** SetParameters protocol numbers. */
export const PROTOCOL_NUM = Object.freeze({ T0: 0x00, T1: 0x01 });
