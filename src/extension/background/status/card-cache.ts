/**
 * What a card tells us that does not change while it stays the same card: its token
 * label and authentication certificate, keyed by that certificate's serial (issue 5 §1).
 * Kept in storage.session, so it survives the service worker being stopped (a reopened
 * popup then costs a warm read) and is gone when the browser closes. PIN tries are never
 * cached here: they change with every wrong PIN.
 */
import type { SettingsArea } from '../../settings';
import type { CachedCard, KnownCards } from '../actions/index';

export const CARD_CACHE_STORAGE_KEY = 'cardCache';
/** A household rarely has more than a few cards; the oldest entry goes first. */
const MAX_ENTRIES = 4;

/** The part of a storage area the status folder uses. */
export type SessionArea = Pick<SettingsArea, 'get' | 'set'>;

function isCachedCard(value: unknown): value is CachedCard {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.serial === 'string' && typeof v.tokenLabel === 'string' && typeof v.authCert === 'object' && v.authCert !== null;
}

export class CardCache implements KnownCards {
  constructor(private readonly area: SessionArea) {}

  async entries(): Promise<CachedCard[]> {
    const stored = (await this.area.get(CARD_CACHE_STORAGE_KEY))[CARD_CACHE_STORAGE_KEY];
    return Array.isArray(stored) ? stored.filter(isCachedCard) : [];
  }

  async find(serial: string): Promise<CachedCard | undefined> {
    return (await this.entries()).find((e) => e.serial === serial);
  }

  async put(entry: CachedCard): Promise<void> {
    const kept = (await this.entries()).filter((e) => e.serial !== entry.serial);
    await this.area.set({ [CARD_CACHE_STORAGE_KEY]: [entry, ...kept].slice(0, MAX_ENTRIES) });
  }

  async clear(): Promise<void> {
    await this.area.set({ [CARD_CACHE_STORAGE_KEY]: [] });
  }
}
