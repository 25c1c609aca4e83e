/**
 * The extension's own pages, by path inside the package. manifest.json names the same
 * paths (test/extension/manifest.test.ts checks they agree); the background tells its
 * senders apart by them.
 */
export const PAGES = Object.freeze({
  popup: 'src/extension/popup/index.html',
  setup: 'src/extension/setup/index.html',
  /** The PIN and consent window (issue 9). Named now so its capabilities are fixed before it exists. */
  prompt: 'src/extension/prompt/index.html',
} as const);

export type PageName = keyof typeof PAGES;

/** The one message type our content scripts send the background: a page's request, untouched. */
export const PAGE_MESSAGE = 'page/web-eid';
