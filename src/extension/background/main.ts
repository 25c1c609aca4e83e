/**
 * Service worker of the shipped build: readers come from WebUSB only. Nothing virtual
 * is imported here (test/e2e/bundle.test.ts checks the built bundle).
 */
import { createWebUsbCcidSource } from '../reader-sources/webusb-ccid';
import { startBackground } from './start';

startBackground({ source: createWebUsbCcidSource(), virtual: false, setupPage: 'src/extension/setup/index.html' });
