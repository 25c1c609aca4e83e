/**
 * The one import of the WebExtension API (issue 8 §6): every storage, runtime, tabs,
 * windows, action, permissions and scripting call goes through `browser.*` from
 * webextension-polyfill, so the Firefox build the companion route brings needs no second
 * code path. WebUSB stays `navigator.usb`. Tests fake `globalThis.browser` (with a
 * `runtime.id`) before this module loads: the polyfill then hands that object back.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Storage, Tabs, Windows } from 'webextension-polyfill';
