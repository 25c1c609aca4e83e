/**
 * The popup, the setup page and a Web eID login over the virtual Sony RC-S380 (issue 11):
 * the built virtual extension with `useReader('RC-S380')`, so the background drives the
 * Port-100 driver, Type B and ISO-DEP exactly as it would a real one. Each state is shot
 * at the popup's real size in Japanese and English (test-results/popup/rcs380-*).
 */
import { X509Certificate, createHash, verify } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t, type Lang } from '../../src/extension/i18n/index';
import { LINUX_PORT100_UNBIND_COMMAND, LINUX_STOP_COMMAND } from '../../src/extension/ui/os';
import { shortReaderName } from '../../src/extension/ui/reader-name';
import { join } from 'node:path';
import { SCREENSHOTS, control, launchExtension, openPopup, screenshot, type Extension } from './harness';
import { popupShows, popupShowsNot, waitForPhase } from './popup-helpers';
import { askAndGetPrompt, openSite, press, reply, startSite, type Site } from './site';

let ext: Extension;
let page: Page;

const LANGS: readonly Lang[] = ['ja', 'en'];

async function setLang(lang: Lang): Promise<void> {
  await (await ext.worker()).evaluate((l) => chrome.storage.local.set({ 'ui.lang': l }), lang);
}

/** Draws the popup in each language, checks `texts(lang)` are on it, and saves `rcs380-<name>-<lang>.png`. */
async function inBothLanguages(name: string, texts: (lang: Lang) => string[]): Promise<void> {
  try {
    for (const lang of LANGS) {
      await setLang(lang);
      await page.reload();
      for (const text of texts(lang)) await popupShows(page, text);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height, `${name} in ${lang} is ${height} px tall`).toBeLessThanOrEqual(600);
      await screenshot(page, `rcs380-${name}-${lang}`);
    }
  } finally {
    await (await ext.worker()).evaluate(() => chrome.storage.local.remove('ui.lang'));
  }
}

beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
});
beforeEach(async () => {
  await control(ext, 'reset');
  const snapshot = await control(ext, 'useReader', 'RC-S380');
  expect(snapshot.phase).toBe('ready');
  await page?.close();
  page = await openPopup(ext);
});

describe('the popup over a virtual RC-S380', () => {
  it('reads a healthy card over Port-100 and ISO-DEP: ready, the RC-S380 named, both PINs at full tries, the card unpowered after', async () => {
    const snapshot = await control(ext, 'checkNow');
    expect(snapshot.reader).toMatchObject({ vendorId: 0x054c, productId: 0x06c1 });
    expect(snapshot.reader?.name).toContain('RC-S380');
    expect(snapshot.card?.pins).toEqual({ auth: { remaining: 3, max: 3, locked: false }, sign: { remaining: 5, max: 5, locked: false } });
    expect((await control(ext, 'apduLog')).length).toBeGreaterThan(0);
    await expect(control(ext, 'cardPower')).resolves.toMatchObject({ powered: false, verified: [] });
    await inBothLanguages('01-healthy', (lang) => [shortReaderName(snapshot.reader!.name), t(lang, 'summary.ok')]);
  });

  it('asks for the card to be laid on the reader when it is lifted off, and reads it again when it is put back', async () => {
    let snapshot = await control(ext, 'removeCard');
    expect(snapshot.phase).toBe('no-card');
    await inBothLanguages('02-card-lifted', (lang) => [t(lang, 'next.placeCard'), t(lang, 'card.none.contactless')]);
    await popupShowsNot(page, t('ja', 'next.insertCard'));

    snapshot = await control(ext, 'insertCard');
    expect(snapshot.phase).toBe('ready');
    await popupShows(page, t('ja', 'summary.ok'));
  });

  it('asks for the RC-S380 by name when it is unplugged, and recovers when it is plugged back without pairing again', async () => {
    let snapshot = await control(ext, 'unplug');
    expect(snapshot.phase).toBe('no-reader');
    const name = shortReaderName((await page.evaluate(async () => (await chrome.storage.local.get('ui.lastReader'))['ui.lastReader'] as string | undefined)) ?? '');
    expect(name).toContain('RC-S380');
    await inBothLanguages('03-unplugged', (lang) => [t(lang, 'next.replug', { name })]);
    await popupShowsNot(page, t('ja', 'next.pair'));

    snapshot = await control(ext, 'plug');
    expect(snapshot.phase).toBe('ready');
  });

  it('tells an RC-S380 held by the OS from a missing one: port100 and its unbind command on Linux, not pcscd; recovers when the OS lets go', async () => {
    let snapshot = await control(ext, 'holdByOs', true);
    expect(snapshot.phase).toBe('reader-busy');
    expect(snapshot.problem?.code).toBe('reader-busy');
    expect(snapshot.reader?.name).toContain('RC-S380');
    // Headless Chromium here runs on Linux: the popup gives the port100 unbind command.
    await inBothLanguages('04-held-by-os', (lang) => [t(lang, 'summary.busy'), t(lang, 'next.busy.rcs380.linux'), LINUX_PORT100_UNBIND_COMMAND]);
    await popupShowsNot(page, LINUX_STOP_COMMAND);
    await popupShowsNot(page, t('ja', 'next.replug', { name: 'RC-S380' }));

    snapshot = await control(ext, 'holdByOs', false);
    expect(snapshot.phase).toBe('ready');
    await popupShows(page, t('ja', 'summary.ok'));
  });
});

