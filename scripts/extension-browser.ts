/**
 * Launches Debian's Chromium with a built extension loaded, through playwright-core, and
 * finds the extension's id from its service worker's URL. Shared by `npm start` and the
 * end-to-end tests (test/e2e/harness.ts). A missing Chromium or build is an error with
 * the fix in its message, never a silent skip. Node only.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = '/usr/bin/chromium';
export const VIRTUAL_DIST = join(ROOT, 'dist-virtual');
export const SHIPPED_DIST = join(ROOT, 'dist');
export const SCREENSHOTS = join(ROOT, 'test-results', 'popup');
export const POPUP_PATH = 'src/extension/popup/index.html';
/** Chrome draws a popup at most 800×600; the popup is 380 wide (popup.css), so this is what the resident sees. */
export const POPUP_VIEWPORT = { width: 380, height: 600 };

export interface Extension {
  readonly context: BrowserContext;
  readonly id: string;
  /** The extension's service worker, waiting for it to start when it is not running. */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run "apt-get install -y chromium" (as root), or npm run test:e2e which installs it`);
  }
}

export function requireBuild(dir = VIRTUAL_DIST): void {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: run "npm run build:virtual" first (npm run test:e2e does)`);
  }
}

export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

export async function launchExtension(extensionDir = VIRTUAL_DIST, headless = true, userDataDir = ''): Promise<Extension> {
  requireChromium();
  requireBuild(extensionDir);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    args: chromiumArgs(extensionDir),
    viewport: POPUP_VIEWPORT,
  });
  // A worker Chrome stopped and restarted keeps its CDP target, so Playwright's Worker
  // object stays usable across the restart; only a closed one is skipped.
  const closed = new WeakSet<Worker>();
  const track = (w: Worker): void => void w.on('close', () => closed.add(w));
  context.serviceWorkers().forEach(track);
  context.on('serviceworker', track);
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const id = new URL(first.url()).host;
  const worker = async (): Promise<Worker> => {
    const alive = context.serviceWorkers().find((w) => !closed.has(w) && w.url().startsWith(`chrome-extension://${id}/`));
    return alive ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  };
  return { context, id, worker, close: () => context.close() };
}

export async function openPopup(ext: Extension): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.goto(`chrome-extension://${ext.id}/${POPUP_PATH}`);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

