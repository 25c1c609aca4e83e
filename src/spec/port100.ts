/**
 * Sony Port-100 numbers (RC-S380), as nfcpy's rcs380.py, Linux drivers/nfc/port100.c and
 * felica-rs agree on them (facts sony-readers.md §2). Read by the Port-100 driver
 * (src/reader/port100) and by the virtual RC-S380 (src/virtual/port100); numbers only.
 */

/** USB ids of the two RC-S380 models (§2.1): /S and /P differ only in their CE/FCC marks. */
export const PORT100_DEVICES: readonly { readonly vendorId: number; readonly productId: number; readonly model: string }[] = Object.freeze([
  Object.freeze({ vendorId: 0x054c, productId: 0x06c1, model: 'RC-S380/S' }),
  Object.freeze({ vendorId: 0x054c, productId: 0x06c3, model: 'RC-S380/P' }),
]);

export function isPort100Device(ids: { readonly vendorId: number; readonly productId: number }): boolean {
  return PORT100_DEVICES.some((d) => d.vendorId === ids.vendorId && d.productId === ids.productId);
}

/**
 * Frame layout (§2.2): 00 00 FF, then either FF FF LEN(LE16) LCS (extended) or LEN LCS
 * (normal), DATA, DCS, 00. ACK is 00 00 FF 00 FF 00.
 */
export const FRAME = Object.freeze({
  PREAMBLE: Object.freeze([0x00, 0x00, 0xff]) as readonly number[],
  EXTENDED_MARKER: 0xff,
  /** Preamble + start code + FF FF + LEN(2) + LCS. */
  EXTENDED_HEADER_LENGTH: 8,
  /** Preamble + start code + LEN + LCS. */
  NORMAL_HEADER_LENGTH: 5,
  /** DCS + postamble. */
  TRAILER_LENGTH: 2,
  POSTAMBLE: 0x00,
  ACK: Object.freeze([0x00, 0x00, 0xff, 0x00, 0xff, 0x00]) as readonly number[],
  /** DATA[0] host → reader and reader → host (§2.2). */
  HOST_TO_READER: 0xd6,
  READER_TO_HOST: 0xd7,
  /** Largest frame we read: the kernel's buffer is header + 1001 + tail; the RC-S380 sends at most 290 RF bytes. */
  MAX_FRAME_LENGTH: 1024,
});

/** Command codes (§2.3); the response code is the command code + 1. */
export const CMD = Object.freeze({
  InSetRF: 0x00,
  InSetProtocol: 0x02,
  InCommRF: 0x04,
  SwitchRF: 0x06,
  GetFirmwareVersion: 0x20,
  GetPDDataVersion: 0x22,
  GetCommandType: 0x28,
  SetCommandType: 0x2a,
});

/** The status byte of a chip command (§2.3, nfcpy StatusError). */
export const CHIP_STATUS = Object.freeze({
  SUCCESS: 0x00,
  PARAMETER_ERROR: 0x01,
  PB_ERROR: 0x02,
  RFCA_ERROR: 0x03,
  TEMPERATURE_ERROR: 0x04,
  PWD_ERROR: 0x05,
  RECEIVE_ERROR: 0x06,
  COMMANDTYPE_ERROR: 0x07,
});

/** InCommRF status LE32 bits (§2.3, nfcpy CommunicationError). */
export const COMM_STATUS = Object.freeze({
  PROTOCOL_ERROR: 0x01,
  PARITY_ERROR: 0x02,
  CRC_ERROR: 0x04,
  COLLISION_ERROR: 0x08,
  OVERFLOW_ERROR: 0x10,
  TEMPERATURE_ERROR: 0x40,
  /** No answer from the card within the timeout (the kernel maps it to ETIMEDOUT). */
  RECEIVE_TIMEOUT: 0x80,
  CRYPTO1_ERROR: 0x100,
  RFCA_ERROR: 0x200,
  RF_OFF_ERROR: 0x400,
  TRANSMIT_TIMEOUT: 0x800,
  RECEIVE_LENGTH_ERROR: 0x80000000,
});

