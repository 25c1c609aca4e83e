/**
 * Who sent a message, judged only by the browser's record of the sender (DESIGN security
 * rules: never by a value the message carries). Another extension has another id; a
 * content script, even ours, runs in a web page whose URL is not under
 * chrome-extension://<our id>/; a web page has no id at all (and without
 * externally_connectable cannot send to us; it is named so the table can refuse it too).
 */
import { PAGES, type PageName } from '../../pages';

export type SenderKind = PageName | 'content' | 'other-extension' | 'web-page' | 'own-other';

export interface SenderRecord {
  readonly id?: string;
  readonly url?: string;
  /** Present for a content script (the tab it runs in). */
  readonly tab?: unknown;
}

export function senderKind(sender: SenderRecord, extensionId: string): SenderKind {
  if (sender.id === undefined) return 'web-page';
  if (sender.id !== extensionId) return 'other-extension';
  const url = parse(sender.url);
  if (url === undefined) return 'own-other';
  if (url.protocol !== 'chrome-extension:' || url.host !== extensionId) return 'content';
  const path = url.pathname.replace(/^\//, '');
  for (const [name, page] of Object.entries(PAGES) as [PageName, string][]) if (path === page) return name;
  return 'own-other';
}

function parse(url: string | undefined): URL | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
