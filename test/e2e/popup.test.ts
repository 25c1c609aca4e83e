/**
 * The status popup end to end (issue 5 §3): the built virtual extension in Debian's
 * Chromium, the hardware played through `virtualReader` on the service worker, and what
 * the resident sees checked in the popup page and on the toolbar badge. Each state is
 * saved as a screenshot under test-results/popup/.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t } from '../../src/extension/i18n/index';
import { badgeFor } from '../../src/extension/badge';
import { LINUX_STOP_COMMAND } from '../../src/extension/ui/os';
import { shortReaderName } from '../../src/extension/ui/reader-name';
import { ERROR_TEXTS } from '../../src/extension/i18n/errors';
import { CARD_PROFILE_NAMES } from '../../src/virtual/index';
import { addDays, sortFindings, toJstDate, type Finding } from '../../src/rules/index';
import { badge, control, launchExtension, openPopup, screenshot, storedSnapshot, type Extension } from './harness';
import { popupShows, popupShowsNot, waitForPhase } from './popup-helpers';

let ext: Extension;
let page: Page;

async function waitForFinding(code: Finding['code']): Promise<Finding> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = (await storedSnapshot(ext))?.findings.find((f) => f.code === code);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${code} finding within 10 s`);
}

async function waitForBadgeTitle(title: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await badge(ext)).title;
    if (last === title) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the badge title did not become "${title}" within 5 s; it is "${last}"`);
}

/** The findings' texts in the order the popup draws them. */
async function drawnFindings(): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('.finding-text')].map((e) => e.textContent ?? ''));
}

/** The name of the reader the popup last saw working, as it remembered it. */
async function waitForPhaseReaderName(): Promise<string | undefined> {
  return page.evaluate(async () => (await chrome.storage.local.get('ui.lastReader'))['ui.lastReader'] as string | undefined);
}

async function pairedReaderKeys(): Promise<string[]> {
  // Only the pairing page may list readers (the background's capability table).
  const setup = await page.context().newPage();
  try {
    await setup.goto(`chrome-extension://${ext.id}/src/extension/setup/index.html`);
    const reply = (await setup.evaluate(() => chrome.runtime.sendMessage({ type: 'readers/list' }))) as { readers: { key: string }[] };
    return reply.readers.map((r) => r.key);
  } finally {
    await setup.close();
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
  await page?.close();
  page = await openPopup(ext);
  await waitForPhase(ext, 'ready');
});

