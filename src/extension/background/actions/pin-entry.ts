/**
 * The PIN loop of a site request (issue 9 §1–§2), shared by every action that needs a
 * PIN: show the tries read before anything was typed, take what the holder types, check
 * its form with the rules core (a malformed PIN never reaches the card), ask for an
 * explicit confirmation before the last try, then run the card session that sends it —
 * once. A wrong PIN shows the new count and asks again; a lock ends the request.
 */
import { PinLockedError, WrongPinError } from '../../../card/index';
import { checkPin } from '../../../rules/index';
import { errorText } from '../../i18n/index';
import type { PinSnapshot } from '../../status-model';
import { UserCancelledError, UserTimeoutError, type PromptHandle } from '../prompt/index';
import { forPopup, problemOf } from '../problems/index';

export type PinKind = 'auth' | 'sign' | 'assist';

/** Shows `error` in the window and waits for the holder to close it; then throws it. */
export async function refuse(handle: PromptHandle, error: unknown): Promise<never> {
  handle.show({ stage: 'refused', problem: forPopup(problemOf(error)) });
  // However the window ends (closed, or the user timeout), the site is told why it was refused.
  await handle.closedByHolder().catch(() => undefined);
  throw error;
}

export async function withPin<T>(handle: PromptHandle, kind: PinKind, tries: PinSnapshot, send: (pin: string) => Promise<T>): Promise<T> {
  let current = tries;
  if (current.locked) await refuse(handle, new PinLockedError(`the ${kind} PIN is locked`));
  let problem: ReturnType<typeof forPopup> | undefined;
  for (;;) {
    handle.show({ stage: 'pin', pin: { kind, tries: current }, ...(problem ? { problem } : {}) });
    const entry = await handle.pin();
    const checked = checkPin(kind, entry.pin);
    if (!checked.ok) {
      problem = { code: 'pin-format', message: checked.message };
      continue;
    }
    if (current.remaining === 1 && !entry.lastTryConfirmed) {
      problem = { code: 'confirm-last-try', message: errorText('pin-locked').message };
      continue;
    }
    handle.show({ stage: 'checking', pin: { kind, tries: current } });
    try {
      return await send(checked.pin);
    } catch (error) {
      if (error instanceof WrongPinError) {
        current = { remaining: error.remaining, max: current.max, locked: error.remaining === 0 };
        if (current.locked) await refuse(handle, new PinLockedError(`the ${kind} PIN is now locked`));
        problem = forPopup(problemOf(error));
        continue;
      }
      if (error instanceof UserCancelledError || error instanceof UserTimeoutError) throw error;
      // No reader, no card, a card swapped: the holder sees why before the site is told.
      return refuse(handle, error);
    }
  }
}
