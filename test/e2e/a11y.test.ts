/**
 * The popup for a holder who uses the keyboard or a screen reader (issue 5 §1:
 * "keyboard and screen-reader friendly"), checked in the built popup in Chromium:
 * every stop of the Tab key is a real control with a name and a visible focus ring, in
 * reading order; the state is announced through a live region; PIN marks are spoken as
 * words; text meets WCAG AA contrast; and the printed expiry can be entered with the
 * keyboard alone and is kept in storage.local only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t } from '../../src/extension/i18n/index';
import { addDays, toJstDate } from '../../src/rules/index';
import { SETTING_KEYS } from '../../src/extension/settings';
import { control, launchExtension, openPopup, screenshot, type Extension } from './harness';
import { popupShows, waitForPhase } from './popup-helpers';
import { summaryFor } from '../../src/extension/ui/summary';

let ext: Extension;
let page: Page;

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
  await popupShows(page, t('ja', 'summary.ok'));
});

interface Stop {
  readonly tag: string;
  readonly name: string;
  readonly top: number;
  readonly ring: boolean;
}

/** Presses Tab until focus comes back to the first control (or 40 presses), recording each stop. */
async function tabStops(): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((): Stop | null => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const labels = (el as HTMLInputElement).labels;
      const name = (el.getAttribute('aria-label') ?? (labels && labels[0]?.textContent) ?? el.textContent ?? '').trim();
      const style = getComputedStyle(el);
      return { tag: el.tagName, name, top: el.getBoundingClientRect().top + window.scrollY, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (stop === null) continue;
    if (stops.length > 0 && stop.tag === stops[0]!.tag && stop.name === stops[0]!.name && stop.top === stops[0]!.top) break;
    stops.push(stop);
  }
  return stops;
}

describe('the popup without a mouse', () => {
  it('reaches every control with Tab, each a real named button or field with a visible focus ring, top to bottom', async () => {
    const stops = await tabStops();
    const names = stops.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([
      t('ja', 'lang.switchLabel'),
      t('ja', 'refresh.button'),
      t('ja', 'cardExpiry.addLabel'),
      t('ja', 'footer.setup'),
    ]));
    for (const stop of stops) {
      // SUMMARY: the native disclosure of <details>, a button to assistive technology that
      // Enter and Space open; the details fold away so the answer fits in 600 px (issue 13 §1).
      expect(['BUTTON', 'INPUT', 'A', 'SELECT', 'TEXTAREA', 'SUMMARY'], JSON.stringify(stop)).toContain(stop.tag);
      expect(stop.name.length, JSON.stringify(stop)).toBeGreaterThan(0);
      expect(stop.ring, `no visible focus ring on ${JSON.stringify(stop)}`).toBe(true);
    }
    // Reading order: the header's controls come first, then the page downwards (no tabindex jumps).
    const tops = stops.map((s) => s.top);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    expect(await page.evaluate(() => document.querySelectorAll('[tabindex]:not([tabindex="-1"])').length)).toBe(0);
  });

  it('enters the printed expiry with the keyboard alone; it is kept in storage.local only, and focus returns to the panel', async () => {
    const printed = addDays(toJstDate(new Date()), 60);
    try {
      await enterByKeyboard(printed);
    } finally {
      await (await ext.worker()).evaluate((key) => chrome.storage.local.remove(key), SETTING_KEYS.printedExpiry);
    }
  });
});

/** The printed-expiry form driven by keys only; then where the date was stored. */
async function enterByKeyboard(printed: string): Promise<void> {
  await page.getByRole('button', { name: t('ja', 'cardExpiry.addLabel') }).focus();
  await page.keyboard.press('Enter');
  const field = page.getByLabel(t('ja', 'cardExpiry.label'));
  await field.focus();
  // A day that does not exist is refused in words, tied to the field for screen readers.
  await page.keyboard.type('2034/02/30');
  await page.keyboard.press('Enter');
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByRole('alert').count()).toBe(1);
  await field.fill('');
  await page.keyboard.type(printed.replaceAll('-', '/'));
  await page.keyboard.press('Enter');
  await popupShows(page, t('ja', 'cardExpiry.saved'));
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('card-expiry-title');
  await screenshot(page, '18-printed-expiry-by-keyboard');

  const worker = await ext.worker();
  const where = await worker.evaluate(async (key) => ({
    local: (await chrome.storage.local.get(key))[key],
    sync: await chrome.storage.sync.get(null),
    session: Object.keys(await chrome.storage.session.get(null)),
  }), SETTING_KEYS.printedExpiry);
  expect(where.local).toBe(printed);
  // Not synced to other machines, and not copied as an input beside the status snapshot
  // (the snapshot may carry the finding it gives rise to, which is the point).
  expect(where.sync).toEqual({});
  expect(where.session).not.toContain(SETTING_KEYS.printedExpiry);
}

