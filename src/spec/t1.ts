/**
 * ISO/IEC 7816-3 §11 T=1 numbers: block layout, PCB bits, S-block types, sizes and the
 * retransmission limit. Read by the driver's T=1 engine and by the virtual card-side one.
 */

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

