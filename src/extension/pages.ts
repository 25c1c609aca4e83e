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
  /** The last site requests, for the first session on a real site (issue 10 §5). */
  diagnostics: 'src/extension/diagnostics/index.html',
} as const);

export type PageName = keyof typeof PAGES;

/** The one message type our content scripts send the background: a page's request, untouched. */
export const PAGE_MESSAGE = 'page/web-eid';

/** The portal content script's message: a `launchApp` detail, untouched, or the page going away. */
export const PORTAL_MESSAGE = 'page/portal';
