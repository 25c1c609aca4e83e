/**
 * ISO/IEC 14443-4 half-duplex block transmission protocol, PCD side (ISO-DEP), written
 * from the standard's rules (§7.5.3 rules A-B for both sides, rules 1-8 for the PCD, as
 * nfcpy's tt4.py and felica-rs's iso_dep.rs apply them; facts sony-readers.md §3.2). CID 0
 * was assigned in ATTRIB and no NAD is used, so neither byte is sent (§3.2). The engine
 * knows blocks only: the link below sends one block and returns the card's, or says it
 * timed out or arrived damaged (CRC_B is the reader's).
 *
 * A command carrying a PIN goes to the card at most once (issue 14 §4): when the card asks
 * for that I-block again (rule 6), the command ends instead, because a retransmission the
 * card did take would cost a try the holder did not spend.
 */
import { concat } from '../../bytes';
import { MAX_RESPONSE_APDU_LENGTH, bytesCarryPin } from '../../card/index';
import { PCB, TYPE_B, WTXM } from '../../spec/index';
import { logWire } from '../../wire-log';
import { CardLeftFieldError, IsoDepProtocolError, IsoDepTimeoutError } from './errors';

/** What the link below returns for one block: the card's block, or why there is none. */
export type BlockResult = Uint8Array | 'timeout' | 'invalid';
export type BlockLink = (block: Uint8Array, timeoutMs: number) => Promise<BlockResult>;

export interface IsoDepParameters {
  /** The card's frame size (FSC from the ATQB), bytes including PCB and CRC_B. */
  readonly fsc: number;
  /** Our frame size announced in ATTRIB (FSD). */
  readonly fsd: number;
  /** The card's frame waiting time (FWI from the ATQB), ms. */
  readonly fwtMs: number;
  /** Retransmissions of one block before giving up (ISO 14443-4 leaves the count to the PCD). */
  readonly maxRetries: number;
  /** S(WTX) requests in a row before the command is given up as timed out. */
  readonly maxWtx: number;
}

type Block =
  | { readonly kind: 'I'; readonly bn: number; readonly chaining: boolean; readonly inf: Uint8Array }
  | { readonly kind: 'R'; readonly bn: number; readonly nak: boolean }
  | { readonly kind: 'S'; readonly type: 'deselect' | 'wtx'; readonly inf: Uint8Array };

/** CRC_B is stripped by the reader, so a block is PCB [CID] INF. */
const PROLOGUE = 1;

/** The PCB of each block we send (§7.1.1). */
export const BLOCKS = Object.freeze({
  i: (bn: number, chaining: boolean): number => PCB.I_FIXED | (chaining ? PCB.CHAINING : 0) | bn,
  ack: (bn: number): number => PCB.R_FIXED | bn,
  nak: (bn: number): number => PCB.R_FIXED | PCB.R_NAK | bn,
  deselect: PCB.S_FIXED | PCB.S_DESELECT,
  wtx: PCB.S_FIXED | PCB.S_WTX,
});

