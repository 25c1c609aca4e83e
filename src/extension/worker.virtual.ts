/**
 * Service worker of the virtual build: the same background, with its readers taken from
 * the virtual reader, and the control surface `globalThis.virtualReader` for tests.
 * Listeners are registered synchronously (startBackground) before the virtual hardware
 * is rebuilt from storage, as an MV3 worker must.
 */
import { browser } from './browser';
import { startBackground } from './background/index';
import { createControlSurface, type VirtualReaderControlSurface } from './virtual/control-surface';
import { createVirtualSource } from './virtual/source';
import { VirtualWorld } from './virtual/world';

declare global {
  // eslint-disable-next-line no-var
  var virtualReader: VirtualReaderControlSurface;
}

const world = new VirtualWorld(browser.storage.session);
const background = startBackground({ source: createVirtualSource(world), virtual: true });
globalThis.virtualReader = createControlSurface(world, {
  refresh: () => background.status.refresh(true),
  nextEvents: (reason, count, ms) =>
    new Promise<boolean>((resolve) => {
      let left = count;
      const timer = setTimeout(() => done(false), ms);
      const off = background.holder.watch((r) => {
        if (r === reason && --left === 0) done(true);
      });
      function done(seen: boolean): void {
        clearTimeout(timer);
        off();
        resolve(seen);
      }
    }),
  readerOpen: () => background.holder.identity !== undefined,
  forgetMemory: () => background.status.invalidate(),
  clearCardCache: () => background.cache.clear(),
});
