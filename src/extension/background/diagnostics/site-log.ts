/** Appends to the site log in storage.session, oldest dropped first (site-log-model.ts). */
import { SITE_LOG_MAX, SITE_LOG_STORAGE_KEY, isSiteLog, type SiteLogEntry } from '../../site-log-model';
import type { SessionArea } from '../status/index';

export class SiteLog {
  /** Appends run one after another, so two requests at once both land. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly area: SessionArea,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  record(entry: Omit<SiteLogEntry, 'at'>): Promise<void> {
    const done = this.queue.then(async () => {
      const stored: unknown = (await this.area.get(SITE_LOG_STORAGE_KEY))[SITE_LOG_STORAGE_KEY];
      const log = isSiteLog(stored) ? stored : [];
      await this.area.set({ [SITE_LOG_STORAGE_KEY]: [...log, { ...entry, at: this.clock().toISOString() }].slice(-SITE_LOG_MAX) });
    });
    this.queue = done.catch(() => undefined);
    return done;
  }
}
