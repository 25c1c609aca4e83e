/**
 * Extension bench (issue 5 §4): builds dist/ and dist-virtual/ itself, then measures in
 * headless Debian Chromium with the virtual build:
 * - APDUs and USB transfers of a cold, a warm and an in-memory status check (baseline:
 *   the cold check);
 * - ms from opening the popup to the fresh status drawn, median of RUNS, with the virtual
 *   reader's timing model off (the baseline) and on, cold and warm;
 * - each bundle gzipped (baseline: the shipped build).
 * It prints figures and ratios and writes test-results/extension-bench.json. It asserts
 * nothing: what a user would notice is tested in test/e2e/status-cost.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ROOT, SHIPPED_DIST, VIRTUAL_DIST, control, launchExtension, openPopup, type Extension } from '../test/e2e/harness';
import { waitForPhase } from '../test/e2e/popup-helpers';
import { t } from '../src/extension/i18n/index';
import type { StatusSnapshot } from '../src/extension/status-model';

/** Popup openings per configuration; the median is reported, the spread kept in the JSON. */
const RUNS = 7;
const OUT = join(ROOT, 'test-results', 'extension-bench.json');

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (x: number, base: number): string => (base === 0 ? '—' : `x${(x / base).toFixed(2)}`);

function build(mode: 'shipped' | 'virtual'): void {
  const args = ['build', '--logLevel', 'error', ...(mode === 'virtual' ? ['--mode', 'virtual'] : [])];
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

interface CheckCost {
  readonly cache: StatusSnapshot['cache'];
  readonly apdus: number;
  readonly usb: Awaited<ReturnType<typeof control<'usbStats'>>>;
}

/** One status check of the given kind, counted on the virtual card and the virtual USB device. */
async function check(ext: Extension, kind: 'cold' | 'warm' | 'memory'): Promise<CheckCost> {
  if (kind !== 'memory') await control(ext, 'forgetCard', kind === 'cold' ? 'all' : 'memory');
  await control(ext, 'apduLog');
  await control(ext, 'usbStats');
  // memory: what a reopened popup asks for, a refresh that is not forced.
  const snapshot = kind === 'memory' ? await popupRefresh(ext) : await control(ext, 'checkNow');
  return { cache: snapshot.cache, apdus: (await control(ext, 'apduLog')).length, usb: await control(ext, 'usbStats') };
}

async function popupRefresh(ext: Extension): Promise<StatusSnapshot> {
  const page = await openPopup(ext);
  try {
    return await page.evaluate(async () => {
      await chrome.runtime.sendMessage({ type: 'status/refresh' });
      // The reply only says the read was stored: views take the snapshot from storage.
      return (await chrome.storage.session.get('status'))['status'] as StatusSnapshot;
    });
  } finally {
    await page.close();
  }
}

/**
 * ms from the popup's navigation start (performance.now() in the page, so Playwright's
 * own overhead is not counted) until (a) any status is drawn — the stored one — and
 * (b) the status of a read that began after the popup opened is drawn.
 */
async function timeToDrawn(ext: Extension, page: Page): Promise<{ firstContent: number; drawn: number }> {
  const since = new Date().toISOString();
  // tsx compiles this file with esbuild's keepNames, which wraps the named helpers inside
  // the page function in __name(); the page needs that identity function to run them.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.goto(`chrome-extension://${ext.id}/src/extension/popup/index.html`);
  const first = await page.waitForFunction(
    () => ((document.querySelector('h1')?.textContent ?? '') !== '' ? performance.now() : 0),
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const drawn = await page.evaluate(
    async ([text, after, reading]) => {
      const fresh = (v: unknown): boolean => {
        const s = v as { phase?: string; checkedAt?: string } | undefined;
        return s?.phase === 'ready' && (s.checkedAt ?? '') > after;
      };
      if (!fresh((await chrome.storage.session.get('status'))['status'])) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no fresh status within 20 s')), 20_000);
          const listener = (changes: Record<string, chrome.storage.StorageChange>): void => {
            if (!fresh(changes['status']?.newValue)) return;
            clearTimeout(timer);
            chrome.storage.onChanged.removeListener(listener);
            resolve();
          };
          chrome.storage.onChanged.addListener(listener);
        });
      }
      // The first frame that shows the fresh status and no reading steps.
      for (let frame = 0; frame < 1_200; frame++) {
        await new Promise((r) => requestAnimationFrame(r));
        const body = document.body.textContent ?? '';
        if (body.includes(text) && !body.includes(reading)) return performance.now();
      }
      throw new Error('the fresh status was stored but not drawn within 1200 frames');
    },
    [t('ja', 'summary.ok'), since, t('ja', 'step.certificate')] as const,
  );
  return { firstContent: Math.round(await first.jsonValue()), drawn: Math.round(drawn) };
}

/** The read alone, timed inside the service worker. */
async function readInWorker(ext: Extension): Promise<number> {
  const worker = await ext.worker();
  return worker.evaluate(async () => {
    const start = performance.now();
    await (globalThis as unknown as { virtualReader: { checkNow(): Promise<unknown> } }).virtualReader.checkNow();
    return Math.round(performance.now() - start);
  });
}

interface Timed {
  readonly medianFirstContentMs: number;
  readonly medianDrawnMs: number;
  readonly drawnMs: readonly number[];
  readonly medianReadInWorkerMs: number;
}

