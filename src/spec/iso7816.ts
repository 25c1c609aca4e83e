/**
 * ISO/IEC 7816-3 numbers outside T=1: the ATR's initial character (§8.1) and the PPS
 * request (§9.2).
 */

/** ISO 7816-3 §8.1 TS: the ATR's first byte names the convention. */
export const ATR_TS = Object.freeze({ direct: 0x3b, inverse: 0x3f });

/** ISO 7816-3 §9.2 PPS request: PPSS = FF, then PPS0 whose b5 announces PPS1. */
export const PPS = Object.freeze({ PPSS: 0xff, PPS0_PPS1_PRESENT: 0x10 });

