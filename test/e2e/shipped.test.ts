/**
 * The shipped build (dist/) as a resident installs it, in headless Chromium with no USB
 * reader paired: the pairing page opens on first install, and the popup says there is no
 * reader and how to set one up. No virtual mark, and no control surface on the worker.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/extension/i18n/index';
import { ROOT, SHIPPED_DIST, launchExtension, openPopup, screenshot, type Extension } from './harness';
import { popupShows, popupShowsNot, waitForPhase } from './popup-helpers';

let ext: Extension;

beforeAll(async () => {
  const built = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
  ext = await launchExtension(SHIPPED_DIST);
}, 120_000);
afterAll(async () => {
  await ext?.close();
});

describe('the shipped extension with no reader paired', () => {
  it('opens the pairing page on first install', async () => {
    const setupUrl = `chrome-extension://${ext.id}/src/extension/setup/index.html`;
    const deadline = Date.now() + 15_000;
    while (!ext.context.pages().some((p) => p.url() === setupUrl)) {
      if (Date.now() > deadline) throw new Error(`no pairing tab; pages: ${ext.context.pages().map((p) => p.url()).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('says there is no reader and how to connect one, without the virtual mark', async () => {
    const snapshot = await waitForPhase(ext, 'no-reader');
    expect(snapshot.virtual).toBe(false);
    expect(snapshot.problem?.code).toBe('no-reader');
    const page = await openPopup(ext);
    await popupShows(page, t('ja', 'next.noReader'));
    await popupShowsNot(page, '仮想リーダー');
    expect(await (await ext.worker()).evaluate(() => 'virtualReader' in globalThis)).toBe(false);
    await screenshot(page, '13-shipped-no-reader');
  });
});
