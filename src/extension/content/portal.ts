/**
 * The government portal's content script (issue 10 §1): the two hidden inputs pages look
 * for, one `recvMsg` for each `launchApp`, and the page going away ends its request (the
 * official script's mode 05). Everything is parsed again in the background; this only
 * carries strings. Where the official extension's script is also on the page (another
 * `extension-is-installed` input), two replies would reach the page for each request:
 * this one stands down — removes its inputs and answers nothing (issue 10 §2).
 */
import { browser } from '../browser';
import { PORTAL_MESSAGE } from '../pages';
import { PORTAL, portalFailure } from '../../page/portal-protocol';

const OURS = 'data-mynumber-bridge';
let standingDown = false;

function marker(id: string, value: string): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'hidden';
  input.id = id;
  input.value = value;
  input.setAttribute(OURS, '');
  return input;
}

function othersPresent(): boolean {
  return document.querySelector(`#${PORTAL.extensionInput}:not([${OURS}])`) !== null;
}

function standDown(): void {
  if (standingDown) return;
  standingDown = true;
  document.querySelectorAll(`[${OURS}]`).forEach((e) => e.remove());
  void browser.runtime.sendMessage({ type: PORTAL_MESSAGE, standDown: true }).catch(() => undefined);
}

function inject(): void {
  if (othersPresent()) return standDown();
  // The real user agent, as the official script reads it in its own world (facts §1.1).
  const mac = navigator.userAgent.includes('Intel Mac OS X');
  document.body.append(marker(PORTAL.extensionInput, PORTAL.extensionMarker), marker(PORTAL.appInput, mac ? PORTAL.appMarkerMac : PORTAL.appMarker));
  // The official script may run after ours (document_end too): watch for its input.
  new MutationObserver((_, observer) => {
    if (!othersPresent()) return;
    observer.disconnect();
    standDown();
  }).observe(document.body, { childList: true, subtree: true });
}

function reply(detail: unknown): void {
  document.dispatchEvent(new CustomEvent(PORTAL.reply, { bubbles: true, detail: JSON.stringify(detail) }));
}

if (window.top === window) {
  if (document.body !== null) inject();
  else document.addEventListener('DOMContentLoaded', inject, { once: true });

  document.addEventListener(PORTAL.request, (event: Event) => {
    if (standingDown) return;
    const detail: unknown = (event as CustomEvent<unknown>).detail;
    browser.runtime.sendMessage({ type: PORTAL_MESSAGE, detail: typeof detail === 'string' ? detail.slice(0, 70_000) : null }).then(
      (answer: unknown) => reply(answer ?? portalFailure(undefined)),
      () => reply(portalFailure(undefined)),
    );
  });

  // The adjacent JPKI protocol (facts §7.1) is not served, but its requests are logged by shape for the diagnostics page.
  document.addEventListener('launchJPKIApp', (event: Event) => {
    const detail: unknown = (event as CustomEvent<unknown>).detail;
    void browser.runtime.sendMessage({ type: PORTAL_MESSAGE, jpki: typeof detail === 'string' ? detail.slice(0, 70_000) : null }).catch(() => undefined);
  });

  window.addEventListener('beforeunload', () => {
    if (!standingDown) void browser.runtime.sendMessage({ type: PORTAL_MESSAGE, unload: true }).catch(() => undefined);
  });
}
