/**
 * One owner for every value the extension stores for the holder (issue 8 §3): the
 * language, the expiry printed on the card, the install id the government portal's
 * protocol needs, and the origins the holder allowed. Every read parses what storage
 * holds (an older version, or another hand, may have written it) and every write goes
 * through here, so a key has exactly one spelling and one validator.
 *
 * Where personal data lives (issue 14 §6): the printed expiry falls on the holder's
 * birthday, and storage.local is readable by content scripts by default. At every
 * worker start the background restricts storage.local to trusted contexts
 * (`setAccessLevel`, which Chromium implements for local as well as session —
 * UNCONFIRMED for every Chrome we support, so it is feature-tested). Where the browser
 * refuses, personal values go to storage.session instead (trusted contexts only by
 * default; the holder types the date again after a browser restart). Either way no
 * content script can read them; readers look in both areas, so a switch loses nothing.
 */
import { isCalendarDate } from '../rules/index';
import { DEFAULT_LANG, isLang, type Lang } from './i18n/index';

export const SETTING_KEYS = Object.freeze({
  lang: 'ui.lang',
  printedExpiry: 'printedCardExpiry',
  installId: 'installId',
  allowedOrigins: 'allowedOrigins',
  portalWindowsUa: 'portal.windowsUa',
  lastReader: 'ui.lastReader',
} as const);

export interface SettingsArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface SettingsAreas {
  readonly local: SettingsArea;
  readonly session: SettingsArea;
}

/** Where the personal values are written (see the module comment). */
export type PersonalArea = 'local' | 'session';

/** A storage change as the browser reports it, parsed into the values it touched. */
export interface SettingsChange {
  readonly lang?: Lang;
  /** null: cleared. */
  readonly printedExpiry?: string | null;
  /** The allowed sites changed (the background re-registers its content script). */
  readonly allowedOrigins?: true;
}

const INSTALL_ID = /^[0-9a-f]{32}$/;
/** USB product strings are at most 126 UTF-16 units (a string descriptor is ≤ 255 bytes). */
const MAX_READER_NAME = 126;

export class Settings {
  constructor(
    private readonly areas: SettingsAreas,
    /** Known once the worker restricted storage.local (restrictPersonalStorage); views only read, from both areas. */
    private readonly personal: Promise<PersonalArea> = Promise.resolve('local'),
  ) {}

  async lang(): Promise<Lang> {
    const stored = (await this.areas.local.get(SETTING_KEYS.lang))[SETTING_KEYS.lang];
    return isLang(stored) ? stored : DEFAULT_LANG;
  }

  setLang(lang: Lang): Promise<void> {
    return this.areas.local.set({ [SETTING_KEYS.lang]: lang });
  }

  /** The printed card expiry (YYYY-MM-DD), from whichever area holds it. */
  async printedExpiry(): Promise<string | undefined> {
    const personal = await this.personal;
    for (const area of [this.areas[personal], this.areas[personal === 'local' ? 'session' : 'local']]) {
      const stored = (await area.get(SETTING_KEYS.printedExpiry))[SETTING_KEYS.printedExpiry];
      if (isCalendarDate(stored)) return stored;
    }
    return undefined;
  }

  /** Written only by the background, after the message carrying it was parsed. Clearing clears both areas. */
  async setPrintedExpiry(date: string | null): Promise<void> {
    await Promise.all([this.areas.local.remove(SETTING_KEYS.printedExpiry), this.areas.session.remove(SETTING_KEYS.printedExpiry)]);
    if (date !== null) await this.areas[await this.personal].set({ [SETTING_KEYS.printedExpiry]: date });
  }

  /**
   * 16 random bytes as lower-case hex, made once per install and kept (the government
   * portal's uuid is derived from it, facts portal-protocol). Not personal: it names
   * this installation, not the holder.
   */
  async installId(): Promise<string> {
    const stored = (await this.areas.local.get(SETTING_KEYS.installId))[SETTING_KEYS.installId];
    if (typeof stored === 'string' && INSTALL_ID.test(stored)) return stored;
    const fresh = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    await this.areas.local.set({ [SETTING_KEYS.installId]: fresh });
    return fresh;
  }

