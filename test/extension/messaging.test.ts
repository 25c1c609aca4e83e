/**
 * Who the background answers (DESIGN security rules): only this extension's own pages,
 * judged by the browser's record of the sender; and anything that is not one of our
 * messages is refused before the background does anything with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleMessage, isOwnExtensionPage } from '../../src/extension/background/messaging';
import type { Background } from '../../src/extension/background/start';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const OTHER = 'ponmlkjihgfedcbaponmlkjihgfedcba';

describe('the senders the background answers', () => {
  it.each([
    ['the popup', { id: ID, url: `chrome-extension://${ID}/src/extension/popup/index.html` }],
    ['the pairing page in a tab', { id: ID, url: `chrome-extension://${ID}/src/extension/setup/index.html#x` }],
  ])('answers %s', (_, sender) => {
    expect(isOwnExtensionPage(sender, ID)).toBe(true);
  });

  it.each([
    ['another extension’s page', { id: OTHER, url: `chrome-extension://${OTHER}/popup.html` }],
    ['another extension claiming our pages’ URL', { id: OTHER, url: `chrome-extension://${ID}/src/extension/popup/index.html` }],
    ['a content script of ours, running in a web page', { id: ID, url: 'https://www.e-tax.nta.go.jp/' }],
    ['a web page whose path looks like our URL', { id: ID, url: `https://evil.example/chrome-extension://${ID}/` }],
    ['a page of an extension whose id starts with ours', { id: ID, url: `chrome-extension://${ID}x/popup.html` }],
    ['a sender without a URL', { id: ID }],
    ['a sender without an id', { url: `chrome-extension://${ID}/src/extension/popup/index.html` }],
    ['a sender whose URL does not parse', { id: ID, url: 'chrome-extension://' }],
  ])('does not answer %s', (_, sender) => {
    expect(isOwnExtensionPage(sender, ID)).toBe(false);
  });
});

/** A background that fails the test if a refused message reaches any part of it. */
const untouchable = new Proxy({} as Background, {
  get(_, property) {
    throw new Error(`a refused message reached background.${String(property)}`);
  },
});

describe('messages the background does not know', () => {
  it.each([
    ['an unknown type', { type: 'status/delete' }],
    ['a forget without a key', { type: 'readers/forget' }],
    ['a printed expiry that is no date', { type: 'card/set-printed-expiry', date: '1234' }],
    ['a string', 'status/refresh'],
    ['null', null],
  ])('refuses %s with bad-message, touching nothing', async (_, raw) => {
    expect(await handleMessage(untouchable, raw)).toEqual({ ok: false, code: 'bad-message', message: expect.any(String) });
  });

  it('fast-check: any JSON value that is not one of ours is refused without an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (raw) => {
        const known = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && typeof raw['type'] === 'string' && raw['type'].includes('/');
        fc.pre(!known);
        expect((await handleMessage(untouchable, raw)).ok).toBe(false);
      }),
    );
  });
});
