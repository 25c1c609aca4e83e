/**
 * Service worker of the shipped build. Readers come from WebUSB — CCID readers and the
 * Sony RC-S380 (Port-100), each source listing only its own devices — and, once the
 * holder installs the companion and grants `nativeMessaging` (an optional permission,
 * asked for only by those who choose that route), from the OS's PC/SC through it.
 * Nothing virtual is imported here (test/e2e/bundle.test.ts checks the built bundle).
 * The entries are the only files that know the drivers; the background sees the seam.
 */
import { createWebUsbCcidSource } from '../reader/ccid/index';
import { mergeSources } from '../reader/merged-source';
import { COMPANION_HOST_NAME, createNativeSource, type NativePort } from '../reader/native/index';
import { createWebUsbPort100Source } from '../reader/port100/index';
import type { ReaderSource } from '../reader/types';
import { startBackground } from './background/index';
import { browser } from './browser';

const companion = createNativeSource({
  connect: () => browser.runtime.connectNative(COMPANION_HOST_NAME) as unknown as NativePort,
  lastError: () => (browser.runtime as { lastError?: { message?: string } }).lastError?.message,
});

/** The companion route only where the holder granted it: without the permission there is no port to open. */
const companionRoute: ReaderSource = {
  kind: 'native',
  list: async () => ((await browser.permissions.contains({ permissions: ['nativeMessaging'] })) ? companion.list() : []),
  onChange: (listener) => companion.onChange(listener),
};

startBackground({ source: mergeSources([createWebUsbCcidSource(), createWebUsbPort100Source(), companionRoute]), virtual: false });
