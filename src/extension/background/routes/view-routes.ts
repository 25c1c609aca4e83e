/**
 * What the background does for each request of its own views (messages.ts). The
 * request is already parsed and its sender allowed (listener.ts). Replies carry stable
 * codes only; the snapshot reaches views through storage. Every use of a reader —
 * probe, forget, re-pairing — takes the holder's one exclusive turn (issue 14 §3), so
 * a setup page open beside the popup can never close the reader under a session.
 */
import { CONFIG } from '../../../config';
import { withDeadline } from '../../../deadline';
import type { ReaderCandidate } from '../../../reader/types';
import type { PairedReader, Reply, Request } from '../../messages';
import { MESSAGE } from '../../messages';
import type { Settings } from '../../settings';
import { DeadlineExpiredError } from '../errors';
import { codeOf, forReply, problemOf } from '../problems/index';
import type { ReaderAccess, ReaderHolder } from '../session/index';
import type { StatusService } from '../status/index';

export interface RouteDeps {
  readonly status: StatusService;
  readonly holder: ReaderHolder;
  readonly settings: Settings;
}

export async function answer(deps: RouteDeps, request: Request): Promise<Reply> {
  try {
    switch (request.type) {
      case MESSAGE.refresh:
        await deps.status.refresh(request.force);
        return { ok: true };
      case MESSAGE.setPrintedExpiry:
        await deps.settings.setPrintedExpiry(request.date);
        // Without a read in memory (a restarted worker) the new date needs one: warm, from the cache.
        if ((await deps.status.reassess()) === undefined) void deps.status.refresh();
        return { ok: true };
      case MESSAGE.readersChanged:
        await deps.holder.exclusive(CONFIG.extension.sessionWaitMs, (access) => access.drop());
        void deps.status.refresh(true);
        return { ok: true };
      case MESSAGE.listReaders:
        return { ok: true, readers: await deps.holder.exclusive(CONFIG.extension.sessionWaitMs, (access) => listReaders(deps.holder, access)) };
      case MESSAGE.forgetReader: {
        const forgotten = await deps.holder.exclusive(CONFIG.extension.sessionWaitMs, async (access) => {
          const candidate = (await access.candidates()).find((c) => c.key === request.key);
          if (candidate === undefined) return false;
          await access.drop();
          await candidate.forget();
          return true;
        });
        if (!forgotten) return { ok: false, code: 'no-reader' };
        void deps.status.refresh(true);
        return { ok: true };
      }
    }
  } catch (error) {
    return forReply(problemOf(error));
  }
}

/** Each paired reader with the verdict of opening it (the setup page's list). */
async function listReaders(holder: ReaderHolder, access: ReaderAccess): Promise<PairedReader[]> {
  const open = holder.identity;
  const out: PairedReader[] = [];
  for (const candidate of await access.candidates()) {
    const isOpen = open !== undefined && open.vendorId === candidate.identity.vendorId && open.productId === candidate.identity.productId;
    out.push({ key: candidate.key, identity: candidate.identity, ...(isOpen ? { verdict: 'ready' } : await probe(candidate)) });
  }
  return out;
}

/** Opens and closes a reader the holder does not hold, to say whether it works. */
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
