/**
 * End-to-end helpers over the built virtual extension (dist-virtual/): call the control
 * surface `virtualReader` on the service worker, read the stored snapshot and the badge,
 * stop the worker with CDP. Launching lives in scripts/extension-browser.ts (shared
 * with npm start).
 */
import type { Page } from 'playwright-core';
import type { Extension } from '../../scripts/extension-browser';
import type { StatusSnapshot } from '../../src/extension/status-model';
import type { VirtualReaderControlSurface } from '../../src/extension/virtual/control-surface';

export * from '../../scripts/extension-browser';

type Method = Exclude<keyof VirtualReaderControlSurface, 'state' | 'profiles'>;

/** Calls one control-surface method on the service worker and returns its result. */
export async function control<M extends Method>(
  ext: Extension,
  method: M,
  ...args: Parameters<VirtualReaderControlSurface[M]>
): Promise<Awaited<ReturnType<VirtualReaderControlSurface[M]>>> {
  const worker = await ext.worker();
  return worker.evaluate(
    async ([m, a]) => {
      const surface = (globalThis as unknown as { virtualReader: Record<string, (...x: unknown[]) => unknown> }).virtualReader;
      return await surface[m]!(...a);
    },
    [method, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<VirtualReaderControlSurface[M]>>>;
}

export async function storedSnapshot(ext: Extension): Promise<StatusSnapshot | undefined> {
  const worker = await ext.worker();
  return worker.evaluate(async () => (await chrome.storage.session.get('status'))['status'] as StatusSnapshot | undefined);
}

export async function badge(ext: Extension): Promise<{ text: string; color: number[]; title: string }> {
  const worker = await ext.worker();
  return worker.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: (await chrome.action.getBadgeBackgroundColor({})) as number[],
    title: await chrome.action.getTitle({}),
  }));
}

/** CDP ServiceWorker.stopAllWorkers, as Chrome does to an idle worker; resolves once CDP reports it stopped. */
export async function stopServiceWorker(ext: Extension, page: Page): Promise<void> {
  const cdp = await ext.context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      const ours = event.versions.filter((v) => v.scriptURL.startsWith(`chrome-extension://${ext.id}/`));
      if (ours.length > 0 && ours.every((v) => v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the service worker did not stop within 10 s')), 10_000);
  });
  try {
    await Promise.race([stopped, expired]);
  } finally {
    clearTimeout(timer);
    await cdp.detach();
  }
}
