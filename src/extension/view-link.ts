/**
 * The one link from every view (popup, setup page, prompt) to the background (issue 8
 * §5): send a request and parse the reply, with the view-side deadline from config, so
 * a stopped or stuck worker costs a coded 'no-answer' and never a hang; read and follow
 * the status snapshot (it reaches views through storage only); read and set the
 * language; read the printed expiry.
 */
import { CONFIG } from '../config';
import { browser } from './browser';
import type { Lang } from './i18n/index';
import { parseReply, type Reply, type Request } from './messages';
import { Settings, settingsChange } from './settings';
import { SITE_LOG_STORAGE_KEY, isSiteLog, type SiteLogEntry } from './site-log-model';
import { STATUS_STORAGE_KEY, isStatusSnapshot, type StatusSnapshot } from './status-model';

export interface ViewChanges {
  readonly allowedOrigins?: () => void;
  readonly siteLog?: (log: readonly SiteLogEntry[]) => void;
  readonly status?: (snapshot: StatusSnapshot) => void;
  readonly lang?: (lang: Lang) => void;
  readonly printedExpiry?: (date: string | undefined) => void;
}

const settings = new Settings({ local: browser.storage.local, session: browser.storage.session });

/** The background's parsed answer; `{ ok: false, code: 'no-answer' }` when none came within `ms`. */
export async function ask(request: Request, ms: number = CONFIG.extension.viewAnswerMs): Promise<Reply> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Reply>((resolve) => (timer = setTimeout(() => resolve({ ok: false, code: 'no-answer' }), ms)));
  const sent = browser.runtime.sendMessage(request).then(
    (raw: unknown) => parseReply(request, raw),
    (): Reply => ({ ok: false, code: 'no-answer' }),
  );
  try {
    return await Promise.race([sent, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function storedSnapshot(): Promise<StatusSnapshot | undefined> {
  const stored: unknown = (await browser.storage.session.get(STATUS_STORAGE_KEY))[STATUS_STORAGE_KEY];
  return isStatusSnapshot(stored) ? stored : undefined;
}

/** Follows the stored snapshot, the language and the printed expiry; returns the unsubscribe function. */
export function watch(listeners: ViewChanges): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const status: unknown = changes[STATUS_STORAGE_KEY]?.newValue;
    if (area === 'session' && isStatusSnapshot(status)) listeners.status?.(status);
    const log: unknown = changes[SITE_LOG_STORAGE_KEY]?.newValue;
    if (area === 'session' && changes[SITE_LOG_STORAGE_KEY] !== undefined) listeners.siteLog?.(isSiteLog(log) ? log : []);
    const change = settingsChange(changes, area);
    if (change.lang !== undefined) listeners.lang?.(change.lang);
    if (change.printedExpiry !== undefined) listeners.printedExpiry?.(change.printedExpiry ?? undefined);
    if (change.allowedOrigins) listeners.allowedOrigins?.();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

export const lang = (): Promise<Lang> => settings.lang();
export const setLang = (next: Lang): Promise<void> => settings.setLang(next);
export const printedExpiry = (): Promise<string | undefined> => settings.printedExpiry();
export const lastReader = (): Promise<string | undefined> => settings.lastReader();
export const setLastReader = (name: string | null): Promise<void> => settings.setLastReader(name);
export const openSetup = (): Promise<void> => browser.runtime.openOptionsPage();
export const allowedOrigins = (): Promise<readonly string[]> => settings.allowedOrigins();
export const setAllowedOrigins = (origins: readonly string[]): Promise<void> => settings.setAllowedOrigins(origins);

export async function siteLog(): Promise<readonly SiteLogEntry[]> {
  const stored: unknown = (await browser.storage.session.get(SITE_LOG_STORAGE_KEY))[SITE_LOG_STORAGE_KEY];
  return isSiteLog(stored) ? stored : [];
}

export const clearSiteLog = (): Promise<void> => browser.storage.session.remove(SITE_LOG_STORAGE_KEY);
