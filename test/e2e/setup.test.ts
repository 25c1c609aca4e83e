/**
 * The pairing page against the background (issue 5 §1): it lists the paired readers with
 * the verdict of trying each one. Chrome's chooser itself cannot be driven headless
 * (facts C), so the virtual reader stands for an already-paired device.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/extension/i18n/index';
import { LINUX_STOP_COMMAND } from '../../src/extension/ui/os';
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
});
