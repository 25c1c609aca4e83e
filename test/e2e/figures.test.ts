/**
 * The figures for docs/extension.md (issue 5 §4), measured in headless Chromium with the
 * virtual build: APDUs and USB transfers for a cold, a warm and an in-memory status
 * check; time from opening the popup to the fresh status being drawn, timing model on
 * and off (median of several runs); gzipped size of each built bundle. The numbers are
 * printed and written to test-results/figures.json. What a user would notice is
 * asserted (a reopened popup costs no APDU; warm costs less than cold); times are not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t } from '../../src/extension/i18n/index';
import { ROOT, SHIPPED_DIST, VIRTUAL_DIST, control, launchExtension, openPopup, type Extension } from './harness';
import { waitForPhase } from './popup-helpers';

const RUNS = 7;
const figures: Record<string, unknown> = {};
let ext: Extension;

beforeAll(async () => {
  ext = await launchExtension();
  await waitForPhase(ext, 'ready');
});
afterAll(async () => {
  await ext?.close();
  const out = join(ROOT, 'test-results', 'figures.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figures → ${out}\n${JSON.stringify(figures, null, 2)}`);
});

async function measuredCheck(scope: 'all' | 'memory' | 'none'): Promise<{ apdus: number; usb: object; cache: unknown }> {
  if (scope !== 'none') await control(ext, 'forgetCard', scope);
  await control(ext, 'apduLog');
  await control(ext, 'usbStats');
  const snapshot = scope === 'none' ? await popupRefresh() : await control(ext, 'checkNow');
  const apdus = (await control(ext, 'apduLog')).length;
  return { apdus, usb: await control(ext, 'usbStats'), cache: snapshot.cache };
}

/** What a reopened popup asks for: a refresh that is not forced. */
async function popupRefresh() {
  const page = await openPopup(ext);
  try {
    return await page.evaluate(async () => {
      const reply = (await chrome.runtime.sendMessage({ type: 'status/refresh' })) as { snapshot: import('../../src/extension/status-model').StatusSnapshot };
      return reply.snapshot;
    });
  } finally {
    await page.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * ms from the popup's navigation start (performance.now() in the page, so Playwright's
 * own overhead is not counted) until (a) any status is drawn — the stored snapshot — and
 * (b) the status of a read that began after the popup opened is drawn.
 */
async function timeToDrawn(page: Page): Promise<{ firstContent: number; drawn: number }> {
  const since = new Date().toISOString();
  await page.goto(`chrome-extension://${ext.id}/src/extension/popup/index.html`);
  const ok = t('ja', 'summary.ok');
  // The status banner's title: drawn from the stored snapshot before any card is read.
  const first = await page.waitForFunction(
    () => ((document.querySelector('h1')?.textContent ?? '') !== '' ? performance.now() : 0),
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  // Resolves at the first animation frame after a snapshot from a fresh read is stored
  // and the popup no longer shows the reading steps (the popup redraws on that change).
  const drawn = await page.evaluate(
    async ([text, after, reading]) => {
      const fresh = (v: unknown): boolean => {
        const s = v as { phase?: string; checkedAt?: string } | undefined;
        return s?.phase === 'ready' && (s.checkedAt ?? '') > after;
      };
      const stored = (await chrome.storage.session.get('status'))['status'];
      if (!fresh(stored)) {
        await new Promise<void>((resolve, reject) => {
          setTimeout(() => reject(new Error('no fresh status within 20 s')), 20_000);
          const listener = (changes: Record<string, chrome.storage.StorageChange>): void => {
            if (fresh(changes['status']?.newValue)) {
              chrome.storage.onChanged.removeListener(listener);
              resolve();
            }
          };
          chrome.storage.onChanged.addListener(listener);
        });
      }
      for (let frame = 0; frame < 1_200; frame++) {
        await new Promise((r) => requestAnimationFrame(r));
        const body = document.body.textContent ?? '';
        if (body.includes(text) && !body.includes(reading)) return performance.now();
      }
      throw new Error('the fresh status was stored but not drawn within 1200 frames');
    },
    [ok, since, t('ja', 'step.certificate')] as const,
  );
  return { firstContent: Math.round(await first.jsonValue()), drawn: Math.round(drawn) };
}

/**
 * Lets reads started by reader/card events finish: a forced read queues behind them, and
 * the pause covers an event still on its way (a replugged reader is listed asynchronously).
 */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  await control(ext, 'checkNow');
}

async function readTimeInWorker(): Promise<number> {
  const worker = await ext.worker();
  return Math.round(
    await worker.evaluate(async () => {
      const start = performance.now();
      await (globalThis as unknown as { virtualReader: { checkNow(): Promise<unknown> } }).virtualReader.checkNow();
      return performance.now() - start;
    }),
  );
}

describe('figures', () => {
  it('a reopened popup costs no APDU; a warm check (card known by its serial) costs less than a cold one', async () => {
    const cold = await measuredCheck('all');
    const warm = await measuredCheck('memory');
    const memory = await measuredCheck('none');
    figures.statusCheck = { cold, warm, memory };
    expect(cold.cache).toBe('cold');
    expect(warm.cache).toBe('warm');
    expect(memory.cache).toBe('memory');
    expect(memory.apdus).toBe(0);
    expect(warm.apdus).toBeLessThan(cold.apdus);
  });

  it('time from opening the popup to the fresh status drawn, timing model on and off', async () => {
    const result: Record<string, object> = {};
    for (const timing of [false, true]) {
      await control(ext, 'setTiming', timing);
      await settle();
      for (const scope of ['all', 'memory'] as const) {
        const runs: { firstContent: number; drawn: number }[] = [];
        const reads: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          await settle();
          await control(ext, 'forgetCard', scope);
          const page = await ext.context.newPage();
          runs.push(await timeToDrawn(page));
          await page.close();
          // The read alone, timed inside the service worker.
          await control(ext, 'forgetCard', scope);
          reads.push(await readTimeInWorker());
        }
        result[`${timing ? 'timingOn' : 'timingOff'}.${scope === 'all' ? 'cold' : 'warm'}`] = {
          runs: RUNS,
          medianFirstContentMs: median(runs.map((r) => r.firstContent)),
          medianDrawnMs: median(runs.map((r) => r.drawn)),
          drawnMs: runs.map((r) => r.drawn),
          medianReadInWorkerMs: median(reads),
        };
      }
    }
    await control(ext, 'setTiming', false);
    figures.popupToStatus = result;
    expect(Object.keys(result)).toHaveLength(4);
  }, 240_000);

  it('gzipped size of each shipped bundle', () => {
    if (!existsSync(join(SHIPPED_DIST, 'manifest.json'))) {
      const built = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], { cwd: ROOT });
      expect(built.status).toBe(0);
    }
    figures.bundles = { shipped: bundleSizes(SHIPPED_DIST), virtual: bundleSizes(VIRTUAL_DIST) };
  });
});

