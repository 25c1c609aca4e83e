/**
 * One owner per stored value (issue 8 §3) and personal data out of reach of content
 * scripts (issue 14 §6): what settings.ts reads back from whatever storage holds, where
 * it writes the printed expiry, and what it does when the browser cannot restrict
 * storage.local.
 */
import { describe, expect, it } from 'vitest';
import { SETTING_KEYS, Settings, isOrigin, restrictPersonalStorage, settingsChange } from '../../src/extension/settings';
import { MemoryArea } from './memory-area';

function areas() {
  return { local: new MemoryArea(), session: new MemoryArea() };
}

describe('the printed card expiry (personal: it falls on the holder’s birthday)', () => {
  it('goes to storage.local once the browser restricted it to trusted contexts', async () => {
    let asked: unknown;
    const where = await restrictPersonalStorage({ setAccessLevel: async (o: unknown) => void (asked = o) });
    expect(where).toBe('local');
    expect(asked).toEqual({ accessLevel: 'TRUSTED_CONTEXTS' });
    const a = areas();
    await new Settings(a, Promise.resolve(where)).setPrintedExpiry('2031-05-12');
    expect(a.local.items.get(SETTING_KEYS.printedExpiry)).toBe('2031-05-12');
    expect(a.session.items.has(SETTING_KEYS.printedExpiry)).toBe(false);
  });

  it.each([
    ['has no setAccessLevel', {}],
    ['refuses it', { setAccessLevel: async () => Promise.reject(new TypeError('not supported for local')) }],
  ])('goes to storage.session when the browser %s, and is still found', async (_, local) => {
    const where = await restrictPersonalStorage(local);
    expect(where).toBe('session');
    const a = areas();
    const settings = new Settings(a, Promise.resolve(where));
    await settings.setPrintedExpiry('2031-05-12');
    expect(a.local.items.has(SETTING_KEYS.printedExpiry)).toBe(false);
    expect(await settings.printedExpiry()).toBe('2031-05-12');
    // A view reads without knowing the area.
    expect(await new Settings(a).printedExpiry()).toBe('2031-05-12');
  });

  it('clearing clears both areas, so a date written before a switch does not come back', async () => {
    const a = areas();
    await a.local.set({ [SETTING_KEYS.printedExpiry]: '2030-01-01' });
    await a.session.set({ [SETTING_KEYS.printedExpiry]: '2031-05-12' });
    const settings = new Settings(a, Promise.resolve('session'));
    await settings.setPrintedExpiry(null);
    expect(await settings.printedExpiry()).toBeUndefined();
  });

  it.each([['2031-02-30'], ['20310512'], [20310512], [null], [{}]])('reads a stored %j as no date', async (stored) => {
    const a = areas();
    await a.local.set({ [SETTING_KEYS.printedExpiry]: stored });
    expect(await new Settings(a).printedExpiry()).toBeUndefined();
  });
});

describe('the other settings', () => {
  it('keeps the language, defaulting to Japanese for anything else', async () => {
    const a = areas();
    const settings = new Settings(a);
    expect(await settings.lang()).toBe('ja');
    await settings.setLang('en');
    expect(await settings.lang()).toBe('en');
    await a.local.set({ [SETTING_KEYS.lang]: 'fr' });
    expect(await settings.lang()).toBe('ja');
  });

  it('makes the install id once and keeps it; replaces a malformed one', async () => {
    const a = areas();
    const settings = new Settings(a);
    const first = await settings.installId();
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(await settings.installId()).toBe(first);
    await a.local.set({ [SETTING_KEYS.installId]: 'not-hex' });
    expect(await settings.installId()).not.toBe('not-hex');
  });

  it('remembers the last working reader by name so an unplugged one is asked back, and forgets it on request', async () => {
    const a = areas();
    const settings = new Settings(a);
    expect(await settings.lastReader()).toBeUndefined();
    await settings.setLastReader('SCR3310-NTTCom');
    expect(await settings.lastReader()).toBe('SCR3310-NTTCom');
    await settings.setLastReader(null);
    expect(await settings.lastReader()).toBeUndefined();
    await a.local.set({ [SETTING_KEYS.lastReader]: 42 });
    expect(await settings.lastReader()).toBeUndefined();
    await settings.setLastReader('x'.repeat(127));
    expect(await settings.lastReader()).toBeUndefined();
  });

  it('keeps only well-formed origins, once each', async () => {
    const settings = new Settings(areas());
    await settings.setAllowedOrigins(['https://myna.go.jp', 'https://myna.go.jp', 'https://myna.go.jp/path', 'javascript:alert(1)', 'https://a.example:8443']);
    expect(await settings.allowedOrigins()).toEqual(['https://myna.go.jp', 'https://a.example:8443']);
    expect(isOrigin('https://example.jp/')).toBe(false);
  });

  it('parses a storage change into the values it touched', () => {
    expect(settingsChange({ [SETTING_KEYS.lang]: { newValue: 'en' } }, 'local')).toEqual({ lang: 'en' });
    expect(settingsChange({ [SETTING_KEYS.lang]: { newValue: 'xx' } }, 'local')).toEqual({ lang: 'ja' });
    expect(settingsChange({ [SETTING_KEYS.lang]: { newValue: 'en' } }, 'sync')).toEqual({});
    expect(settingsChange({ [SETTING_KEYS.printedExpiry]: { newValue: '2031-05-12' } }, 'session')).toEqual({ printedExpiry: '2031-05-12' });
    expect(settingsChange({ [SETTING_KEYS.printedExpiry]: {} }, 'local')).toEqual({ printedExpiry: null });
    expect(settingsChange({ status: { newValue: {} } }, 'session')).toEqual({});
  });
});
