/**
 * Answers the views' requests (messages.ts). Every message is parsed before anything
 * switches on it; a malformed one gets a coded refusal, never an exception.
 */
import { MESSAGE, parseRequest, type PairedReader, type Reply } from '../messages';
import { PRINTED_EXPIRY_STORAGE_KEY } from '../status-model';
import type { ReaderCandidate } from '../reader-sources/types';
import { CONFIG } from '../../config';
import { withDeadline } from '../../deadline';
import { codeOf } from './error-map';
import { DeadlineExpiredError } from './errors';
import type { Background } from './start';

/**
 * Whether a message comes from one of this extension's own pages (popup, setup page),
 * judged only by the browser's record of the sender (DESIGN: never a value the message
 * carries). Another extension has another id; a content script, even ours, runs in a web
 * page whose URL is not under chrome-extension://<our id>/; there is no
 * externally_connectable, so web pages cannot send at all.
 */
export function isOwnExtensionPage(sender: Pick<chrome.runtime.MessageSender, 'id' | 'url'>, extensionId: string): boolean {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'chrome-extension:' && url.host === extensionId;
  } catch {
    return false;
  }
}

export async function handleMessage(background: Background, raw: unknown): Promise<Reply> {
  const request = parseRequest(raw);
  if (request === null) return { ok: false, code: 'bad-message', message: 'not a message this extension knows' };
  try {
    switch (request.type) {
      case MESSAGE.refresh:
        return { ok: true, snapshot: await background.status.refresh(request.force) };
      case MESSAGE.setPrintedExpiry:
        if (request.date === null) await chrome.storage.local.remove(PRINTED_EXPIRY_STORAGE_KEY);
        else await chrome.storage.local.set({ [PRINTED_EXPIRY_STORAGE_KEY]: request.date });
        // Without a read in memory (a restarted worker) the new date needs one: warm, from the cache.
        if ((await background.status.reassess()) === undefined) void background.status.refresh();
        return { ok: true };
      case MESSAGE.readersChanged:
        await background.holder.drop();
        return { ok: true, snapshot: await background.status.refresh(true) };
      case MESSAGE.listReaders:
        return { ok: true, readers: await listReaders(background) };
      case MESSAGE.forgetReader: {
        const candidate = (await background.holder.candidates()).find((c) => c.key === request.key);
        if (candidate === undefined) return { ok: false, code: 'no-reader', message: 'no paired reader with that key' };
        await background.holder.drop();
        await candidate.forget();
        void background.status.refresh(true);
        return { ok: true };
      }
    }
  } catch (error) {
    return { ok: false, code: codeOf(error), message: error instanceof Error ? error.message : 'failed' };
  }
}

/** Each paired reader with the verdict of opening it (the setup page's list). */
async function listReaders(background: Background): Promise<PairedReader[]> {
  const open = background.holder.identity;
  const out: PairedReader[] = [];
  for (const candidate of await background.holder.candidates()) {
    const isOpen = open !== undefined && open.vendorId === candidate.identity.vendorId && open.productId === candidate.identity.productId;
    out.push({ key: candidate.key, identity: candidate.identity, ...(isOpen ? { verdict: 'ready' } : await probe(candidate)) });
  }
  return out;
}

/** Opens and closes a reader the background does not hold, to say whether it works. */
async function probe(candidate: ReaderCandidate): Promise<Pick<PairedReader, 'verdict' | 'problemCode'>> {
  try {
    await withDeadline(
      CONFIG.extension.probeDeadlineMs,
      () => new DeadlineExpiredError(`trying ${candidate.identity.name} took too long`),
      async () => {
        const reader = await candidate.open();
        await reader.close();
      },
    );
    return { verdict: 'ready' };
  } catch (error) {
    const code = codeOf(error);
    const verdict =
      code === 'reader-protected-interface' ? 'protected-class'
      : code === 'reader-busy' ? 'os-busy'
      : code === 'reader-unsupported' ? 'unsupported'
      : 'error';
    return { verdict, problemCode: code };
  }
}