/** InCommRF response: status LE32, one byte nfcpy and the kernel skip, then the RF data (§2.3). */
export const INCOMMRF_HEADER_LENGTH = 5;
/** InCommRF timeout field unit (§2.7): 0.1 ms, LE16, so at most 6.5535 s per wait. */
export const INCOMMRF_TIMEOUT_UNIT_MS = 0.1;
export const INCOMMRF_MAX_TIMEOUT = 0xffff;
/** Largest RF frame the RC-S380 sends or receives, bytes (nfcpy get_max_send/recv_data_size). */
export const PORT100_MAX_RF_DATA = 290;

/** SwitchRF parameter. */
export const RF = Object.freeze({ OFF: 0x00, ON: 0x01 });

/** The command type the host asks for when the reader offers it (bit 1 of GetCommandType's mask, §2.4). */
export const COMMAND_TYPE = Object.freeze({ PREFERRED: 0x01, FALLBACK: 0x00 });

/** InSetRF settings (§2.5): send-set#, send-type, recv-set#, recv-type. */
export const IN_SET_RF = Object.freeze({
  TYPE_B_106: Object.freeze([0x03, 0x07, 0x0f, 0x07]) as readonly number[],
  TYPE_B_212: Object.freeze([0x03, 0x08, 0x0f, 0x08]) as readonly number[],
  TYPE_B_424: Object.freeze([0x03, 0x09, 0x0f, 0x09]) as readonly number[],
});

/** The InSetRF setting of each Type B rate. */
export const IN_SET_RF_TYPE_B = Object.freeze({ 106: IN_SET_RF.TYPE_B_106, 212: IN_SET_RF.TYPE_B_212, 424: IN_SET_RF.TYPE_B_424 });

/** InSetProtocol indices (§2.5, nfcpy KEYS, kernel PORT100_IN_PROT_*). */
export const IN_PROT = Object.freeze({
  INITIAL_GUARD_TIME: 0x00,
  ADD_CRC: 0x01,
  CHECK_CRC: 0x02,
  MULTI_CARD: 0x03,
  ADD_PARITY: 0x04,
  CHECK_PARITY: 0x05,
  BITWISE_AC: 0x06,
  VALID_BIT_NUMBER: 0x07,
  CRYPTO1: 0x08,
  ADD_SOF: 0x09,
  CHECK_SOF: 0x0a,
  ADD_EOF: 0x0b,
  CHECK_EOF: 0x0c,
  DEAF_TIME: 0x0e,
  CRM: 0x0f,
  CRM_MIN_LEN: 0x10,
  T1_TAG_FRAME: 0x11,
  RFCA: 0x12,
  GUARD_TIME: 0x13,
});

/** The defaults nfcpy and aruneko send first (§2.5 item 2), as (index, value) pairs. */
export const IN_PROTOCOL_DEFAULTS: readonly number[] = Object.freeze([
  0x00, 0x18, 0x01, 0x01, 0x02, 0x01, 0x03, 0x00, 0x04, 0x00, 0x05, 0x00, 0x06, 0x00, 0x07, 0x08,
  0x08, 0x00, 0x09, 0x00, 0x0a, 0x00, 0x0b, 0x00, 0x0c, 0x00, 0x0e, 0x04, 0x0f, 0x00, 0x10, 0x00,
  0x11, 0x00, 0x12, 0x00, 0x13, 0x06,
]);

/** Type B on top of the defaults (§2.5 item 3): SOF/EOF added and checked, initial guard time 0x14. */
export const IN_PROTOCOL_TYPE_B: readonly number[] = Object.freeze([0x0b, 0x01, 0x09, 0x01, 0x0c, 0x01, 0x0a, 0x01, 0x00, 0x14]);
