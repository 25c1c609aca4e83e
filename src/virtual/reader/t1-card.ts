/**
 * The card's half of ISO 7816-3 §11 T=1 (block protocol; the rules as facts B3 list
 * them), run by a TPDU-level virtual reader: the host sends one block per XfrBlock and
 * gets one block back. It is written independently of the driver's t1.ts (only the
 * spec.ts numbers are shared), so the driver's T=1 is tested against a counterpart,
 * not against itself. Implements: I-blocks with chaining both ways, R-block
 * acknowledgement, the last block sent again on an R-block that does not acknowledge
 * it, S(IFS), S(WTX) sent by the card before a slow answer, S(ABORT), S(RESYNCH), and
 * LRC or CRC checked on every block.
 */
import { T1 } from '../../spec/index';
import type { CardAtrParams } from './card-atr';

export interface T1CardHooks {
  /** Runs one APDU on the card. */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /** True when the next block sent must carry a wrong EDC (fault). */
  takeBadEdc(): boolean;
  /** How many S(WTX) requests precede the next answer (fault), and their multiplier. */
  wtxBeforeAnswer(): { readonly count: number; readonly multiplier: number };
  /** Counts a block crossing the card interface. */
  countBlock(): void;
}

/** ISO 7816-3 §11: IFSD starts at 32 until the host sends S(IFS). */
const INITIAL_IFSD = 32;

/** LRC: XOR of all prologue and information bytes (facts B3). */
export function lrc(bytes: Uint8Array): number {
  return bytes.reduce((x, b) => x ^ b, 0);
}

/** CRC as libccid computes it for T=1 (ISO/IEC 13239 CCITT, reflected, preset FFFF, sent high byte first). */
export function crc(bytes: Uint8Array): number {
  let v = 0xffff;
  for (const b of bytes) {
    v ^= b;
    for (let i = 0; i < 8; i++) v = v & 1 ? (v >>> 1) ^ 0x8408 : v >>> 1;
  }
  return v;
}

export class T1CardSide {
  private ifsd = INITIAL_IFSD;
  private cardNs = 0;
  private hostNs = 0;
  private rx: number[] = [];
  private tx: Uint8Array | null = null;
  private wtxLeft = 0;
  private wtxMultiplier = 1;
  private lastSent: Uint8Array;

  constructor(private readonly params: CardAtrParams, private readonly hooks: T1CardHooks) {
    this.lastSent = this.block(T1.R_BLOCK, new Uint8Array(0));
  }

  private get edcLength(): number {
    return this.params.edc === 'crc' ? 2 : 1;
  }

  private block(pcb: number, inf: Uint8Array): Uint8Array {
    const head = Uint8Array.from([0, pcb, inf.length, ...inf]);
    if (this.params.edc === 'lrc') return Uint8Array.from([...head, lrc(head)]);
    const c = crc(head);
    return Uint8Array.from([...head, c >> 8, c & 0xff]);
  }

  private send(pcb: number, inf: Uint8Array = new Uint8Array(0)): Uint8Array {
    this.lastSent = this.block(pcb, inf);
    return this.emit(this.lastSent);
  }

  private emit(block: Uint8Array): Uint8Array {
    this.hooks.countBlock();
    if (!this.hooks.takeBadEdc()) return block;
    const bad = block.slice();
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0x5a;
    return bad;
  }

  private rBlock(error: number): Uint8Array {
    return this.send(T1.R_BLOCK | (this.hostNs ? T1.R_NR : 0) | error);
  }

  /** One block from the host in, one block back. */
  async receive(block: Uint8Array): Promise<Uint8Array> {
    this.hooks.countBlock();
    const len = block[2];
    if (block.length < T1.PROLOGUE_LENGTH + this.edcLength || len === undefined || len === 0xff) return this.rBlock(T1.R_OTHER_ERROR);
    if (block.length !== T1.PROLOGUE_LENGTH + len + this.edcLength) return this.rBlock(T1.R_OTHER_ERROR);
    const body = block.subarray(0, T1.PROLOGUE_LENGTH + len);
    const edc = block.subarray(T1.PROLOGUE_LENGTH + len);
    const good = this.params.edc === 'lrc' ? edc[0] === lrc(body) : ((edc[0]! << 8) | edc[1]!) === crc(body);
    if (!good) return this.rBlock(T1.R_EDC_ERROR);
    const pcb = block[1]!;
    const inf = block.slice(T1.PROLOGUE_LENGTH, T1.PROLOGUE_LENGTH + len);
    if ((pcb & T1.I_BLOCK_MASK) === 0) return this.onIBlock(pcb, inf);
    if ((pcb & T1.R_BLOCK_MASK) === T1.R_BLOCK) return this.onRBlock(pcb);
    return this.onSBlock(pcb, inf);
  }

