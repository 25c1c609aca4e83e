/**
 * What the reader side needs from the card's ATR (ISO 7816-3 §8 and §11): the rate
 * (TA1), guard time (TC1), and the T=1 parameters IFSC (TA3), BWI/CWI (TB3) and the
 * EDC kind (TC3 bit 1). Written apart from the driver's parseAtr on purpose: the two
 * sides of the wire must not share a bug. An ATR too short for what it announces gives
 * the ISO defaults for the missing bytes.
 */
import { ATR_TS, T1, T1_PARAMETERS } from '../../spec/index';

export interface CardAtrParams {
  /** TA1, 0x11 when absent (Fi=372, Di=1). */
  readonly fiDi: number;
  readonly guardTime: number;
  readonly ifsc: number;
  readonly bwi: number;
  readonly cwi: number;
  readonly edc: 'lrc' | 'crc';
  /** TS = 0x3F: inverse convention. */
  readonly inverse: boolean;
}

export const DEFAULT_FIDI = 0x11;
/** ISO 7816-3 §11 defaults when TB3 is absent: BWI 4, CWI 13. */
const DEFAULT_BWI = 4;
const DEFAULT_CWI = 13;

/** ISO 7816-3 tables 7 and 8: Fi and Di by their 4-bit indexes (0 = RFU). */
const FI = [372, 372, 558, 744, 1116, 1488, 1860, 0, 0, 512, 768, 1024, 1536, 2048, 0, 0];
const DI = [0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0];

export function cardAtrParams(atr: Uint8Array): CardAtrParams {
  let fiDi = DEFAULT_FIDI;
  let guardTime = 0;
  let ifsc: number = T1.DEFAULT_IFSC;
  let bwi = DEFAULT_BWI;
  let cwi = DEFAULT_CWI;
  let edc: 'lrc' | 'crc' = 'lrc';
  let y = (atr[1] ?? 0) >> 4;
  let at = 2;
  let level = 1;
  let t1Next = false; // the previous TD announced T=1, so this level's TA/TB/TC are T=1 specific (level ≥ 3)
  while (y !== 0 && at < atr.length) {
    const ta = y & 1 ? atr[at++] : undefined;
    const tb = y & 2 ? atr[at++] : undefined;
    const tc = y & 4 ? atr[at++] : undefined;
    const td = y & 8 ? atr[at++] : undefined;
    if (level === 1) {
      if (ta !== undefined) fiDi = ta;
      if (tc !== undefined) guardTime = tc;
    } else if (level >= 3 && t1Next) {
      if (ta !== undefined && ta >= 1 && ta <= T1.MAX_INF) ifsc = ta;
      if (tb !== undefined) [bwi, cwi] = [tb >> 4, tb & 0x0f];
      if (tc !== undefined) edc = tc & 1 ? 'crc' : 'lrc';
    }
    t1Next = td !== undefined && (td & 0x0f) === 1;
    y = td === undefined ? 0 : td >> 4;
    level++;
  }
  return { fiDi, guardTime, ifsc, bwi, cwi, edc, inverse: atr[0] === ATR_TS.inverse };
}

/** One elementary time unit in ms at `clockKHz` for the given TA1-style Fi/Di byte; ISO 7816-3 §7.1. */
export function etuMs(fiDi: number, clockKHz: number): number {
  const f = FI[fiDi >> 4] || FI[1]!;
  const d = DI[fiDi & 0x0f] || 1;
  return f / (d * Math.max(clockKHz, 1));
}

/** The 7 bytes of a T=1 Parameters reply (abProtocolDataStructure for T=1, in the order facts B3 gives). */
export function t1ParameterBytes(p: CardAtrParams): Uint8Array {
  const P = T1_PARAMETERS;
  const out = new Uint8Array(P.LENGTH);
  out[P.bmFindexDindex] = p.fiDi;
  out[P.bmTCCKST1] = P.TCCKST1_BASE | (p.edc === 'crc' ? P.TCCKST1_CRC : 0) | (p.inverse ? P.TCCKST1_INVERSE : 0);
  out[P.bGuardTimeT1] = p.guardTime;
  out[P.bmWaitingIntegersT1] = (p.bwi << 4) | p.cwi;
  out[P.bIFSC] = p.ifsc;
  return out;
}