  /**
   * Show the portal's hosts a Windows user agent (issue 10 §3). Only ever used on Linux and
   * ChromeOS; on by default there, since マイナポータル refuses those platforms otherwise.
   */
  async portalWindowsUa(): Promise<boolean> {
    const stored = (await this.areas.local.get(SETTING_KEYS.portalWindowsUa))[SETTING_KEYS.portalWindowsUa];
    return stored !== false;
  }

  setPortalWindowsUa(on: boolean): Promise<void> {
    return this.areas.local.set({ [SETTING_KEYS.portalWindowsUa]: on });
  }

  /**
   * The name of the last reader the popup saw working (issue 13 §2): with it, "no reader"
   * after an unplug says "plug {name} back in" instead of the first-time pairing text.
   * Not personal (a product name); cleared when the holder withdraws a reader's permission.
   */
  async lastReader(): Promise<string | undefined> {
    const stored = (await this.areas.local.get(SETTING_KEYS.lastReader))[SETTING_KEYS.lastReader];
    return typeof stored === 'string' && stored.trim() !== '' && stored.length <= MAX_READER_NAME ? stored : undefined;
  }

  async setLastReader(name: string | null): Promise<void> {
    if (name === null || name.trim() === '' || name.length > MAX_READER_NAME) await this.areas.local.remove(SETTING_KEYS.lastReader);
    else await this.areas.local.set({ [SETTING_KEYS.lastReader]: name });
  }

  /** Origins (scheme://host[:port]) the holder allowed sites to ask from. */
  async allowedOrigins(): Promise<readonly string[]> {
    const stored = (await this.areas.local.get(SETTING_KEYS.allowedOrigins))[SETTING_KEYS.allowedOrigins];
    return Array.isArray(stored) ? stored.filter((o): o is string => typeof o === 'string' && isOrigin(o)) : [];
  }

  async setAllowedOrigins(origins: readonly string[]): Promise<void> {
    await this.areas.local.set({ [SETTING_KEYS.allowedOrigins]: [...new Set(origins.filter(isOrigin))] });
  }
}

/**
 * What the holder typed as a site to allow, as the origin the background compares with
 * the browser's record: `e-tax.nta.go.jp` or a pasted URL both become
 * `https://e-tax.nta.go.jp`. Only HTTPS: a login token binds the origin, and a plain
 * HTTP page could be anyone. undefined for anything else.
 */
export function siteOrigin(input: string): string | undefined {
  const text = input.trim();
  if (text === '' || text.length > 300) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** An origin exactly as URL.origin writes it (no path, no trailing slash). */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** The values a storage change touched, parsed; a malformed new value reads as its default. */
export function settingsChange(changes: Record<string, { newValue?: unknown }>, area: string): SettingsChange {
  const out: { lang?: Lang; printedExpiry?: string | null; allowedOrigins?: true } = {};
  if (area === 'local' && (changes[SETTING_KEYS.allowedOrigins] !== undefined || changes[SETTING_KEYS.portalWindowsUa] !== undefined)) out.allowedOrigins = true;
  const lang = changes[SETTING_KEYS.lang];
  if (area === 'local' && lang !== undefined) out.lang = isLang(lang.newValue) ? lang.newValue : DEFAULT_LANG;
  const printed = changes[SETTING_KEYS.printedExpiry];
  if ((area === 'local' || area === 'session') && printed !== undefined) out.printedExpiry = isCalendarDate(printed.newValue) ? printed.newValue : null;
  return out;
}

type AccessLevel = 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';

/** Restricts storage.local to the extension's own pages and worker; says where personal values may go. */
export async function restrictPersonalStorage(local: object): Promise<PersonalArea> {
  // The polyfill's types lack setAccessLevel (Chrome 102+); the method is looked up, not assumed.
  const setAccessLevel: unknown = Reflect.get(local, 'setAccessLevel');
  if (typeof setAccessLevel !== 'function') return 'session';
  try {
    await (setAccessLevel as (options: { accessLevel: AccessLevel }) => Promise<void>).call(local, { accessLevel: 'TRUSTED_CONTEXTS' });
    return 'local';
  } catch {
    return 'session';
  }
}