describe('the setup page with a held RC-S380, and the RC-S300', () => {
  it('shows the RC-S380 steps for Linux (unbind, blacklist, udev rule) for the held reader, and the companion as the RC-S300’s route', async () => {
    await control(ext, 'holdByOs', true);
    const setup = await ext.context.newPage();
    try {
      await setup.setViewportSize({ width: 900, height: 1200 });
      for (const lang of LANGS) {
        await setLang(lang);
        await setup.goto(`chrome-extension://${ext.id}/src/extension/setup/index.html`);
        await popupShows(setup, t(lang, 'verdict.busy.title'));
        await popupShows(setup, t(lang, 'os.rcs380.linux.1'));
        await popupShows(setup, LINUX_PORT100_UNBIND_COMMAND);
        await popupShows(setup, 'ATTR{idProduct}=="06c1"');
        await popupShows(setup, t(lang, 'sony.rcs300.route'));
        await setup.screenshot({ path: join(SCREENSHOTS, `rcs380-05-setup-held-${lang}.png`), fullPage: true });
      }
      const text = await setup.evaluate(() => document.body.innerText);
      expect(text).not.toContain(LINUX_STOP_COMMAND);
      expect(text).not.toMatch(/RC-S300[^。.]*(WebUSB で使えます|works over WebUSB)/);
    } finally {
      await (await ext.worker()).evaluate(() => chrome.storage.local.remove('ui.lang'));
      await setup.close();
    }
  });
});

describe('a site action over the virtual RC-S380', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it('logs in with Web eID: the PIN goes once over ISO-DEP, the token verifies for this origin, and the card ends unpowered', async () => {
    const nonce = 'n0nce-for-the-rc-s380-e2e-login-0123456789abcdef';
    const sitePage = await openSite(ext, `${site.origin}/`);
    try {
      const prompt = await askAndGetPrompt(ext, sitePage, { action: 'web-eid:authenticate', challengeNonce: nonce });
      await prompt.waitForSelector('#pin');
      await prompt.fill('#pin', '1234');
      await press(prompt.getByRole('button', { name: t('ja', 'prompt.submit') }));
      const token = await reply(sitePage, 'web-eid:authenticate');
      expect(token).toMatchObject({ action: 'web-eid:authenticate-success', algorithm: 'RS256' });
      const cert = new X509Certificate(Buffer.from(String(token.unverifiedCertificate), 'base64'));
      const signed = Buffer.concat([createHash('sha256').update(site.origin).digest(), createHash('sha256').update(nonce).digest()]);
      expect(verify('sha256', signed, cert.publicKey, Buffer.from(String(token.signature), 'base64'))).toBe(true);
      expect((await control(ext, 'checkNow')).reader?.name).toContain('RC-S380');
      await expect(control(ext, 'cardPower')).resolves.toMatchObject({ powered: false, verified: [] });
    } finally {
      await sitePage.close();
    }
  });
});
