/**
 * The pairing page against the background (issue 5 §1): it lists the paired readers with
 * the verdict of trying each one. Chrome's chooser itself cannot be driven headless
 * (facts C), so the virtual reader stands for an already-paired device.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/extension/i18n/index';
import { LINUX_STOP_COMMAND } from '../../src/extension/ui/os';
import { READER_FILTERS } from '../../src/extension/setup/reader-filters';
import { control, launchExtension, screenshot, type Extension } from './harness';
import { popupShows, waitForPhase } from './popup-helpers';

let ext: Extension;

beforeAll(async () => {
  ext = await launchExtension();
  await waitForPhase(ext, 'ready');
});
afterAll(async () => {
  await ext?.close();
});

async function openSetup() {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`chrome-extension://${ext.id}/src/extension/setup/index.html`);
  return page;
}

describe('the pairing page', () => {
  it('lists the paired reader as working, then as refused by Chrome once it is a Smart Card class reader', async () => {
    let page = await openSetup();
    const ready = await waitForPhase(ext, 'ready');
    await popupShows(page, ready.reader!.name);
    await popupShows(page, t('ja', 'paired.verdict.ready'));
    await screenshot(page, '11-setup-ready');
    await page.close();

    const blocked = await control(ext, 'setReaderClass', 0x0b, 'chrome');
    expect(blocked.phase).toBe('reader-blocked');
    page = await openSetup();
    await popupShows(page, t('ja', 'paired.verdict.protected-class'));
    await popupShows(page, t('ja', 'verdict.protected.title'));
    await screenshot(page, '12-setup-blocked');
    await page.close();
    await control(ext, 'reset');
  });

  it('lists the paired reader as held by another program while the operating system holds it, and as working once it lets go', async () => {
    const held = await control(ext, 'holdByOs', true);
    expect(held.phase).toBe('reader-busy');
    let page = await openSetup();
    await popupShows(page, held.reader!.name);
    await popupShows(page, t('ja', 'paired.verdict.os-busy'));
    // The popup sends the holder here for the steps: this system's first (headless Chromium runs on Linux).
    await popupShows(page, t('ja', 'verdict.busy.title'));
    await popupShows(page, t('ja', 'os.title', { os: t('ja', 'os.linux') }));
    await popupShows(page, LINUX_STOP_COMMAND);
    await screenshot(page, '17-setup-held-by-os');
    await page.close();

    expect((await control(ext, 'holdByOs', false)).phase).toBe('ready');
    page = await openSetup();
    await popupShows(page, t('ja', 'paired.verdict.ready'));
    await page.close();
  });

  it('forgets a paired reader with its own named button: the list empties and the popup says no reader is connected', async () => {
    const ready = await waitForPhase(ext, 'ready');
    const page = await openSetup();
    await popupShows(page, t('ja', 'paired.verdict.ready'));
    const forget = page.getByRole('button', { name: t('ja', 'paired.forgetLabel', { name: ready.reader!.name }) });
    await forget.focus();
    await page.keyboard.press('Enter');
    await popupShows(page, t('ja', 'paired.none'));
    expect((await waitForPhase(ext, 'no-reader')).problem?.code).toBe('no-reader');
    await screenshot(page, '19-setup-forgotten');
    await page.close();
    expect((await control(ext, 'plug')).phase).toBe('ready');
  });

  /**
   * Chrome's chooser cannot be driven headless (facts C): the page's requestDevice is
   * replaced before the page loads by one that records how it was called and answers as
   * the chooser would — with the device picked, or with the DOMException Chrome gives.
   */
  async function setupWithChooser(answer: { pick: { vendorId: number; productId: number } } | { reject: string }) {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.addInitScript((a) => {
      const calls: unknown[] = [];
      (globalThis as unknown as { chooserCalls: unknown[] }).chooserCalls = calls;
      Object.defineProperty(navigator.usb, 'requestDevice', {
        value: async (options: USBDeviceRequestOptions) => {
          calls.push({ filters: options.filters, userActivation: navigator.userActivation.isActive });
          if ('reject' in a) throw new DOMException('chooser', a.reject);
          return { ...a.pick, serialNumber: undefined };
        },
      });
    }, answer);
    await page.goto(`chrome-extension://${ext.id}/src/extension/setup/index.html`);
    return page;
  }

  it('asks Chrome’s chooser on a click, with the CCID class and the known vendor-class readers, then tries the chosen reader and says it works', async () => {
    const ready = await waitForPhase(ext, 'ready');
    const page = await setupWithChooser({ pick: { vendorId: ready.reader!.vendorId!, productId: ready.reader!.productId! } });
    await page.getByRole('button', { name: t('ja', 'setup.choose') }).click();
    await popupShows(page, t('ja', 'verdict.ready.title'));
    const calls = await page.evaluate(() => (globalThis as unknown as { chooserCalls: unknown[] }).chooserCalls);
    expect(calls).toEqual([{ filters: READER_FILTERS, userActivation: true }]);
    await screenshot(page, '20-setup-chosen-ready');
    await page.close();
  });

  it.each([
    ['closing the chooser without a pick', 'NotFoundError', 'verdict.cancelled.title'],
    ['Chrome or policy refusing WebUSB', 'SecurityError', 'verdict.noPermission.title'],
  ] as const)('says so in words after %s', async (_, name, key) => {
    const page = await setupWithChooser({ reject: name });
    await page.getByRole('button', { name: t('ja', 'setup.choose') }).click();
    await popupShows(page, t('ja', key));
    await page.close();
  });
});