/** Decodes a card's block; undefined for one that breaks §7.1 (fixed bits, a CID not ours, a NAD we never asked for). */
export function decodeBlock(bytes: Uint8Array, fsd: number): Block | undefined {
  if (bytes.length < PROLOGUE || bytes.length > fsd - 2) return undefined;
  const pcb = bytes[0]!;
  let at = PROLOGUE;
  if (pcb & PCB.CID_FOLLOWS) {
    if (bytes[at] === undefined || (bytes[at]! & 0x0f) !== 0) return undefined;
    at++;
  }
  const inf = bytes.slice(at);
  switch (pcb & PCB.TYPE_MASK) {
    case PCB.I_BLOCK:
      if ((pcb & PCB.I_FIXED_MASK) !== PCB.I_FIXED || pcb & PCB.NAD_FOLLOWS) return undefined;
      return { kind: 'I', bn: pcb & PCB.BLOCK_NUMBER, chaining: (pcb & PCB.CHAINING) !== 0, inf };
    case PCB.R_BLOCK:
      if ((pcb & PCB.R_FIXED_MASK) !== PCB.R_FIXED || inf.length !== 0) return undefined;
      return { kind: 'R', bn: pcb & PCB.BLOCK_NUMBER, nak: (pcb & PCB.R_NAK) !== 0 };
    case PCB.S_BLOCK: {
      if ((pcb & PCB.S_FIXED_MASK) !== PCB.S_FIXED) return undefined;
      const type = pcb & PCB.S_TYPE_MASK;
      if (type === PCB.S_WTX && inf.length === 1) return { kind: 'S', type: 'wtx', inf };
      if (type === PCB.S_DESELECT && inf.length === 0) return { kind: 'S', type: 'deselect', inf };
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Bounds one command: 64 KiB of one-byte blocks plus every retry, so no card can hold the reader forever. */
const MAX_BLOCKS_PER_COMMAND = 70_000;

export class IsoDepSession {
  /** The PCD's current block number; rule A: it starts at 0. */
  private bn = 0;

  constructor(private readonly link: BlockLink, private readonly params: IsoDepParameters) {}

  /** Largest INF per I-block we send: FSC less PCB and CRC_B. */
  private get maxInf(): number {
    return this.params.fsc - PROLOGUE - 2;
  }

  private timeout(multiplier = 1): number {
    return this.params.fwtMs * multiplier + TYPE_B.FRAME_DELAY_MS;
  }

  async transceive(apdu: Uint8Array): Promise<Uint8Array> {
    const secret = bytesCarryPin(apdu);
    let offset = 0;
    let chunk = apdu.subarray(0, this.maxInf);
    let more = chunk.length < apdu.length;
    let lastI = this.iBlock(chunk, more);
    let toSend = lastI;
    let wait = this.timeout();
    let receiving = false;
    let failures = 0;
    let silent = 0;
    let wtxInARow = 0;
    const parts: Uint8Array[] = [];
    let received = 0;
    for (let n = 0; n < MAX_BLOCKS_PER_COMMAND; n++) {
      const rx = await this.exchange(toSend, wait);
      wait = this.timeout();
      const block = rx instanceof Uint8Array ? decodeBlock(rx, this.params.fsd) : undefined;
      const fits = block !== undefined && this.fits(block, receiving, more);
      if (!fits) {
        silent = rx === 'timeout' ? silent + 1 : 0;
        if (++failures > this.params.maxRetries) throw this.giveUp(silent > this.params.maxRetries);
        // Rule 5 during the card's chaining (acknowledge again), else rule 4 (R(NAK)): neither resends our data.
        toSend = receiving ? this.rBlock(BLOCKS.ack(this.bn)) : this.rBlock(BLOCKS.nak(this.bn));
        continue;
      }
      wtxInARow = block.kind === 'S' ? wtxInARow + 1 : 0;
      if (block.kind === 'S') {
        // S(WTX): answer with the same WTXM; the next wait is FWT × WTXM (§7.3), as often as the bound allows.
        if (wtxInARow > this.params.maxWtx) throw new IsoDepTimeoutError(`the card asked for more time ${wtxInARow} times in a row`, { reason: 'wtx-limit', limit: this.params.maxWtx });
        const wtxm = Math.min(Math.max(block.inf[0]! & WTXM.MASK, WTXM.MIN), WTXM.MAX);
        toSend = Uint8Array.of(BLOCKS.wtx, wtxm);
        wait = this.timeout(wtxm);
        continue;
      }
      if (block.kind === 'R') {
        if (more && block.bn === this.bn) {
          // Rule 7 (with rule B): our chained block was acknowledged; toggle and send the next part.
          this.bn ^= 1;
          offset += chunk.length;
          chunk = apdu.subarray(offset, offset + this.maxInf);
          more = offset + chunk.length < apdu.length;
          lastI = this.iBlock(chunk, more);
          toSend = lastI;
          failures = 0;
          continue;
        }
        // Rule 6: R(ACK) with another block number: the card did not take our last I-block.
        if (secret) throw new IsoDepProtocolError('the card asked for a PIN block again, which is never resent; the command did not complete', { reason: 'pin-once' });
        if (++failures > this.params.maxRetries) throw this.giveUp(false);
        toSend = lastI;
        continue;
      }
      // An I-block answering ours (rule B: toggle on a block carrying our block number).
      this.bn ^= 1;
      receiving = true;
      failures = 0;
      silent = 0;
      parts.push(block.inf);
      received += block.inf.length;
      if (received > MAX_RESPONSE_APDU_LENGTH) throw new IsoDepProtocolError('the card chained a response beyond any APDU size', { reason: 'too-long' });
      if (!block.chaining) return concat(...parts);
      // Rule 2: acknowledge a chained I-block.
      toSend = this.rBlock(BLOCKS.ack(this.bn));
    }
    throw new IsoDepProtocolError('the card kept the exchange going beyond any APDU size', { reason: 'too-many-blocks' });
  }

  /** Presence check (nfcpy): R(NAK) is answered by R(ACK) from a card still in the field. */
  async present(): Promise<boolean> {
    for (let attempt = 0; attempt <= 1; attempt++) {
      const rx = await this.exchange(this.rBlock(BLOCKS.nak(this.bn)), this.timeout());
      const block = rx instanceof Uint8Array ? decodeBlock(rx, this.params.fsd) : undefined;
      if (block?.kind === 'R' && !block.nak) return true;
      // A card that had an answer pending sends it again (PICC rule 11); it is there.
      if (block !== undefined) return true;
    }
    return false;
  }

  /** S(DESELECT) (§8); rule 8: an unanswered one may be sent again or the card ignored. */
  async deselect(): Promise<void> {
    for (let attempt = 0; attempt <= 1; attempt++) {
      const rx = await this.exchange(Uint8Array.of(BLOCKS.deselect), this.timeout());
      const block = rx instanceof Uint8Array ? decodeBlock(rx, this.params.fsd) : undefined;
      if (block?.kind === 'S' && block.type === 'deselect') return;
    }
  }

  /** Which block may follow where we are (§7.5.4): anything else counts as invalid. */
  private fits(block: Block, receiving: boolean, sendingChain: boolean): boolean {
    if (block.kind === 'S') return block.type === 'wtx';
    // The card never sends R(NAK); it acknowledges only while we chain, or asks again (rule 6) before answering.
    if (block.kind === 'R') return !block.nak && !receiving && (sendingChain || block.bn !== this.bn);
    return !sendingChain && block.bn === this.bn;
  }

  private giveUp(silent: boolean): Error {
    if (silent) return new CardLeftFieldError('the card stopped answering (it left the field)', { retries: this.params.maxRetries });
    return new IsoDepProtocolError(`the card's blocks stayed invalid after ${this.params.maxRetries} retries`, { reason: 'retries', retries: this.params.maxRetries });
  }

  private iBlock(inf: Uint8Array, chaining: boolean): Uint8Array {
    return concat(Uint8Array.of(BLOCKS.i(this.bn, chaining)), inf);
  }

  private rBlock(pcb: number): Uint8Array {
    return Uint8Array.of(pcb);
  }

  private async exchange(block: Uint8Array, timeoutMs: number): Promise<BlockResult> {
    logWire('iso-dep', '>', block);
    const rx = await this.link(block, timeoutMs);
    if (rx instanceof Uint8Array) logWire('iso-dep', '<', rx);
    return rx;
  }
}
