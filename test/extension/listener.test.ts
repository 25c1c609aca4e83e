/**
 * The background's one door (issue 14 §6), tested where it is wired: the listener the
 * service worker registers. Each kind of sender the browser can report gets exactly the
 * messages the capability table grants it and no answer at all for the rest; nothing
 * refused reaches any part of the background; a malformed message is refused with a code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, senderKind, viewListener, type RouteDeps, type SenderKind, type SenderRecord } from '../../src/extension/background/routes/index';
import { MESSAGE, type MessageType, type Request } from '../../src/extension/messages';
import { PAGES } from '../../src/extension/pages';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const OTHER = 'ponmlkjihgfedcbaponmlkjihgfedcba';
const own = (path: string, extra = ''): SenderRecord => ({ id: ID, url: `chrome-extension://${ID}/${path}${extra}` });

const SENDERS: Readonly<Record<SenderKind, SenderRecord>> = {
  popup: own(PAGES.popup),
  setup: own(PAGES.setup, '#paired'),
  prompt: own(PAGES.prompt, '?request=1'),
  diagnostics: own(PAGES.diagnostics),
  content: { id: ID, url: 'https://www.e-tax.nta.go.jp/', tab: { id: 3 } },
  'other-extension': { id: OTHER, url: `chrome-extension://${OTHER}/popup.html` },
  'web-page': { url: 'https://evil.example/' },
  'own-other': own('src/extension/unknown.html'),
};

/** One well-formed request of each type. */
const REQUESTS: Readonly<Record<MessageType, Request>> = {
  [MESSAGE.refresh]: { type: MESSAGE.refresh, force: false },
  [MESSAGE.setPrintedExpiry]: { type: MESSAGE.setPrintedExpiry, date: '2031-05-12' },
  [MESSAGE.readersChanged]: { type: MESSAGE.readersChanged },
  [MESSAGE.listReaders]: { type: MESSAGE.listReaders },
  [MESSAGE.forgetReader]: { type: MESSAGE.forgetReader, key: 'virtual:1' },
};

/** A background that records which of its parts a request touched, and answers like an idle one. */
function recordingDeps(): { deps: RouteDeps; touched: string[] } {
  const touched: string[] = [];
  const part = <T extends object>(name: string, impl: T): T =>
    new Proxy(impl, {
      get(target, property, receiver) {
        touched.push(`${name}.${String(property)}`);
        return Reflect.get(target, property, receiver);
      },
    });
  const deps = {
    status: part('status', { refresh: async () => undefined, reassess: async () => undefined }),
    holder: part('holder', { identity: undefined, exclusive: async (_: number, work: (a: unknown) => Promise<unknown>) => work({ candidates: async () => [{ key: 'virtual:1', forget: async () => undefined }], drop: async () => undefined }) }),
    settings: part('settings', { setPrintedExpiry: async () => undefined }),
  } as unknown as RouteDeps;
  return { deps, touched };
}

describe('who the browser says sent a message', () => {
  it.each([
    ['the popup', SENDERS.popup, 'popup'],
    ['the pairing page with a fragment', SENDERS.setup, 'setup'],
    ['the PIN window with a query', SENDERS.prompt, 'prompt'],
    ['a content script of ours, in a web page', SENDERS.content, 'content'],
    ['another extension’s page', SENDERS['other-extension'], 'other-extension'],
    ['another extension claiming our popup’s URL', { id: OTHER, url: own(PAGES.popup).url }, 'other-extension'],
    ['a web page whose path looks like our URL', { id: ID, url: `https://evil.example/chrome-extension://${ID}/${PAGES.popup}` }, 'content'],
    ['a page of an extension whose id starts with ours', { id: ID, url: `chrome-extension://${ID}x/${PAGES.popup}` }, 'content'],
    ['our sender without a URL', { id: ID }, 'own-other'],
    ['a sender without an id', { url: own(PAGES.popup).url }, 'web-page'],
    ['a URL with no host (never one of our pages)', { id: ID, url: 'chrome-extension://' }, 'content'],
  ] as const)('%s is %s', (_, sender, kind) => {
    expect(senderKind(sender, ID)).toBe(kind);
  });
});

describe('the capability table, at the listener', () => {
  const cases = (Object.keys(SENDERS) as SenderKind[]).flatMap((kind) =>
    (Object.keys(REQUESTS) as MessageType[]).map((type) => [kind, type, CAPABILITIES[type].includes(kind)] as const),
  );

  it.each(cases)('%s asking %s: answered = %s', async (kind, type, granted) => {
    const { deps, touched } = recordingDeps();
    const reply = viewListener(deps, ID)(REQUESTS[type], SENDERS[kind]);
    if (!granted) {
      expect(reply).toBeUndefined();
      expect(touched).toEqual([]);
      return;
    }
    expect(await reply).toEqual(expect.objectContaining({ ok: true }));
    expect(touched.length).toBeGreaterThan(0);
  });

  it('grants what each of our views needs and nothing to anyone else', () => {
    expect(CAPABILITIES).toEqual({
      [MESSAGE.refresh]: ['popup', 'setup'],
      [MESSAGE.setPrintedExpiry]: ['popup'],
      [MESSAGE.readersChanged]: ['setup'],
      [MESSAGE.listReaders]: ['setup'],
      [MESSAGE.forgetReader]: ['setup'],
    });
  });
});

describe('messages the background does not know', () => {
  it.each([
    ['an unknown type', { type: 'status/delete' }],
    ['a forget without a key', { type: 'readers/forget' }],
    ['a printed expiry that is no date', { type: 'card/set-printed-expiry', date: '1234' }],
    ['a string', 'status/refresh'],
    ['null', null],
  ])('refuses %s from the popup with bad-message, touching nothing', async (_, raw) => {
    const { deps, touched } = recordingDeps();
    expect(await viewListener(deps, ID)(raw, SENDERS.popup)).toEqual({ ok: false, code: 'bad-message' });
    expect(touched).toEqual([]);
  });

  it('gives a content script no answer even for a malformed message (it cannot learn what exists)', () => {
    const { deps } = recordingDeps();
    expect(viewListener(deps, ID)({ type: 'status/delete' }, SENDERS.content)).toBeUndefined();
  });

  it('fast-check: any JSON value that is not one of ours is refused without an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (raw) => {
        const known = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && typeof raw['type'] === 'string' && raw['type'].includes('/');
        fc.pre(!known);
        const { deps, touched } = recordingDeps();
        expect((await viewListener(deps, ID)(raw, SENDERS.setup))?.ok).toBe(false);
        expect(touched).toEqual([]);
      }),
    );
  });
});
