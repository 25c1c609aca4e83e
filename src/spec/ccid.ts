/**
 * USB CCID rev 1.1 numbers and byte layouts, with the spec's names (facts webusb-ccid.md
 * B1, B2). Written once, read by both sides: the CCID driver (src/reader/ccid) and the
 * virtual reader (src/virtual/reader) take their message types, offsets and bits from
 * here and from nowhere else (STYLE §2). Numbers only: no engine of either side lives here.
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
