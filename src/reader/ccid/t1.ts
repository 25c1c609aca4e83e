/**
 * ISO 7816-3 §11 T=1 for TPDU-level readers: one block per XfrBlock (facts B3 step 5).
 * Implements I-block chaining both ways, R-blocks, S(IFS) both ways, S(WTX) answered
 * with bBWI on the next XfrBlock, retransmission on invalid blocks (§11.6.3 rule 7) and
 * RESYNCH after three failures (rule 6.4). An APDU is never re-sent after a RESYNCH:
 * it may have run, and a VERIFY must never be retried behind the user's back (DESIGN).
 * Rule numbers in comments follow ISO/IEC 7816-3:2006 §11.6 as we recall them; the ISO
 * text itself was not available to check them (UNCONFIRMED), the behaviour follows
 * facts B3 step 5 and libccid's proto-t1.c.
 */
import { concat } from '../../bytes';
import { CONFIG } from '../../config';
import { MAX_RESPONSE_APDU_LENGTH, bytesCarryPin } from '../../card/index';
import { logWire } from '../../wire-log';
import { T1 } from '../../spec/index';
import { BLOCKS, decodeBlock, encodeBlock, type Edc, type T1Block } from './t1-block';
import { CardMuteError, ReaderCommandError, ReaderTimeoutError, T1BlockError, T1DesyncError, T1ResyncFailedError } from './errors';

/** Sends one block in one XfrBlock with the given bBWI and returns the card's block. */
export type BlockExchange = (block: Uint8Array, bBWI: number) => Promise<Uint8Array>;

export interface T1Parameters {
  /** Largest INF we send (from the ATR's TA3, capped by the reader's message size). */
  readonly ifsc: number;
  /** Largest INF we accept; announced to the card with S(IFS) unless the reader does it. */
  readonly ifsd: number;
  /** Largest INF one XfrBlock can carry with this reader (dwMaxCCIDMessageLength − 10 − prologue − EDC). */
  readonly maxInf: number;
  readonly edc: Edc;
  readonly nad?: number;
}

/** A block that never arrived or arrived damaged; `edc` selects the R-block error bit. */
type Invalid = { readonly invalid: 'edc' | 'other' };

/** Bounds a card that chains or asks for time forever: 64 KiB of 1-byte blocks plus slack. */
const MAX_BLOCKS_PER_APDU = 70_000;

export class T1Session {
  private ns = 0;
  private nr = 0;
  private ifsc: number;
  private ifsd: number;
  private readonly edc: Edc;
  private readonly nad: number;
  private readonly maxInf: number;
  /** Set when an exchange broke below T=1, so both sides' sequence numbers are unknown. */
  private uncertain = false;
  /** Consecutive S(WTX) requests from the card, for countWtx. */
  private wtxInARow = 0;

  constructor(private readonly xfer: BlockExchange, params: T1Parameters) {
    this.ifsc = params.ifsc;
    this.ifsd = params.ifsd;
    this.edc = params.edc;
    this.nad = params.nad ?? 0;
    this.maxInf = params.maxInf;
  }

  get currentIfsc(): number {
    return this.ifsc;
  }

  /** Host S(IFS request) announcing IFSD (§11.4.2); retried like any S-request (rule 7.3). */
  async negotiateIfsd(ifsd: number): Promise<void> {
    const reply = await this.sRequest(T1.S_IFS, Uint8Array.of(ifsd));
    if (reply.inf[0] !== ifsd) throw new T1DesyncError('the card answered S(IFS) with another size', { reason: 'ifs-mismatch', ifsd });
    this.ifsd = ifsd;
  }

  /** Back to N(S)=N(R)=0, as after a fresh ATR (§11.6.3 rule 1). */
  reset(): void {
    this.ns = 0;
    this.nr = 0;
  }