describe('the popup with a virtual reader', () => {
  it('shows a healthy card as ready, with the virtual mark, the reader, both PINs at full tries and a green tick on the badge', async () => {
    const snapshot = await waitForPhase(ext, 'ready');
    expect(snapshot.virtual).toBe(true);
    expect(snapshot.findings).toEqual([]);
    expect(snapshot.card?.pins).toEqual({ auth: { remaining: 3, max: 3, locked: false }, sign: { remaining: 5, max: 5, locked: false } });
    await popupShows(page, '仮想リーダー');
    await popupShows(page, shortReaderName(snapshot.reader!.name));
    await popupShows(page, t('ja', 'summary.ok'));
    expect(await badge(ext)).toMatchObject({ text: '✓', color: [0x1e, 0x7b, 0x34, 255] });
    await screenshot(page, '01-healthy');
  });

  for (const name of CARD_PROFILE_NAMES.filter((n) => n !== 'healthy')) {
    it(`shows the finding of the "${name}" card with what to do, most severe first`, async () => {
      const snapshot = await control(ext, 'useProfile', name);
      expect(snapshot.phase).toBe('ready');
      expect(snapshot.findings.length).toBeGreaterThan(0);
      for (const finding of snapshot.findings) {
        await popupShows(page, finding.text.ja);
        if (finding.action) await popupShows(page, finding.action.ja);
      }
      expect(await drawnFindings()).toEqual(sortFindings(snapshot.findings).map((f) => f.text.ja));
      await screenshot(page, `02-profile-${name}`);
    });
  }

  it('draws an error above a warning: a locked authentication PIN above the certificate’s renewal', async () => {
    await control(ext, 'useProfile', 'auth-renewal-window');
    const snapshot = await control(ext, 'setPinTries', 'auth', 0);
    const severities = new Set(snapshot.findings.map((f) => f.severity));
    expect([...severities].sort()).toEqual(['error', 'warning']);
    const expected = sortFindings(snapshot.findings).map((f) => f.text.ja);
    await popupShows(page, expected.at(-1)!);
    expect(await drawnFindings()).toEqual(expected);
    expect(snapshot.findings.find((f) => f.text.ja === expected[0])?.severity).toBe('error');
    await screenshot(page, '02-error-above-warning');
  });

  it('shows the tries falling as wrong PINs are typed into the card, then the last-try and the locked warnings', async () => {
    let snapshot = await control(ext, 'enterWrongPin', 'auth');
    expect(snapshot.card?.pins.auth?.remaining).toBe(2);
    expect(snapshot.findings.map((f) => f.code)).toContain('auth-pin-tries-reduced');
    await popupShows(page, snapshot.findings[0]!.text.ja);
    await screenshot(page, '03-auth-tries-2');

    snapshot = await control(ext, 'enterWrongPin', 'auth');
    expect(snapshot.findings[0]?.code).toBe('auth-pin-last-try');
    await popupShows(page, snapshot.findings[0]!.text.ja);
    expect((await badge(ext)).text).toBe('!');
    await screenshot(page, '04-auth-last-try');

    snapshot = await control(ext, 'enterWrongPin', 'auth');
    expect(snapshot.card?.pins.auth?.locked).toBe(true);
    expect(snapshot.findings[0]?.code).toBe('auth-pin-locked');
    await popupShows(page, snapshot.findings[0]!.text.ja);
    await popupShows(page, snapshot.findings[0]!.action!.ja);
    expect((await badge(ext)).text).toBe('!!');
    await screenshot(page, '05-auth-locked');
  });

  it('a PIN typed into the card leaves no trace: VERIFY data is redacted in apduLog and nothing in storage holds it', async () => {
    await control(ext, 'apduLog');
    const snapshot = await control(ext, 'enterWrongPin', 'sign');
    expect(snapshot.card?.pins.sign?.remaining).toBe(4);
    const verifies = (await control(ext, 'apduLog')).filter((r) => r.command.startsWith('00 20 00'));
    const typed = verifies.filter((r) => r.command.length > '00 20 00 80'.length);
    expect(typed).toHaveLength(1);
    expect(typed[0]!.command).toMatch(/^00 20 00 [0-9A-F]{2} [0-9A-F]{2} <\d+ bytes redacted>$/i);
    const stored = await (await ext.worker()).evaluate(async () =>
      JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null), await chrome.storage.sync.get(null)]),
    );
    // The virtual world types WRONG0 or WRONG1 (never the card's real PIN).
    expect(stored).not.toMatch(/WRONG[01]|57 ?52 ?4F ?4E ?47/i);
  });

  it('shows the signing password on its last try and locked when its tries are set through the control surface', async () => {
    let snapshot = await control(ext, 'setPinTries', 'sign', 1);
    expect(snapshot.card?.pins.sign).toEqual({ remaining: 1, max: 5, locked: false });
    expect(snapshot.findings[0]?.code).toBe('sign-pin-last-try');
    await popupShows(page, snapshot.findings[0]!.text.ja);

    snapshot = await control(ext, 'setPinTries', 'sign', 0);
    expect(snapshot.findings[0]?.code).toBe('sign-pin-locked');
    await popupShows(page, snapshot.findings[0]!.text.ja);
    await screenshot(page, '05-sign-locked');
  });

  it('insertCard(profile) puts in a card of that profile; a misspelt profile or impossible tries are refused by name', async () => {
    await control(ext, 'removeCard');
    const snapshot = await control(ext, 'insertCard', 'under-15');
    expect(snapshot.card?.signCertPresent).toBe(false);
    expect(snapshot.findings.length).toBeGreaterThan(0);
    await popupShows(page, snapshot.findings[0]!.text.ja);
    await expect(control(ext, 'insertCard', 'under15')).rejects.toThrow(/unknown profile "under15"/);
    await expect(control(ext, 'setPinTries', 'auth', 4)).rejects.toThrow(/remaining tries for auth must be 0\.\.3/);
    await expect(control(ext, 'setReaderClass', 0x0c as 0x0b)).rejects.toThrow(/0x0B or 0xFF/);
    // A site's test using promise chains sees the refusal as a rejection, not a synchronous throw.
    const caught = await (await ext.worker()).evaluate(() => {
      const surface = (globalThis as unknown as { virtualReader: { useProfile(n: string): Promise<unknown> } }).virtualReader;
      return surface.useProfile('nope').then(() => 'resolved', (e: Error) => `${e.name}: ${e.message}`);
    });
    expect(caught).toMatch(/^ControlSurfaceError: unknown profile "nope"/);
    expect((await storedSnapshot(ext))?.card?.signCertPresent).toBe(false);
  });

  it('opens the pairing page from its reader-setup button', async () => {
    const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await page.getByRole('button', { name: t('ja', 'footer.setup') }).click();
    const setup = await opened;
    await setup.waitForLoadState();
    expect(setup.url()).toBe(`chrome-extension://${ext.id}/src/extension/setup/index.html`);
    await popupShows(setup, t('ja', 'setup.choose'));
    await setup.close();
  });

  it('follows the card being taken out and put back while the popup stays open', async () => {
    let snapshot = await control(ext, 'removeCard');
    expect(snapshot.phase).toBe('no-card');
    await popupShows(page, t('ja', 'next.insertCard'));
    expect((await badge(ext)).text).toBe('');
    await screenshot(page, '06-card-removed');

    snapshot = await control(ext, 'insertCard');
    expect(snapshot.phase).toBe('ready');
    await popupShowsNot(page, t('ja', 'next.insertCard'));
    await popupShows(page, t('ja', 'summary.ok'));
  });

  it('says the reader is gone when it is unplugged, and recovers when it is plugged back without re-pairing', async () => {
    let snapshot = await control(ext, 'unplug');
    expect(snapshot.phase).toBe('no-reader');
    // A reader that worked is asked back by name, not paired again (issue 13 §2).
    await popupShows(page, t('ja', 'next.replug', { name: shortReaderName((await waitForPhaseReaderName()) ?? '') }));
    await popupShowsNot(page, t('ja', 'next.pair'));
    await screenshot(page, '07-reader-unplugged');

    snapshot = await control(ext, 'plug');
    expect(snapshot.phase).toBe('ready');
    await popupShows(page, shortReaderName(snapshot.reader!.name));
  });

  it('explains a Smart Card class reader that Chrome refuses, names the readers that work, and clears when the class is claimable', async () => {
    let snapshot = await control(ext, 'setReaderClass', 0x0b, 'chrome');
    expect(snapshot.phase).toBe('reader-blocked');
    expect(snapshot.problem?.code).toBe('reader-protected-interface');
    expect(snapshot.reader?.name).toContain('ACR39U');
    await popupShows(page, snapshot.reader!.name);
    await popupShows(page, ERROR_TEXTS['reader-protected-interface'].message.ja);
    // Plain words first (issue 13 §2); the background's technical words sit in the disclosure.
    await popupShows(page, t('ja', 'blocked.works'));
    await popupShows(page, t('ja', 'blocked.other'));
    const visible = await page.evaluate(() => (document.querySelector('.next') as HTMLElement | null)?.innerText ?? '');
    expect(visible).not.toMatch(/CCID|クラス|class|04E6|[0-9A-F]{4}:[0-9A-F]{4}/i);
    expect((await badge(ext)).text).toBe('?');
    await screenshot(page, '08-reader-blocked');

    snapshot = await control(ext, 'setReaderClass', 0x0b, 'unrestricted');
    expect(snapshot.phase).toBe('ready');
  });

  it('shows "reading" steps, never a blank popup, while a slow reader is read', async () => {
    await control(ext, 'setTiming', true);
    await control(ext, 'removeCard');
    const inserted = control(ext, 'insertCard');
    await popupShows(page, t('ja', 'step.certificate'));
    await screenshot(page, '09-reading');
    expect((await inserted).phase).toBe('ready');
  });

  it('never sends VERIFY with data during a status check: tries are read without spending one', async () => {
    await control(ext, 'apduLog');
    await control(ext, 'removeCard');
    const snapshot = await control(ext, 'insertCard');
    const log = await control(ext, 'apduLog');
    const verifies = log.filter((r) => r.command.startsWith('00 20 00'));
    expect(verifies.length).toBeGreaterThan(0);
    expect(verifies.every((r) => r.command.length === '00 20 00 80'.length)).toBe(true);
    expect(snapshot.card?.pins.auth?.remaining).toBe(3);
    // What the control surface returned is what stays stored: no read of the insert lands after it.
    expect((await storedSnapshot(ext))?.updatedAt).toBe(snapshot.updatedAt);
  });

  it('says the operating system holds the reader, with the steps for this system, and recovers without re-pairing when it lets go', async () => {
    const keys = await pairedReaderKeys();
    let snapshot = await control(ext, 'holdByOs', true);
    expect(snapshot.phase).toBe('reader-busy');
    expect(snapshot.problem?.code).toBe('reader-busy');
    await popupShows(page, t('ja', 'summary.busy'));
    // Headless Chromium here runs on Linux: the popup gives the pcscd command.
    await popupShows(page, t('ja', 'next.busy.linux'));
    await popupShows(page, LINUX_STOP_COMMAND);
    expect((await badge(ext)).text).toBe('?');
    await screenshot(page, '16-reader-held-by-os');

    snapshot = await control(ext, 'holdByOs', false);
    expect(snapshot.phase).toBe('ready');
    await popupShows(page, t('ja', 'summary.ok'));
    expect((await badge(ext)).text).toBe('✓');
    expect(await pairedReaderKeys()).toEqual(keys);
  });

  it('repaints the badge title in the new language as soon as the holder switches, without reading the card again', async () => {
    const ready = await control(ext, 'checkNow');
    await waitForBadgeTitle(badgeFor(ready, 'ja').title);
    try {
      await page.getByRole('button', { name: t('ja', 'lang.switchLabel') }).click();
      await waitForBadgeTitle(badgeFor(ready, 'en').title);
      expect((await storedSnapshot(ext))?.updatedAt).toBe(ready.updatedAt);
    } finally {
      await (await ext.worker()).evaluate(() => chrome.storage.local.remove('ui.lang'));
    }
  });
  it('speaks English when the holder chooses it: findings, actions and the badge title', async () => {
    const worker = await ext.worker();
    await worker.evaluate(() => chrome.storage.local.set({ 'ui.lang': 'en' }));
    try {
      const snapshot = await control(ext, 'useProfile', 'auth-renewal-window');
      await page.reload();
      for (const finding of snapshot.findings) {
        await popupShows(page, finding.text.en);
        if (finding.action) await popupShows(page, finding.action.en);
      }
      await screenshot(page, '14-english-renewal-window');
      const deadline = Date.now() + 5_000;
      while (!(await badge(ext)).title.includes(snapshot.findings[0]!.text.en) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await badge(ext)).title).toContain(snapshot.findings[0]!.text.en);
    } finally {
      await worker.evaluate(() => chrome.storage.local.remove('ui.lang'));
    }
  });
  it('adds the card’s own renewal when the holder enters the expiry printed on it, and drops it when cleared', async () => {
    const printed = addDays(toJstDate(new Date()), 60);
    const set = (date: string | null) => page.evaluate((d) => chrome.runtime.sendMessage({ type: 'card/set-printed-expiry', date: d }), date);
    // Let the reads the reset started finish, so none lands after the new date.
    await control(ext, 'checkNow');
    await page.reload();
    await popupShows(page, t('ja', 'summary.ok'));
    expect(await set(printed)).toEqual({ ok: true });
    const withCard = await waitForFinding('card-renewal-open');
    await popupShows(page, withCard.text.ja);
    await screenshot(page, '15-printed-expiry');
    expect(await set('2030-02-30')).toMatchObject({ ok: false, code: 'bad-message' });
    expect(await set(null)).toEqual({ ok: true });
    await popupShowsNot(page, withCard.text.ja);
  });
});
