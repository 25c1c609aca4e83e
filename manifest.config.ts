/**
 * The Manifest V3 of both builds. The permission set is deliberately minimal and meant
 * never to grow: Chrome disables an extension whose update adds a permission until the
 * user re-approves it (issue 5 §1).
 * - `storage`: the status snapshot in storage.session (views draw it while the service
 *   worker is stopped) and the printed card expiry in storage.local.
 * - No `usb` permission: MV3 has none; WebUSB is governed by the per-device chooser
 *   grant, and works in the service worker from Chrome 118 (webusb-ccid.md §A2).
 * - No host permissions and no content script yet: the page bridge will declare its
 *   own matches when it exists.
 * The only difference of the virtual build is which file is the service worker.
 */
import { defineManifest } from '@crxjs/vite-plugin';

export const POPUP_PAGE = 'src/extension/popup/index.html';
export const SETUP_PAGE = 'src/extension/setup/index.html';

export function isVirtualMode(mode: string): boolean {
  return mode === 'virtual';
}

export default defineManifest((env) => {
  const virtual = isVirtualMode(env.mode);
  return {
    manifest_version: 3,
    name: virtual ? 'My Number Card Bridge (virtual reader)' : 'My Number Card Bridge',
    short_name: 'My Number Bridge',
    description: '__MSG_extDescription__',
    version: '0.1.0',
    ...(virtual ? { version_name: '0.1.0 virtual' } : {}),
    default_locale: 'ja',
    // WebUSB in extension service workers (webusb-ccid.md §A2).
    minimum_chrome_version: '118',
    permissions: ['storage'],
    background: {
      service_worker: virtual ? 'src/extension/background/main.virtual.ts' : 'src/extension/background/main.ts',
      type: 'module',
    },
    action: {
      default_title: '__MSG_actionTitle__',
      default_popup: POPUP_PAGE,
      default_icon: {
        16: 'src/extension/icons/icon-16.png',
        32: 'src/extension/icons/icon-32.png',
        48: 'src/extension/icons/icon-48.png',
      },
    },
    icons: {
      16: 'src/extension/icons/icon-16.png',
      32: 'src/extension/icons/icon-32.png',
      48: 'src/extension/icons/icon-48.png',
      128: 'src/extension/icons/icon-128.png',
    },
    // The pairing page; the popup opens it with chrome.runtime.openOptionsPage().
    options_page: SETUP_PAGE,
  };
});
