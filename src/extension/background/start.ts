/**
 * Composes the background service worker from a reader source (DESIGN: the only
 * difference between the shipped and the virtual build is which source this gets).
 * Every listener is registered synchronously at start-up, as an MV3 service worker must
 * for Chrome to wake it with the event.
 */
import { LANG_STORAGE_KEY } from '../i18n/index';
import { isCalendarDate } from '../messages';
import type { ReaderSource } from '../reader-sources/types';
import { PRINTED_EXPIRY_STORAGE_KEY } from '../status-model';
import { CardCache } from './card-cache';
import { handleMessage, isOwnExtensionPage } from './messaging';
import { ReaderHolder } from './reader-holder';
import { SessionQueue } from './session-queue';
import { SnapshotStore } from './snapshot-store';
import { StatusService } from './status-service';
import { paintBadge } from './toolbar';

export interface BackgroundOptions {
  readonly source: ReaderSource;
  readonly virtual: boolean;
  readonly setupPage: string;
}

export interface Background {
  readonly status: StatusService;
  readonly holder: ReaderHolder;
  readonly cache: CardCache;
}

async function printedExpiry(): Promise<string | undefined> {
  const stored = (await chrome.storage.local.get(PRINTED_EXPIRY_STORAGE_KEY))[PRINTED_EXPIRY_STORAGE_KEY];
  return isCalendarDate(stored) ? stored : undefined;
}

export function startBackground(options: BackgroundOptions): Background {
  const store = new SnapshotStore(chrome.storage.session, options.virtual, (snapshot) =>
    paintBadge(snapshot).catch(() => undefined),
  );
  const cache = new CardCache(chrome.storage.session);
  let status: StatusService | undefined;
  const holder = new ReaderHolder(options.source, {
    onChange: () => {
      status?.invalidate();
      void status?.refresh(true);
    },
  });
  status = new StatusService({ holder, queue: new SessionQueue(), store, cache, printedExpiry });
  const background: Background = { status, holder, cache };

  chrome.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // Only our own pages (popup, setup) talk to the background; anything else gets no answer.
    if (!isOwnExtensionPage(sender, chrome.runtime.id)) return false;
    void handleMessage(background, raw).then(sendResponse);
    return true;
  });
  // The holder switched language in a view: the badge title follows without a new read.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(LANG_STORAGE_KEY in changes)) return;
    void store.current().then((snapshot) => (snapshot ? paintBadge(snapshot) : undefined)).catch(() => undefined);
  });
  chrome.runtime.onInstalled.addListener((details) => {
    if (details.reason !== 'install' || options.virtual) return;
    void options.source.list().then((readers) => {
      if (readers.length === 0) void chrome.tabs.create({ url: chrome.runtime.getURL(options.setupPage) });
    });
  });
  // A fresh worker (browser start, or woken after being stopped) reads once so the
  // badge is true without anyone opening the popup.
  void status.refresh();
  return background;
}
