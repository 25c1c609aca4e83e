/**
 * The background's one door (issue 14 §6): every incoming message is parsed, its sender
 * classified by the browser's record (senders.ts), and answered only when the table
 * below grants that kind of sender that message. Anyone else gets no answer at all, so
 * a refused sender cannot even learn which messages exist.
 */
import { MESSAGE, parseRequest, type MessageType, type Reply } from '../../messages';
import { answer, type RouteDeps } from './view-routes';
import { senderKind, type SenderKind, type SenderRecord } from './senders';

/** Who may ask what. Content scripts, other extensions and web pages: nothing here (the page bridge has its own door). */
export const CAPABILITIES: Readonly<Record<MessageType, readonly SenderKind[]>> = Object.freeze({
  [MESSAGE.refresh]: ['popup', 'setup'],
  [MESSAGE.setPrintedExpiry]: ['popup'],
  [MESSAGE.readersChanged]: ['setup'],
  [MESSAGE.listReaders]: ['setup'],
  [MESSAGE.forgetReader]: ['setup'],
});

/**
 * The runtime.onMessage listener: a promise of the reply, or undefined for no answer.
 * A malformed message from a sender that may talk to us gets 'bad-message'.
 */
export function viewListener(deps: RouteDeps, extensionId: string): (raw: unknown, sender: SenderRecord) => Promise<Reply> | undefined {
  return (raw, sender) => {
    const kind = senderKind(sender, extensionId);
    if (!Object.values(CAPABILITIES).some((kinds) => kinds.includes(kind))) return undefined;
    const request = parseRequest(raw);
    if (request === null) return Promise.resolve({ ok: false, code: 'bad-message' });
    if (!CAPABILITIES[request.type].includes(kind)) return undefined;
    return answer(deps, request);
  };
}
