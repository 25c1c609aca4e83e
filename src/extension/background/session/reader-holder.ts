/**
 * The one owner of the reader (issue 5 §1, issue 14 §3). It keeps the first paired
 * reader that opens, so card insert/remove reaches the badge without the popup (an open
 * WebUSB device also keeps the service worker alive, facts A2), and counts an `epoch`
 * that moves whenever the reader or the card in it changes: a status read from an older
 * epoch is never shown as current.
 *
 * Every use of the reader — a card session, the setup page's probe, forgetting, a
 * re-pairing, the source reporting an unplug — runs inside `exclusive`, one after
 * another, so nothing can close the device under a session in flight. Dropping the
 * reader powers the card off before it closes the device (a verified PIN survives
 * anything but a power-off, facts jpki-protocol §3.3).
 */
import { CONFIG } from '../../../config';
import { withDeadline } from '../../../deadline';
import type { OpenReader, ReaderCandidate, ReaderIdentity, ReaderSource } from '../../../reader/types';
import { DeadlineExpiredError, NoReaderError } from '../errors';
import type { SessionQueue } from './session-queue';

export type HolderChange = 'reader' | 'card';

/** What a holder of the exclusive turn may do with the reader. Valid only during that turn. */
export interface ReaderAccess {
  /** The open reader, opening the first plugged one when none is. Throws NoReaderError or the seam's errors. */
  acquire(): Promise<OpenReader>;
  /**
   * Powers the card off (bounded), then closes the reader. Never throws. `hung`: a
   * transfer is stuck, so only the close can end it and the power-off is not tried.
   */
  drop(options?: { readonly hung?: boolean }): Promise<void>;
  candidates(): Promise<readonly ReaderCandidate[]>;
}

interface Held {
  readonly key: string;
  readonly open: OpenReader;
  readonly unsubscribe: () => void;
}

export class ReaderHolder {
  private held: Held | undefined;
  private changeCount = 0;
  /** Identity of the reader last tried, so a refusal can name it. */
  lastTried: ReaderIdentity | undefined;
  private readonly watchers = new Set<(change: HolderChange) => void>();
  private readonly access: ReaderAccess = {
    acquire: () => this.acquire(),
    drop: (options) => this.drop(options?.hung === true),
    candidates: () => this.source.list(),
  };

  constructor(
    private readonly source: ReaderSource,
    private readonly queue: SessionQueue,
  ) {
    source.onChange(() => void this.sourceChanged());
  }

  /** Runs `work` with the reader to itself, after whatever use came first. */
  exclusive<T>(waitMs: number, work: (access: ReaderAccess) => Promise<T>): Promise<T> {
    return this.queue.run(waitMs, () => work(this.access));
  }

  /** Called after each reader or card change; returns the unsubscribe function. */
  watch(listener: (change: HolderChange) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  get epoch(): number {
    return this.changeCount;
  }

  get identity(): ReaderIdentity | undefined {
    return this.held?.open.identity;
  }

  /** The paired readers, for the views' list (reading the list touches no device). */
  candidates(): Promise<readonly ReaderCandidate[]> {
    return this.source.list();
  }

  private announce(change: HolderChange): void {
    for (const w of [...this.watchers]) w(change);
  }

  private async acquire(): Promise<OpenReader> {
    if (this.held !== undefined) return this.held.open;
    const candidates = await this.source.list();
    if (candidates.length === 0) {
      this.lastTried = undefined;
      throw new NoReaderError('no paired reader is plugged in');
    }
    let firstError: unknown;
    for (const candidate of candidates) {
      this.lastTried = candidate.identity;
      try {
        return this.adopt(candidate.key, await candidate.open());
      } catch (error) {
        firstError ??= error;
      }
    }
    this.lastTried = candidates[0]!.identity;
    throw firstError;
  }

  private async drop(hung = false): Promise<void> {
    const held = this.held;
    if (held === undefined) return;
    this.held = undefined;
    this.changeCount++;
    held.unsubscribe();
    if (!hung) await bounded(() => held.open.powerOff());
    await bounded(() => held.open.close());
  }

  private adopt(key: string, open: OpenReader): OpenReader {
    const unsubscribe = open.onSlotChange(() => {
      this.changeCount++;
      this.announce('card');
    });
    this.held = { key, open, unsubscribe };
    this.changeCount++;
    return open;
  }

  private async sourceChanged(): Promise<void> {
    try {
      await this.exclusive(CONFIG.extension.sessionWaitMs, async () => {
        const keys = new Set((await this.source.list()).map((c) => c.key));
        if (this.held !== undefined && !keys.has(this.held.key)) await this.drop();
      });
    } catch {
      // A list that cannot be read or a queue that did not move: the read the announcement asks for says why.
    }
    this.changeCount++;
    this.announce('reader');
  }
}

/** A step of dropping the reader: bounded, and its failure is not the caller's (the reader is going anyway). */
async function bounded(step: () => Promise<void>): Promise<void> {
  await withDeadline(CONFIG.extension.powerOffDeadlineMs, () => new DeadlineExpiredError('dropping the reader took too long'), step).catch(() => undefined);
}
