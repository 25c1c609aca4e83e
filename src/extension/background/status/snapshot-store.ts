/**
 * The StatusSnapshot lives in chrome.storage.session (issue 5 §1): views draw it and
 * subscribe to its changes, so nothing the user sees depends on the service worker
 * staying alive. Every publish also repaints the toolbar badge.
 */
import { STATUS_STORAGE_KEY, type StatusSnapshot } from '../../status-model';
import type { SessionArea } from './card-cache';

export type SnapshotDraft = Omit<StatusSnapshot, 'updatedAt' | 'virtual'>;

export class SnapshotStore {
  private last: StatusSnapshot | undefined;
  /** Publishes run one after another, so a late 'reading' step never lands after 'ready'. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly area: SessionArea,
    private readonly virtual: boolean,
    private readonly onPublish: (snapshot: StatusSnapshot) => Promise<void> | void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The last snapshot, from memory or (after a restart) from storage. */
  async current(): Promise<StatusSnapshot | undefined> {
    if (this.last !== undefined) return this.last;
    const stored = (await this.area.get(STATUS_STORAGE_KEY))[STATUS_STORAGE_KEY];
    if (typeof stored === 'object' && stored !== null && 'phase' in stored) this.last = stored as StatusSnapshot;
    return this.last;
  }

  publish(draft: SnapshotDraft): Promise<StatusSnapshot> {
    const snapshot: StatusSnapshot = { ...draft, virtual: this.virtual, updatedAt: this.clock().toISOString() };
    this.last = snapshot;
    const done = this.queue.then(async () => {
      await this.area.set({ [STATUS_STORAGE_KEY]: snapshot });
      await this.onPublish(snapshot);
      return snapshot;
    });
    this.queue = done.catch(() => undefined);
    return done;
  }
}
