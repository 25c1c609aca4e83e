/**
 * The faults a virtual reader plays on demand (issue 4 §2), armed by `inject` and
 * consulted where each one bites: the slot (mute power-on, card pulled mid-exchange),
 * the T=1 card side (bad EDC, S(WTX) storm), the reply path (stale bSeq, truncated or
 * over-long frames, bStatus time extensions, silence) and the device (stalled endpoint).
 */
import { CCID_HEADER_LENGTH, COMMAND_STATUS, HDR, ICC_STATUS, RDR_TO_PC } from '../../spec/index';
import type { Fault } from './types';

const DEFAULTS = Object.freeze({ stale: 1, count: 1, extra: 6, extensions: 5, multiplier: 2, truncateBy: 3 });

export class FaultBoard {
  private mute = 0;
  private pullCard = false;
  silent = false;
  heldByOs = false;
  private staleFrames = 0;
  private wrongSeqAlways = false;
  private truncate = 0;
  private overLong = 0;
  private overLongExtra: number = DEFAULTS.extra;
  private storm: { extensions: number; multiplier: number } | null = null;
  private badEdc = 0;
  private zlp = 0;

  constructor(private readonly onStall: (endpoint: 'bulk-in' | 'bulk-out') => void) {}

  inject(f: Fault): void {
    switch (f.kind) {
      case 'mute-first-voltage': this.mute = f.count ?? DEFAULTS.count; break;
      case 'card-removed-mid-exchange': this.pullCard = true; break;
      case 'silent': this.silent = true; break;
      case 'claimed-by-os': this.heldByOs = true; break;
      case 'stall': this.onStall(f.endpoint); break;
      case 'wrong-bseq':
        this.wrongSeqAlways = f.always === true;
        this.staleFrames = f.stale ?? DEFAULTS.stale;
        break;
      case 'truncated-reply': this.truncate = f.count ?? DEFAULTS.count; break;
      case 'over-long-reply':
        this.overLong = f.count ?? DEFAULTS.count;
        this.overLongExtra = f.extra ?? DEFAULTS.extra;
        break;
      case 'time-extension-storm':
        this.storm = { extensions: f.extensions ?? DEFAULTS.extensions, multiplier: f.multiplier ?? DEFAULTS.multiplier };
        break;
      case 't1-bad-edc': this.badEdc = f.count ?? DEFAULTS.count; break;
      case 'zero-length-packets': this.zlp = f.count ?? DEFAULTS.count; break;
    }
  }

  clear(): void {
    [this.pullCard, this.silent, this.wrongSeqAlways, this.heldByOs] = [false, false, false, false];
    this.mute = 0;
    [this.staleFrames, this.truncate, this.overLong, this.badEdc, this.zlp] = [0, 0, 0, 0, 0];
    this.storm = null;
  }

  takeMute(): boolean {
    if (this.mute === 0) return false;
    this.mute--;
    return true;
  }

  takeCardPull(): boolean {
    const p = this.pullCard;
    this.pullCard = false;
    return p;
  }

  takeBadEdc(): boolean {
    if (this.badEdc === 0) return false;
    this.badEdc--;
    return true;
  }

  wtxBeforeAnswer(): { count: number; multiplier: number } {
    return this.storm === null ? { count: 0, multiplier: 1 } : { count: this.storm.extensions, multiplier: this.storm.multiplier };
  }

  /** The frames that actually go out for one reply, after the armed reply faults. */
  shape(reply: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    const seq = reply[HDR.bSeq]!;
    if (this.zlp > 0) {
      this.zlp--;
      out.push(new Uint8Array(0));
    }
    if (this.storm && reply[HDR.bMessageType] === RDR_TO_PC.DataBlock) {
      for (let i = 0; i < this.storm.extensions; i++) out.push(timeExtension(reply, this.storm.multiplier));
    }
    for (let i = 0; i < this.staleFrames; i++) out.push(withSeq(reply, (seq - 1 - i) & 0xff));
    if (!this.wrongSeqAlways) this.staleFrames = 0;
    // Far from any bSeq the host will use soon, so a left-over frame cannot pass for a later answer.
    let last = this.wrongSeqAlways ? withSeq(reply, seq ^ 0x80) : reply;
    if (this.truncate > 0) {
      this.truncate--;
      last = last.slice(0, last.length - DEFAULTS.truncateBy);
    } else if (this.overLong > 0) {
      this.overLong--;
      last = Uint8Array.from([...last, ...new Uint8Array(this.overLongExtra)]);
    }
    out.push(last);
    return out;
  }
}

function withSeq(frame: Uint8Array, seq: number): Uint8Array {
  const f = frame.slice();
  f[HDR.bSeq] = seq;
  return f;
}

/** A DataBlock header with bmCommandStatus = time extension and bError = the BWT multiplier (facts B1). */
function timeExtension(reply: Uint8Array, multiplier: number): Uint8Array {
  const f = reply.slice(0, CCID_HEADER_LENGTH);
  f.fill(0, HDR.dwLength, HDR.dwLength + 4);
  f[HDR.bStatus] = COMMAND_STATUS.timeExtension | (reply[HDR.bStatus]! & ICC_STATUS.mask);
  f[HDR.bError] = multiplier;
  return f;
}