async function timePopup(ext: Extension, timing: boolean, kind: 'cold' | 'warm'): Promise<Timed> {
  // setTiming rebuilds the reader; the control surface resolves once its reads are done.
  await control(ext, 'setTiming', timing);
  const runs: { firstContent: number; drawn: number }[] = [];
  const reads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await control(ext, 'forgetCard', kind === 'cold' ? 'all' : 'memory');
    const page = await ext.context.newPage();
    runs.push(await timeToDrawn(ext, page));
    await page.close();
    await control(ext, 'forgetCard', kind === 'cold' ? 'all' : 'memory');
    reads.push(await readInWorker(ext));
  }
  return {
    medianFirstContentMs: median(runs.map((r) => r.firstContent)),
    medianDrawnMs: median(runs.map((r) => r.drawn)),
    drawnMs: runs.map((r) => r.drawn),
    medianReadInWorkerMs: median(reads),
  };
}

interface BundleSize {
  readonly files: number;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Each manifest entry with every file it loads (static imports followed), raw and gzip -9 bytes. */
function bundleSizes(dist: string): Record<string, BundleSize> {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const entries: Record<string, string> = { popup: manifest.action.default_popup, serviceWorker: manifest.background.service_worker };
  if (manifest.options_page) entries.setup = manifest.options_page;
  const out: Record<string, BundleSize> = {};
  for (const [name, entry] of Object.entries(entries)) {
    const contents = [...closure(dist, entry)].map((f) => readFileSync(join(dist, f)));
    out[name] = {
      files: contents.length,
      bytes: contents.reduce((n, c) => n + c.length, 0),
      gzipBytes: contents.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
    };
  }
  // The manifest declares no content script (docs/extension.md, permissions).
  out.contentScript = { files: (manifest.content_scripts ?? []).length, bytes: 0, gzipBytes: 0 };
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

function printChecks(checks: Record<'cold' | 'warm' | 'memory', CheckCost>): void {
  const base = checks.cold;
  console.log('\nstatus check      | APDUs (vs cold) | USB out+in (vs cold) | bytes out/in');
  for (const [kind, c] of Object.entries(checks)) {
    const transfers = c.usb.transfersOut + c.usb.transfersIn;
    const baseTransfers = base.usb.transfersOut + base.usb.transfersIn;
    console.log([
      `${kind} (${c.cache})`.padEnd(17),
      `${c.apdus} (${ratio(c.apdus, base.apdus)})`.padStart(15),
      `${c.usb.transfersOut}+${c.usb.transfersIn}=${transfers} (${ratio(transfers, baseTransfers)})`.padStart(20),
      `${c.usb.bytesOut}/${c.usb.bytesIn}`.padStart(12),
    ].join(' | '));
  }
}

function printTimes(times: Record<string, Timed>): void {
  console.log(`\npopup opened → status drawn, median of ${RUNS} (ms; ratio vs the same check with the timing model off)`);
  console.log('configuration     | first content | fresh drawn (vs off) | read in worker (vs off)');
  for (const [name, r] of Object.entries(times)) {
    const off = times[name.replace('timingOn', 'timingOff')]!;
    console.log([
      name.padEnd(17),
      String(r.medianFirstContentMs).padStart(13),
      `${r.medianDrawnMs} (${ratio(r.medianDrawnMs, off.medianDrawnMs)})`.padStart(20),
      `${r.medianReadInWorkerMs} (${ratio(r.medianReadInWorkerMs, Math.max(1, off.medianReadInWorkerMs))})`.padStart(23),
    ].join(' | '));
  }
  const on = times['timingOn.cold']!;
  const onWarm = times['timingOn.warm']!;
  console.log(`warm vs cold with the timing model on: drawn ${ratio(onWarm.medianDrawnMs, on.medianDrawnMs)}, read ${ratio(onWarm.medianReadInWorkerMs, on.medianReadInWorkerMs)}`);
}

function printBundles(shipped: Record<string, BundleSize>, virtual: Record<string, BundleSize>): void {
  console.log('\nbundle (each entry with every file it loads) | shipped gzip -9 (raw) | virtual gzip -9 (vs shipped)');
  for (const name of Object.keys(shipped)) {
    const s = shipped[name]!;
    const v = virtual[name];
    const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
    console.log([
      name.padEnd(44),
      (s.files === 0 ? 'none' : `${kb(s.gzipBytes)} (${kb(s.bytes)})`).padStart(21),
      (v === undefined || v.files === 0 ? 'none' : `${kb(v.gzipBytes)} (${ratio(v.gzipBytes, s.gzipBytes)})`).padStart(28),
    ].join(' | '));
  }
}

export default async function extensionBench(): Promise<void> {
  console.log('building dist/ and dist-virtual/ (vite build, vite build --mode virtual)…');
  build('shipped');
  build('virtual');
  const ext = await launchExtension(VIRTUAL_DIST);
  try {
    await waitForPhase(ext, 'ready');
    const checks = { cold: await check(ext, 'cold'), warm: await check(ext, 'warm'), memory: await check(ext, 'memory') };
    printChecks(checks);
    const times: Record<string, Timed> = {};
    for (const timing of [false, true]) {
      for (const kind of ['cold', 'warm'] as const) times[`timing${timing ? 'On' : 'Off'}.${kind}`] = await timePopup(ext, timing, kind);
    }
    await control(ext, 'setTiming', false);
    printTimes(times);
    const bundles = { shipped: bundleSizes(SHIPPED_DIST), virtual: bundleSizes(VIRTUAL_DIST) };
    printBundles(bundles.shipped, bundles.virtual);
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify({ statusCheck: checks, popupToStatus: times, bundles }, null, 2)}\n`);
    console.log(`\nfigures → ${OUT}`);
  } finally {
    await ext.close();
  }
}
