/**
 * Holds the one open reader (issue 5 §1: the background owns the reader). It opens the
 * first paired reader that is plugged in, keeps it open so card insert/remove reaches
 * the badge without the popup (an open WebUSB device also keeps the service worker
 * alive, facts A2), and counts an `epoch` that moves whenever the reader or the card in
 * it changes: a status read from an older epoch is never shown as current.
 */
import type { OpenReader, ReaderCandidate, ReaderSource } from '../reader-sources/types';
import type { ReaderSnapshot } from '../status-model';
import { NoReaderError } from './errors';

export interface HolderEvents {
  /** The reader list or the card changed: the status must be read again. */
  readonly onChange: (reason: 'reader' | 'card') => void;
}

export class ReaderHolder {
  private reader: { readonly key: string; readonly open: OpenReader; readonly unsubscribe: () => void } | undefined;
  private changeCount = 0;
  /** Identity of the reader last tried, so a refusal can name it. */
  lastTried: ReaderSnapshot | undefined;
  private readonly watchers = new Set<(reason: 'reader' | 'card') => void>();

  constructor(
    private readonly source: ReaderSource,
    private readonly events: HolderEvents,
  ) {
    source.onChange(() => void this.sourceChanged());
  }

  /**
   * Called after each hardware event was handed to `events.onChange` (so the read it
   * asked for is already queued). The virtual control surface waits on it, so its own
   * read is queued after the event's and what it returns is what stays stored.
   */
  watch(listener: (reason: 'reader' | 'card') => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  private announce(reason: 'reader' | 'card'): void {
    this.events.onChange(reason);
    for (const w of [...this.watchers]) w(reason);
  }

  get epoch(): number {
    return this.changeCount;
  }

  get identity(): ReaderSnapshot | undefined {
    return this.reader?.open.identity;
  }

  async candidates(): Promise<readonly ReaderCandidate[]> {
    return this.source.list();
  }

  /** The open reader, opening the first plugged one when none is. Throws NoReaderError or the driver's errors. */
  async acquire(): Promise<OpenReader> {
    if (this.reader !== undefined) return this.reader.open;
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

  /** Closes the reader (after unplugging, a deadline, or a forget). */
  async drop(): Promise<void> {
    const held = this.reader;
    if (held === undefined) return;
    this.reader = undefined;
    this.changeCount++;
    held.unsubscribe();
    await held.open.close().catch(() => undefined);
  }

  private adopt(key: string, open: OpenReader): OpenReader {
    const unsubscribe = open.onSlotChange(() => {
      this.changeCount++;
      this.announce('card');
    });
    this.reader = { key, open, unsubscribe };
    this.changeCount++;
    return open;
  }

  private async sourceChanged(): Promise<void> {
    const keys = new Set((await this.source.list()).map((c) => c.key));
    if (this.reader !== undefined && !keys.has(this.reader.key)) await this.drop();
    this.changeCount++;
    this.announce('reader');
  }
}
