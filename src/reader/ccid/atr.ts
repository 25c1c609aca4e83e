/**
 * ISO 7816-3 §8 Answer-To-Reset parser. The ATR comes from the card through the
 * reader, so it is hostile: every byte is checked for presence before it is read
 * and any violation is an AtrParseError with a `reason`.
 */
import { ATR_TS, T1 } from '../../spec/index';
import { AtrParseError } from './errors';
import type { Atr } from './types';

/** ISO 7816-3 §8.2.1: an ATR has at most 32 characters after TS. */
const MAX_ATR_LENGTH = 33;
/** §11.4 defaults when the ATR does not give them. */
const T1_DEFAULTS = Object.freeze({ ifsc: T1.DEFAULT_IFSC, bwi: 4, cwi: 13 });
/** §8.3: without TA1, Fi = 372 (index 1) and Di = 1 (index 1). */
export const DEFAULT_FI_DI = 0x11;
/** §7.1: Fd, the clock rate conversion factor before any PPS; BWT is counted in it. */
export const FD = 372;
/** TD low nibble 15 marks global interface bytes, not a protocol (§8.2.3). */
const GLOBAL_TYPE = 15;

function fail(reason: string, message: string, at?: number): never {
  throw new AtrParseError(message, at === undefined ? { reason } : { reason, offset: at });
}

type Group = { ta?: number; tb?: number; tc?: number; td?: number };

/** Reads the TA/TB/TC/TD groups; returns them and the offset of the historical bytes. */
function readInterfaceBytes(bytes: Uint8Array): { groups: Group[]; at: number } {
  const groups: Group[] = [];
  let y = bytes[1]! >> 4;
  let at = 2;
  while (true) {
    const g: Group = {};
    const take = (): number => {
      if (at >= bytes.length) fail('truncated', `ATR ends inside interface bytes at offset ${at}`, at);
      return bytes[at++]!;
    };
    if (y & 0x1) g.ta = take();
    if (y & 0x2) g.tb = take();
    if (y & 0x4) g.tc = take();
    if (y & 0x8) g.td = take();
    groups.push(g);
    if (g.td === undefined) break;
    y = g.td >> 4;
  }
  return { groups, at };
}

/** ISO 7816-3 §11.4: T=1 bytes are the TA/TB/TC following the first TD(i) that announces T=1, i ≥ 2. */
function t1Parameters(groups: readonly Group[]): Atr['t1'] {
  for (let i = 1; i < groups.length; i++) {
    if (((groups[i - 1]!.td ?? 0) & 0x0f) === 1 && i >= 2) {
      const g = groups[i]!;
      const ifsc = g.ta ?? T1_DEFAULTS.ifsc;
      return {
        // §11.4.2: IFSC 0x00 and 0xFF are reserved; treat them as the default.
        ifsc: ifsc >= 1 && ifsc <= T1.MAX_INF ? ifsc : T1_DEFAULTS.ifsc,
        bwi: g.tb === undefined ? T1_DEFAULTS.bwi : g.tb >> 4,
        cwi: g.tb === undefined ? T1_DEFAULTS.cwi : g.tb & 0x0f,
        edc: g.tc !== undefined && (g.tc & 0x01) === 1 ? 'crc' : 'lrc',
      };
    }
  }
  return { ...T1_DEFAULTS, edc: 'lrc' };
}

export function parseAtr(bytes: Uint8Array): Atr {
  if (bytes.length < 2) fail('too-short', `ATR has ${bytes.length} bytes; TS and T0 are required`);
  if (bytes.length > MAX_ATR_LENGTH) fail('too-long', `ATR has ${bytes.length} bytes, at most ${MAX_ATR_LENGTH} allowed`);
  const ts = bytes[0]!;
  if (ts !== ATR_TS.direct && ts !== ATR_TS.inverse) fail('bad-ts', `TS 0x${ts.toString(16)} is neither 3B nor 3F`, 0);
  const { groups, at } = readInterfaceBytes(bytes);
  const historicalCount = bytes[1]! & 0x0f;
  const tds = groups.map((g) => g.td).filter((td): td is number => td !== undefined);
  const protocols = tds.length === 0 ? [0] : [...new Set(tds.map((td) => td & 0x0f).filter((t) => t !== GLOBAL_TYPE))];
  // §8.2.5: TCK is present unless only T=0 is indicated.
  const hasTck = tds.some((td) => (td & 0x0f) !== 0);
  const end = at + historicalCount + (hasTck ? 1 : 0);
  if (end > bytes.length) fail('truncated', `ATR needs ${end} bytes, has ${bytes.length}`);
  if (end < bytes.length) fail('trailing-bytes', `ATR has ${bytes.length - end} bytes after its end`, end);
  let tck: number | undefined;
  if (hasTck) {
    tck = bytes[end - 1]!;
    let x = 0;
    for (let i = 1; i < end; i++) x ^= bytes[i]!;
    if (x !== 0) fail('bad-tck', 'ATR check byte TCK does not match (XOR of T0..TCK must be 0)', end - 1);
  }
  const g1 = groups[0]!;
  const g2 = groups[1];
  return Object.freeze({
    raw: bytes.slice(),
    convention: ts === ATR_TS.direct ? 'direct' : 'inverse',
    ts,
    t0: bytes[1]!,
    interfaceBytes: groups,
    historicalBytes: bytes.slice(at, at + historicalCount),
    ...(tck === undefined ? {} : { tck }),
    protocols,
    fiDi: g1.ta ?? DEFAULT_FI_DI,
    guardTime: g1.tc ?? 0,
    specificMode: g2?.ta !== undefined,
    t1: t1Parameters(groups),
  });
}

/** ISO 7816-3 Table 7/8: Fi and Di from TA1, for BWT/CWT and PPS. undefined = RFU value. */
const FI = [372, 372, 558, 744, 1116, 1488, 1860, undefined, undefined, 512, 768, 1024, 1536, 2048, undefined, undefined];
const DI = [undefined, 1, 2, 4, 8, 16, 32, 64, 12, 20, undefined, undefined, undefined, undefined, undefined, undefined];

export function fiDiValues(fiDi: number): { fi: number; di: number } | undefined {
  const fi = FI[fiDi >> 4];
  const di = DI[fiDi & 0x0f];
  return fi === undefined || di === undefined ? undefined : { fi, di };
}