/** Each entry with every file it loads (static imports followed), raw and gzip -9 bytes. */
function bundleSizes(dist: string): Record<string, { files: number; bytes: number; gzipBytes: number }> {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const entries: Record<string, string> = {
    popup: manifest.action.default_popup,
    serviceWorker: manifest.background.service_worker,
  };
  if (manifest.options_page) entries.setup = manifest.options_page;
  const out: Record<string, { files: number; bytes: number; gzipBytes: number }> = {};
  for (const [name, entry] of Object.entries(entries)) {
    const files = closure(dist, entry);
    const contents = [...files].map((f) => readFileSync(join(dist, f)));
    out[name] = {
      files: files.size,
      bytes: contents.reduce((n, c) => n + c.length, 0),
      gzipBytes: contents.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
    };
  }
  out.contentScript = { files: 0, bytes: 0, gzipBytes: 0 };
  return out;
}

function closure(dist: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const clean = file.replace(/^\//, '');
    if (seen.has(clean) || !existsSync(join(dist, clean))) return;
    seen.add(clean);
    const text = readFileSync(join(dist, clean), 'utf8');
    const refs = /\.html$/.test(clean)
      ? [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
      : [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+\.js)["']/g)].map((m) => m[1]!);
    for (const ref of refs) visit(ref.startsWith('/') ? ref : join(dirname(clean), ref));
  };
  visit(entry);
  return seen;
}
