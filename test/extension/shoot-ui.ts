/**
 * Node-only: bundles the popup and pairing-page previews with esbuild, opens them in
 * Debian's Chromium (headless, through playwright-core) and saves one PNG per fixture
 * case and language under test-results/ui/ (popup at Chrome's real popup size, 380 × 600,
 * exiting 1 when a case draws taller; setup page at a laptop tab width). Run: `npx tsx test/extension/shoot-ui.ts [case...]`.
 * It lives in test/ because it is Node code (src/ is bundled for the browser).
 * A popup case whose expiry form holds an error also gets the form submitted.
 */
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { PREVIEW_CASES } from '../../src/extension/preview/fixtures';
import { SETUP_CASES } from '../../src/extension/preview/setup-fixtures';

const OUT = resolve('test-results/ui');
const BUNDLE = join(OUT, 'bundle');
const POPUP_WIDTH = 380;
/** Chrome caps an action popup's height at 600 px; taller content scrolls. */
const POPUP_MAX_HEIGHT = 600;
const SETUP_WIDTH = 900;

async function bundle(): Promise<string> {
  await mkdir(BUNDLE, { recursive: true });
  await build({
    entryPoints: [resolve('src/extension/preview/preview.tsx'), resolve('src/extension/preview/setup-preview.tsx')],
    bundle: true,
    // A classic script: Chromium refuses module scripts from file:// URLs.
    format: 'iife',
    outdir: BUNDLE,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'chrome118',
    logLevel: 'warning',
  });
  const html = (name: string): string => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><link rel="stylesheet" href="${name}.css"></head>
<body><div id="app"></div><script src="${name}.js"></script></body></html>`;
  await writeFile(join(BUNDLE, 'popup.html'), html('preview'));
  await writeFile(join(BUNDLE, 'setup.html'), html('setup-preview'));
  return pathToFileURL(BUNDLE).href;
}

async function main(): Promise<void> {
  const url = await bundle();
  const only = process.argv.slice(2);
  const names = Object.keys(PREVIEW_CASES).filter((n) => only.length === 0 || only.includes(n));
  // Naming only setup cases ("setup-protected") skips the popup, and the other way round.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: POPUP_WIDTH, height: POPUP_MAX_HEIGHT }, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
    for (const name of names) {
      for (const lang of ['ja', 'en']) {
        await page.goto(`${url}/popup.html?case=${name}&lang=${lang}`);
        if (PREVIEW_CASES[name]?.expiryForm) await page.click('.expiry-form button[type=submit]');
        await page.evaluate(() => document.fonts.ready);
        const height = await page.evaluate(() => document.querySelector('.popup')?.getBoundingClientRect().height ?? 0);
        const file = join(OUT, `popup-${name}-${lang}.png`);
        // Exactly what Chrome shows: the popup's width and at most its 600 px, never a stitched page.
        await page.screenshot({ path: file, animations: 'disabled' });
        console.log(`${file}  ${Math.round(height)}px${height > POPUP_MAX_HEIGHT ? ' (TOO TALL: scrolls in the popup)' : ''}`);
        if (height > POPUP_MAX_HEIGHT) process.exitCode = 1;
      }
    }
    const tab = await browser.newPage({ viewport: { width: SETUP_WIDTH, height: 700 }, deviceScaleFactor: 1 });
    tab.on('pageerror', (e) => console.error('page error:', e.message));
    for (const name of Object.keys(SETUP_CASES).filter((n) => only.length === 0 || only.includes(`setup-${n}`))) {
      for (const lang of ['ja', 'en']) {
        await tab.goto(`${url}/setup.html?case=${name}&lang=${lang}`);
        await tab.evaluate(() => document.fonts.ready);
        const file = join(OUT, `setup-${name}-${lang}.png`);
        await tab.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        console.log(file);
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
