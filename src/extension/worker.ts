/**
 * Service worker of the shipped build: readers come from WebUSB only (CCID and Port-100). Nothing virtual
 * is imported here (test/e2e/bundle.test.ts checks the built bundle). The entries are
 * the only files that know the drivers; the background sees the reader seam.
 */
import { createWebUsbCcidSource } from '../reader/ccid/index';
import { mergeSources } from '../reader/merged-source';
import { createWebUsbPort100Source } from '../reader/port100/index';
import { startBackground } from './background/index';

// CCID readers and the Sony RC-S380 (Port-100) side by side; each source lists only its own devices.
startBackground({ source: mergeSources([createWebUsbCcidSource(), createWebUsbPort100Source()]), virtual: false });