describe('the popup for a screen reader', () => {
  it('announces the state in a live region and speaks PIN marks as words, not as ●○', async () => {
    const snapshot = await control(ext, 'setPinTries', 'auth', 1);
    await popupShows(page, t('ja', 'pin.lastTry'));
    const spoken = await page.evaluate(() => {
      const live = [...document.querySelectorAll('[aria-live]')].map((e) => e.textContent ?? '').join(' ');
      // What assistive technology reads: text outside aria-hidden subtrees.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.parentElement?.closest('[aria-hidden="true"]')) text += n.textContent;
      }
      return { live, text };
    });
    expect(spoken.live).toContain(t('ja', summaryFor(snapshot, snapshot.findings).key));
    expect(spoken.text).not.toMatch(/[●○]/);
    expect(spoken.text).toContain(t('ja', 'pin.remainingLong', { n: 1, max: 3 }));
    expect(spoken.text).toContain(t('ja', 'pin.lastTry'));
  });
});

/** Every visible text whose contrast with what is behind it is under WCAG AA, described. */
async function contrastFailures(on: Page): Promise<string[]> {
  return on.evaluate(() => {
    const rgba = (c: string): number[] => (c.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number);
    const lum = ([r, g, b]: number[]): number => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if ((c[3] ?? 1) > 0.5) return c;
      }
      return [255, 255, 255, 1];
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? '').trim() || el.closest('.visually-hidden')) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
      const [l1, l2] = [lum(rgba(style.color)), lum(background(el))];
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      // Glyphs hidden from screen readers are drawings with a spoken equivalent (the ●○
      // tries): WCAG 1.4.11 asks 3:1 of graphics needed to understand the state.
      const graphic = el.closest('[aria-hidden="true"]') !== null;
      if (ratio < (large || graphic ? 3 : 4.5)) out.push(`${ratio.toFixed(2)} "${(n.textContent ?? '').trim().slice(0, 30)}" ${style.color} on ${background(el).join(',')}`);
    }
    return out;
  });
}

describe('the popup’s contrast', () => {
  it.each(['healthy', 'auth-locked', 'auth-expired', 'sign-last-try'] as const)('every visible text in the "%s" state reaches WCAG AA (4.5:1; 3:1 when large or a drawing such as a used-try mark)', async (profile) => {
    if (profile !== 'healthy') await control(ext, 'useProfile', profile);
    await page.waitForTimeout(200);
    const failures = await contrastFailures(page);
    expect(failures).toEqual([]);
  });
});

describe('the pairing page', () => {
  it.each([
    ['with a working reader', async (): Promise<void> => undefined, 'paired.verdict.ready'],
    ['with a reader Chrome refuses', async (): Promise<void> => void (await control(ext, 'setReaderClass', 0x0b, 'chrome')), 'verdict.protected.title'],
  ] as const)('%s: every visible text reaches WCAG AA, and Tab stops only on named controls with a focus ring', async (_, arrange, shown) => {
    await arrange();
    const setup = await ext.context.newPage();
    try {
      await setup.setViewportSize({ width: 900, height: 900 });
      await setup.goto(`chrome-extension://${ext.id}/src/extension/setup/index.html`);
      await popupShows(setup, t('ja', shown));
      expect(await contrastFailures(setup)).toEqual([]);
      for (let i = 0; i < 8; i++) {
        await setup.keyboard.press('Tab');
        const stop = await setup.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          // A field is named by its <label> (the accessible-name rule for inputs), anything else by aria-label or its text.
          const label = el instanceof HTMLInputElement ? el.labels?.[0]?.textContent : undefined;
          return { tag: el.tagName, name: (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim(), ring: style.outlineStyle !== 'none' };
        });
        if (stop === null) continue;
        expect(['BUTTON', 'INPUT', 'A'], JSON.stringify(stop)).toContain(stop.tag);
        expect(stop.name.length, JSON.stringify(stop)).toBeGreaterThan(0);
        expect(stop.ring, JSON.stringify(stop)).toBe(true);
      }
    } finally {
      await setup.close();
    }
  });
});
