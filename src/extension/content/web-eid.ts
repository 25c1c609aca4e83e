/**
 * The Web eID content script (issue 9 §3): the page posts `web-eid:*` requests with
 * `window.postMessage`; this answers `-ack` at once (the library gives up after a
 * second), forwards the request to the background and posts the final reply — both to
 * the page's own origin only. It trusts nothing: only messages from its own window,
 * only the four actions, a size bound; everything else is parsed in the background.
 */
import { browser } from '../browser';
import { PAGE_MESSAGE } from '../pages';
import { WEB_EID_ERROR, ack, failure, isWebEidAction } from '../../page/protocol';

/** A Web eID request is a few hundred bytes; a certificate in `sign` about 2 KB. */
const MAX_REQUEST_CHARS = 16_384;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== window) return;
  const data = event.data;
  if (typeof data !== 'object' || data === null) return;
  const action: unknown = (data as { action?: unknown }).action;
  if (!isWebEidAction(action)) return;
  const reply = (message: unknown): void => window.postMessage(message, event.origin);
  reply(ack(action));
  let request: unknown;
  try {
    const text = JSON.stringify(data);
    if (text.length > MAX_REQUEST_CHARS) return reply(failure(action, { code: WEB_EID_ERROR.nativeInvalidArgument, message: 'the request is too large' }));
    request = JSON.parse(text);
  } catch {
    return reply(failure(action, { code: WEB_EID_ERROR.nativeInvalidArgument, message: 'the request is not plain data' }));
  }
  browser.runtime.sendMessage({ type: PAGE_MESSAGE, request }).then(
    (answer: unknown) => reply(answer ?? failure(action, { code: WEB_EID_ERROR.unknown, message: 'the extension did not answer' })),
    () => reply(failure(action, { code: WEB_EID_ERROR.unknown, message: 'the extension did not answer' })),
  );
});