  async transceive(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.uncertain) {
      // The last exchange broke below T=1 (timeout, stall, framing): the card's N(S)/N(R)
      // are unknown, so start over with S(RESYNCH) before this APDU (rule 6.4).
      await this.resynchronise();
    }
    try {
      return await this.run(apdu);
    } catch (e) {
      // Only a completed RESYNCH leaves both sides known; anything else needs one first.
      const settled = (e instanceof T1DesyncError && e.details.reason === 'resynchronised') || e instanceof T1ResyncFailedError;
      if (!settled) this.uncertain = true;
      throw e;
    }
  }

  private async run(apdu: Uint8Array): Promise<Uint8Array> {
    const secret = bytesCarryPin(apdu);
    let offset = 0;
    let chunk = apdu.subarray(0, Math.min(apdu.length, this.ifsc));
    let more = chunk.length < apdu.length;
    let lastI = this.block(BLOCKS.i(this.ns, more), chunk);
    let toSend = lastI;
    let bwi = 0;
    let failures = 0;
    let receiving = false;
    const response: Uint8Array[] = [];
    let received = 0;
    for (let n = 0; n < MAX_BLOCKS_PER_APDU; n++) {
      const rx = await this.exchange(toSend, bwi);
      bwi = 0;
      if ('invalid' in rx || !this.acceptable(rx, receiving, more)) {
        // Rule 7.1/7.2: answer an invalid block with R(N(R)) and the error kind; after three, RESYNCH.
        if (++failures >= T1.MAX_RETRIES + 1) return this.resync();
        const err = 'invalid' in rx && rx.invalid === 'edc' ? T1.R_EDC_ERROR : T1.R_OTHER_ERROR;
        toSend = this.block(BLOCKS.r(this.nr, err));
        continue;
      }
      if (rx.kind === 'S') {
        const s = this.answerS(rx);
        toSend = s.block;
        bwi = s.bwi;
        continue;
      }
      if (rx.kind === 'R') {
        if (!receiving && more && rx.nr !== this.ns) {
          // Rule 2.2: R(N(R) = next N(S)) acknowledges a chained I-block; send the next part.
          this.ns ^= 1;
          offset += chunk.length;
          chunk = apdu.subarray(offset, offset + this.ifsc);
          more = offset + chunk.length < apdu.length;
          lastI = this.block(BLOCKS.i(this.ns, more), chunk);
          toSend = lastI;
          failures = 0;
        } else {
          // Rule 7.1/7.4: the card asks for the last block again (or missed our R-block).
          if (++failures >= T1.MAX_RETRIES + 1) return this.resync();
          // A PIN goes on the wire once (issue 14 §4): rather than send it again, end the
          // exchange. The card asked because it did not take the block, so no try is spent.
          if (!receiving && secret) return this.resync('pin-once');
          toSend = receiving ? this.block(BLOCKS.r(this.nr)) : lastI;
        }
        continue;
      }
      // An I-block from the card: it acknowledges our last I-block (rule 2.1).
      if (!receiving) {
        this.ns ^= 1;
        receiving = true;
      }
      this.nr ^= 1;
      failures = 0;
      response.push(rx.inf);
      received += rx.inf.length;
      if (received > MAX_RESPONSE_APDU_LENGTH) throw new T1DesyncError('the card chained a response beyond any APDU size', { reason: 'too-long' });
      if (!rx.more) return concat(...response);
      // Rule 5: acknowledge a chained I-block with R(N(R)).
      toSend = this.block(BLOCKS.r(this.nr));
    }
    throw new T1DesyncError('the card kept the exchange going beyond any APDU size', { reason: 'too-many-blocks' });
  }

  /** Whether a valid block fits where we are in the exchange (§11.6.2). */
  private acceptable(rx: T1Block, receiving: boolean, sendingChain: boolean): boolean {
    if (rx.kind === 'I') return !sendingChain && rx.ns === this.nr && rx.inf.length <= this.ifsd;
    if (rx.kind === 'S') return !rx.response && rx.type !== T1.S_RESYNCH;
    // After the last I-block of a command only R(N(R) = its N(S)), a request to send it
    // again, is valid; an R-block acknowledging it is not (the card owes an I-block). It is
    // answered as an invalid block, never by sending the command — perhaps a PIN — again.
    return receiving || sendingChain || rx.nr === this.ns;
  }

  /** Rule 3 (WTX), rule 4 (IFS), rule 9 (ABORT): answer a card's S-request. */
  private answerS(rx: Extract<T1Block, { kind: 'S' }>): { block: Uint8Array; bwi: number } {
    const response = this.block(BLOCKS.sResponse(rx.type), rx.inf);
    if (rx.type === T1.S_WTX) return { block: response, bwi: rx.inf[0]! };
    if (rx.type === T1.S_IFS) {
      // The card's new IFSC, capped by what one XfrBlock can carry.
      const ifsc = rx.inf[0]!;
      if (ifsc >= 1 && ifsc <= T1.MAX_INF) this.ifsc = Math.min(ifsc, this.maxInf);
      return { block: response, bwi: 0 };
    }
    // S(ABORT request): the card abandons the chain; we cannot complete this APDU.
    throw new T1DesyncError('the card aborted the exchange (S(ABORT))', { reason: 'card-abort' });
  }

  /** Rule 6.4: up to three S(RESYNCH request); then the card must be reset. */
  private async resynchronise(): Promise<void> {
    try {
      await this.sRequest(T1.S_RESYNCH, new Uint8Array(0));
    } catch (e) {
      if (!(e instanceof T1DesyncError)) throw e;
      throw new T1ResyncFailedError('the card did not resynchronise; remove and reinsert it', { reason: 'resync' }, { cause: e });
    }
    this.reset();
    this.uncertain = false;
  }

  /** After three failures, or a PIN block the card wants again: resynchronise, and report the APDU as not completed. */
  private async resync(why: 'retries' | 'pin-once' = 'retries'): Promise<never> {
    await this.resynchronise();
    const what = why === 'retries' ? 'failed three times' : 'asked for a PIN block again, which is never resent';
    throw new T1DesyncError(`the exchange with the card ${what} and was resynchronised; the command did not complete`, {
      reason: 'resynchronised',
      why,
    });
  }

  /** Sends an S-request until its response arrives (rule 7.3), at most three tries. */
  private async sRequest(type: number, inf: Uint8Array): Promise<Extract<T1Block, { kind: 'S' }>> {
    const request = this.block(BLOCKS.sRequest(type), inf);
    for (let attempt = 0; attempt < T1.MAX_RETRIES; attempt++) {
      const rx = await this.exchange(request, 0);
      if ('kind' in rx && rx.kind === 'S' && rx.response && rx.type === type) return rx;
    }
    throw new T1DesyncError(`no S-response to S-request 0x${type.toString(16)}`, { reason: 'no-s-response', type });
  }

  private block(pcb: number, inf: Uint8Array = new Uint8Array(0)): Uint8Array {
    return encodeBlock(this.nad, pcb, inf, this.edc);
  }

  /** One block out, one block back; a mute card or a damaged block is an Invalid, not a throw (rule 7). */
  private async exchange(block: Uint8Array, bwi: number): Promise<T1Block | Invalid> {
    logWire('t1', '>', block);
    let raw: Uint8Array;
    try {
      raw = await this.xfer(block, bwi);
    } catch (e) {
      // BWT expired (the reader says ICC mute) or a parity/overrun error: an invalid block.
      if (e instanceof CardMuteError || e instanceof ReaderCommandError) return { invalid: 'other' };
      throw e;
    }
    logWire('t1', '<', raw);
    let rx: T1Block;
    try {
      rx = decodeBlock(raw, this.edc);
    } catch (e) {
      if (e instanceof T1BlockError) return { invalid: e.details.reason === 'edc' ? 'edc' : 'other' };
      throw e;
    }
    this.countWtx(rx);
    return rx;
  }

  /**
   * Each S(WTX) is answered in time, so without a bound a card asking for more time
   * forever would hold the reader (and every operation queued behind it) for good.
   * ISO 7816-3 sets no limit; we allow as many in a row as CONFIG.reader
   * .maxTimeExtensionFactor allows CCID time extensions for one command.
   */
  private countWtx(rx: T1Block): void {
    const wtx = rx.kind === 'S' && !rx.response && rx.type === T1.S_WTX;
    this.wtxInARow = wtx ? this.wtxInARow + 1 : 0;
    if (this.wtxInARow > CONFIG.reader.maxTimeExtensionFactor) {
      this.wtxInARow = 0;
      throw new ReaderTimeoutError(`the card asked for more time ${CONFIG.reader.maxTimeExtensionFactor + 1} times in a row`, {
        reason: 'wtx-limit',
        limit: CONFIG.reader.maxTimeExtensionFactor,
      });
    }
  }
}
