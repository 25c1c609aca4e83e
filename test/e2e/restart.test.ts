/**
 * Chrome stops an idle extension service worker whenever it likes (issue 5 §1): the
 * popup must still show where the resident stands, and the restarted worker must find
 * the same hardware and recognise the card without reading its certificate again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badge, control, launchExtension, openPopup, screenshot, stopServiceWorker, storedSnapshot, type Extension } from './harness';
import { popupShows, waitForPhase } from './popup-helpers';

let ext: Extension;

beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
});

describe('the popup after the service worker was stopped', () => {
  it('draws the last status at once from storage, and the restarted worker re-reads the same card warm', async () => {
    const before = await control(ext, 'useProfile', 'sign-last-try');
    const finding = before.findings[0]!;
    expect(finding.code).toBe('sign-pin-last-try');
    // A mark on this worker instance: a restarted worker is a fresh global scope without it.
    await (await ext.worker()).evaluate(() => Object.assign(globalThis, { beforeStop: true }));

    // The CDP ServiceWorker domain sees the extension's workers from one of its pages.
    const first = await openPopup(ext);
    await popupShows(first, finding.text.ja);
    await stopServiceWorker(ext, first);
    await first.close();

    const page = await openPopup(ext);
    await popupShows(page, finding.text.ja);

    const after = await waitForPhase(ext, 'ready', 15_000, before.updatedAt);
    const restarted = await ext.worker();
    expect(await restarted.evaluate(() => 'beforeStop' in globalThis)).toBe(false);
    // The virtual hardware outlived the worker: same card, same tries.
    expect(after.card?.pins.sign?.remaining).toBe(1);
    expect(after.card?.authCert?.serial).toBe(before.card?.authCert?.serial);
    expect(after.cache).toBe('warm');
    expect((await badge(ext)).text).toBe('!');
    await popupShows(page, finding.text.ja);
    // After the restarted worker's warm read (a shot before it may catch its reading steps).
    await screenshot(page, '10-after-worker-restart');
    expect((await storedSnapshot(ext))?.virtual).toBe(true);
  });
});
