/**
 * Service worker of the shipped build: readers come from WebUSB only. Nothing virtual
 * is imported here (test/e2e/bundle.test.ts checks the built bundle). The entries are
 * the only files that know the drivers; the background sees the reader seam.
 */
import { createWebUsbCcidSource } from '../reader/ccid/index';
import { startBackground } from './background/index';

startBackground({ source: createWebUsbCcidSource(), virtual: false });
