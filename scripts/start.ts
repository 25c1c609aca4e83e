/**
 * `npm start`: installs Chromium and the Japanese fonts if they are missing (or says the
 * exact command), builds the virtual extension (dist-virtual/) and opens Chromium with it,
 * so anyone can see the popup with a virtual My Number Card and no hardware.
 * - With a display ($DISPLAY or $WAYLAND_DISPLAY): a normal window with the popup open
 *   in a tab; it runs until the window is closed.
 * - Without one: headless; opens the popup, waits for the card to be read, saves a
 *   screenshot, prints where it is and how to see the extension for real.
 * Beside the popup it runs the demo site (an e-Tax-style login with the card): in a tab
 * with a display; headless, it logs in once and saves a screenshot of each step.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemo, type Demo } from '../demo/server';
import { createTestCa } from '../src/virtual/index';
import { ROOT, VIRTUAL_DIST, launchExtension, openPopup, screenshot, SCREENSHOTS, type Extension } from './extension-browser';
import { ensureSystem, START_NEEDS } from './ensure-system';

/** How long the headless run waits for the popup to show the card's status, ms. */
const DRAW_DEADLINE_MS = 30_000;

function build(): void {
  console.log('building the virtual extension into dist-virtual/ and the page library into dist-page/ …');
  const vite = join(ROOT, 'node_modules', '.bin', 'vite');
  for (const args of [['build', '--mode', 'virtual', '--logLevel', 'warn'], ['build', '--config', 'vite.page.config.ts', '--logLevel', 'warn']]) {
    const result = spawnSync(vite, args, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error('the build failed; see the errors above');
      process.exit(result.status ?? 1);
    }
  }
}

async function demo(): Promise<Demo> {
  const ca = await createTestCa();
  return startDemo({ authAnchors: [ca.authCaCertificate], signAnchors: [ca.signCaCertificate], libraryDir: join(ROOT, 'dist-page') });
}

/** Headless: the demo's login, the PIN window, the logged-in page — one screenshot each. */
async function demoLogin(ext: Extension, site: Demo): Promise<string[]> {
  const page = await ext.context.newPage();
  await page.goto(`${site.origin}/`);
  const shots = [await screenshot(page, 'npm-start-demo-1-login')];
  const opened = ext.context.waitForEvent('page', { timeout: 15_000 });
  await page.getByRole('button', { name: 'マイナンバーカードでログイン' }).click();
  const prompt = await opened;
  await prompt.waitForURL(/\/prompt\//);
  await prompt.setViewportSize({ width: 440, height: 600 });
  await prompt.waitForSelector('#pin');
  shots.push(await screenshot(prompt, 'npm-start-demo-2-pin-window'));
  await prompt.fill('#pin', '1234');
  await prompt.locator('button[type=submit]').click();
  await page.waitForURL(`${site.origin}/return`, { timeout: 20_000 });
  shots.push(await screenshot(page, 'npm-start-demo-3-logged-in'));
  await page.close();
  return shots;
}

async function windowed(): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'mncb-start-'));
  const ext = await launchExtension(VIRTUAL_DIST, false, profile);
  const site = await demo();
  await openPopup(ext);
  await (await ext.context.newPage()).goto(`${site.origin}/`);
  console.log(`Chromium is open with the virtual extension (id ${ext.id}).`);
  console.log(`The demo site is in the second tab (${site.origin}/): log in with the card; the PIN is 1234, the signing password ABC123.`);
  console.log('Click the card icon in the toolbar (pin it from the puzzle menu) to open the popup;');
  console.log('the tab shows the same popup. Close the window to stop.');
  await new Promise<void>((resolve) => ext.context.on('close', () => resolve()));
  await site.close();
  rmSync(profile, { recursive: true, force: true });
}

/**
 * The phase the popup settles on: polled from Node, because page.waitForFunction takes
 * the Promise an async predicate returns as truthy and stops at once — on a fresh profile
 * that was before the first status existed.
 */
async function settledPhase(page: Page): Promise<string> {
  const deadline = Date.now() + DRAW_DEADLINE_MS;
  while (Date.now() < deadline) {
    const phase = await page.evaluate(async () => {
      const got = await chrome.storage.session.get('status');
      return (got['status'] as { phase?: string } | undefined)?.phase;
    });
    if (phase !== undefined && phase !== 'reading') return phase;
    await page.waitForTimeout(100);
  }
  return `still reading after ${DRAW_DEADLINE_MS} ms`;
}

async function headless(): Promise<void> {
  const ext = await launchExtension(VIRTUAL_DIST, true);
  try {
    const page = await openPopup(ext);
    const phase = await settledPhase(page);
    await page.waitForTimeout(300);
    const path = await screenshot(page, 'npm-start');
    if (phase !== 'ready') {
      // Saying "a healthy card" over a screenshot of an error would mislead the first-time reader.
      console.error(`The popup did not reach a read card (it shows "${phase}"); see ${relative(process.cwd(), path)}.`);
      process.exitCode = 1;
      return;
    }
    console.log(`No display here, so Chromium ran headless with the virtual extension (id ${ext.id}).`);
    console.log(`The popup with a virtual healthy card: ${relative(process.cwd(), path)}`);
    console.log('To see it for real: on a machine with a display run "npm start" (a window opens),');
    console.log(`or load ${relative(process.cwd(), VIRTUAL_DIST)}/ in Chrome at chrome://extensions → Developer mode → Load unpacked.`);
    const site = await demo();
    try {
      const shots = await demoLogin(ext, site);
      console.log(`The demo site's login with the card, step by step: ${shots.map((p) => relative(process.cwd(), p)).join(', ')}`);
    } finally {
      await site.close();
    }
    console.log(`All screenshots of the end-to-end tests are under ${relative(process.cwd(), SCREENSHOTS)}/ after "npm run test:e2e".`);
  } finally {
    await ext.close();
  }
}

// The README's first command on a fresh machine: the same system step as npm test (only
// what start needs), installed when we can or stopped with the exact line to run.
ensureSystem(START_NEEDS);
build();
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
await (hasDisplay ? windowed() : headless());
