/**
 * The composition root of the background service worker (issue 8 §3): everything is
 * built here once, in dependency order, from a reader source — the only difference
 * between the shipped and the virtual build (DESIGN). Every listener is registered
 * synchronously at start-up, as an MV3 service worker must for Chrome to wake it with
 * the event.
 */
import { browser } from '../browser';
import { PAGES } from '../pages';
import type { ReaderSource } from '../../reader/types';
import { Settings, restrictPersonalStorage, settingsChange } from '../settings';
import { PromptDesk, type PromptPort } from './prompt/index';
import { PortalDoor, WebEidDoor, senderKind, viewListener } from './routes/index';
import { ReaderHolder, SessionQueue } from './session/index';
import { SiteLog } from './diagnostics/index';
import { LOCAL_TEST_MATCHES, LOCAL_UA_TEST_MATCHES, PORTAL_MATCHES, matchFor, placePortalScript, placeWebEidScript, placeWindowsUaScript, type ScriptingArea } from './sites/index';
import { CardCache, SnapshotStore, StatusService, paintBadge } from './status/index';

export interface BackgroundOptions {
  readonly source: ReaderSource;
  readonly virtual: boolean;
}

export interface Background {
  readonly status: StatusService;
  readonly holder: ReaderHolder;
  readonly cache: CardCache;
  readonly settings: Settings;
  readonly prompts: PromptDesk;
}

/** The PIN window's size: Chrome's popup windows take outer sizes; the content fits in 600 px. */
const PROMPT_WINDOW = Object.freeze({ width: 440, height: 640 });

/** The Web eID content script on the allowed origins whose permission is granted (and local test servers in the virtual build). */
export async function placeSiteScripts(settings: Settings, virtual: boolean): Promise<void> {
  const granted: string[] = [];
  for (const origin of await settings.allowedOrigins()) {
    if (await browser.permissions.contains({ origins: [matchFor(origin)] })) granted.push(matchFor(origin));
  }
  const scripting = browser.scripting as unknown as ScriptingArea;
  const local = virtual ? LOCAL_TEST_MATCHES : [];
  await placeWebEidScript(scripting, [...local, ...granted]);
  // Allowed sites outside go.jp may be the portal's partners (facts §7: onshikaku.org, mypg.jp, municipal portals).
  await placePortalScript(scripting, [...PORTAL_MATCHES, ...local, ...granted]);
  // Never on Windows or macOS (the portal takes them as they are), never on other sites.
  const { os } = await browser.runtime.getPlatformInfo();
  const rewrite = (os === 'linux' || os === 'cros') && (await settings.portalWindowsUa());
  await placeWindowsUaScript(scripting, rewrite ? [...PORTAL_MATCHES, ...(virtual ? LOCAL_UA_TEST_MATCHES : [])] : []);
}

/** storage.session key: the portal pages where the official extension answered and ours stood down. */
export const PORTAL_STAND_DOWN_KEY = 'portalStandDown';

export function startBackground(options: BackgroundOptions): Background {
  const { storage } = browser;
  const settings = new Settings({ local: storage.local, session: storage.session }, restrictPersonalStorage(storage.local));
  const repaint = (snapshot: Parameters<typeof paintBadge>[1]): Promise<void> =>
    settings.lang().then((lang) => paintBadge(browser.action, snapshot, lang)).catch(() => undefined);
  const store = new SnapshotStore(storage.session, options.virtual, repaint);
  const cache = new CardCache(storage.session);
  const holder = new ReaderHolder(options.source, new SessionQueue());
  const status = new StatusService({ holder, store, cache, printedExpiry: () => settings.printedExpiry() });
  holder.watch(() => {
    status.invalidate();
    void status.refresh(true);
  });

  const prompts = new PromptDesk(
    {
      open: async (url) => (await browser.windows.create({ url, type: 'popup', focused: true, ...PROMPT_WINDOW })).id,
      close: async (id) => {
        await browser.windows.remove(id);
      },
    },
    (id) => `${browser.runtime.getURL(PAGES.prompt)}?id=${encodeURIComponent(id)}`,
    options.virtual,
  );
  const siteLog = new SiteLog(storage.session);
  const webEid = new WebEidDoor({
    site: { holder, prompts, clock: () => new Date(), signSerials: new Map(), flows: new Map() },
    log: siteLog,
    settings,
    virtual: options.virtual,
    version: browser.runtime.getManifest().version,
  });

  const portal = new PortalDoor({
    site: webEid.site,
    settings,
    log: siteLog,
    virtual: options.virtual,
    onStandDown: (origin) => void storage.session.set({ [PORTAL_STAND_DOWN_KEY]: { origin, at: new Date().toISOString() } }).catch(() => undefined),
  });

  browser.runtime.onMessage.addListener(viewListener({ status, holder, settings }, browser.runtime.id));
  browser.runtime.onMessage.addListener(webEid.listener(browser.runtime.id));
  browser.runtime.onMessage.addListener(portal.listener(browser.runtime.id));
  // The PIN window's port: only our prompt page may hold one (the desk also checks the id).
  browser.runtime.onConnect.addListener((port) => {
    if (port.sender === undefined || senderKind(port.sender, browser.runtime.id) !== 'prompt') return port.disconnect();
    prompts.attach(port as PromptPort);
  });
  browser.windows.onRemoved.addListener((windowId) => prompts.windowRemoved(windowId));
  // The holder switched language in a view: the badge title follows without a new read.
  storage.onChanged.addListener((changes, area) => {
    const change = settingsChange(changes, area);
    // The holder allowed or removed a site on the setup page: the content script follows.
    if (change.allowedOrigins) void placeSiteScripts(settings, options.virtual).catch(() => undefined);
    if (change.lang === undefined) return;
    void store.current().then((snapshot) => (snapshot ? repaint(snapshot) : undefined));
  });
  browser.permissions.onRemoved.addListener(() => void placeSiteScripts(settings, options.virtual).catch(() => undefined));
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason !== 'install' || options.virtual) return;
    void options.source.list().then((readers) => {
      if (readers.length === 0) void browser.tabs.create({ url: browser.runtime.getURL(PAGES.setup) });
    });
  });
  void placeSiteScripts(settings, options.virtual).catch(() => undefined);
  // A fresh worker (browser start, or woken after being stopped) reads once so the
  // badge is true without anyone opening the popup.
  void status.refresh();
  return { status, holder, cache, settings, prompts };
}