  private async onIBlock(pcb: number, inf: Uint8Array): Promise<Uint8Array> {
    const ns = pcb & T1.I_NS ? 1 : 0;
    // An I-block out of sequence is an invalid block: R-block "other error" asking for N(R);
    // never our previous answer, which would answer a new command with an old response.
    if (ns !== this.hostNs) return this.rBlock(T1.R_OTHER_ERROR);
    if (inf.length > this.params.ifsc) return this.rBlock(T1.R_OTHER_ERROR);
    this.tx = null; // a new command ends any answer chain the host gave up on
    this.hostNs ^= 1;
    this.rx.push(...inf);
    if (pcb & T1.I_MORE) return this.rBlock(0); // a chained block is acknowledged with R(N(R) = next N(S))
    const apdu = Uint8Array.from(this.rx);
    this.rx = [];
    this.tx = await this.hooks.transmit(apdu);
    const wtx = this.hooks.wtxBeforeAnswer();
    this.wtxLeft = wtx.count;
    this.wtxMultiplier = wtx.multiplier;
    return this.wtxLeft > 0 ? this.askWtx() : this.nextChunk();
  }

  private askWtx(): Uint8Array {
    this.wtxLeft--;
    return this.send(T1.S_WTX, Uint8Array.of(this.wtxMultiplier));
  }

  private nextChunk(): Uint8Array {
    const tx = this.tx ?? new Uint8Array(0);
    const chunk = tx.subarray(0, this.ifsd);
    const rest = tx.subarray(chunk.length);
    const pcb = (this.cardNs ? T1.I_NS : 0) | (rest.length > 0 ? T1.I_MORE : 0);
    this.cardNs ^= 1;
    this.tx = rest.length > 0 ? rest : null;
    return this.send(pcb, chunk);
  }

  private onRBlock(pcb: number): Uint8Array {
    const nr = pcb & T1.R_NR ? 1 : 0;
    const lastWasChainedI = (this.lastSent[1]! & T1.I_BLOCK_MASK) === 0 && (this.lastSent[1]! & T1.I_MORE) !== 0;
    // R(N(R) ≠ N(S) of our last I-block) acknowledges it and asks for the next chained block.
    if (lastWasChainedI && this.tx !== null && nr === this.cardNs) return this.nextChunk();
    // Anything else asks for the last block again.
    return this.emit(this.lastSent);
  }

  private onSBlock(pcb: number, inf: Uint8Array): Uint8Array {
    switch (pcb) {
      case T1.S_RESYNCH:
        [this.cardNs, this.hostNs, this.rx, this.tx, this.ifsd] = [0, 0, [], null, INITIAL_IFSD];
        return this.send(T1.S_RESYNCH | T1.S_RESPONSE);
      case T1.S_IFS: {
        const ifsd = inf[0];
        if (inf.length !== 1 || ifsd === undefined || ifsd < 1 || ifsd > T1.MAX_IFSD) return this.rBlock(T1.R_OTHER_ERROR);
        this.ifsd = ifsd;
        return this.send(T1.S_IFS | T1.S_RESPONSE, inf);
      }
      case T1.S_ABORT:
        [this.rx, this.tx] = [[], null];
        return this.send(T1.S_ABORT | T1.S_RESPONSE);
      case T1.S_WTX | T1.S_RESPONSE:
        if ((this.lastSent[1]! & 0xff) !== T1.S_WTX) return this.rBlock(T1.R_OTHER_ERROR);
        return this.wtxLeft > 0 ? this.askWtx() : this.nextChunk();
      default:
        return this.rBlock(T1.R_OTHER_ERROR);
    }
  }
}
