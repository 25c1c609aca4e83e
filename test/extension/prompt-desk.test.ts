/**
 * The PIN window's desk (issue 9 §2): one window at a time, the view pushed over the
 * window's own port, and every way a request ends — cancel, closing the window, the user
 * timeout, the background finishing — ends the wait with its own error and closes it.
 */
import { describe, expect, it } from 'vitest';
import { PromptDesk, UserCancelledError, UserTimeoutError, type PromptPort } from '../../src/extension/background/prompt/index';

class FakePort implements PromptPort {
  readonly sent: unknown[] = [];
  private readonly messageListeners: ((m: unknown) => void)[] = [];
  private readonly disconnectListeners: (() => void)[] = [];
  disconnected = false;
  constructor(readonly name: string) {}
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  readonly onMessage = { addListener: (l: (m: unknown) => void) => void this.messageListeners.push(l) };
  readonly onDisconnect = { addListener: (l: () => void) => void this.disconnectListeners.push(l) };
  say(message: unknown): void {
    this.messageListeners.forEach((l) => l(message));
  }
  closeWindow(): void {
    this.disconnectListeners.forEach((l) => l());
  }
}

function desk() {
  const opened: string[] = [];
  const closed: number[] = [];
  let next = 1;
  const d = new PromptDesk(
    { open: async (url) => (opened.push(url), next++), close: async (id) => void closed.push(id) },
    (id) => `prompt.html?id=${id}`,
    true,
  );
  const portFor = (index: number): FakePort => new FakePort(`prompt:${new URL(`x:/${opened[index]}`).searchParams.get('id')}`);
  return { d, opened, closed, portFor };
}

const REQUEST = { origin: 'https://a.example', ask: 'login' as const, timeoutMs: 5_000 };

describe('the PIN window desk', () => {
  it('pushes the view over the window’s port and takes the PIN typed there', async () => {
    const { d, portFor } = desk();
    const handle = await d.open(REQUEST);
    const port = portFor(0);
    d.attach(port);
    handle.show({ stage: 'pin' });
    expect(port.sent.at(-1)).toMatchObject({ origin: 'https://a.example', stage: 'pin', virtual: true });
    const pin = handle.pin();
    port.say({ type: 'submit', pin: '1234', lastTryConfirmed: false });
    await expect(pin).resolves.toEqual({ pin: '1234', lastTryConfirmed: false });
    handle.finish();
  });

  it('ignores a port of another id and malformed commands', async () => {
    const { d, portFor } = desk();
    const handle = await d.open(REQUEST);
    const stranger = new FakePort('prompt:someone-else');
    d.attach(stranger);
    expect(stranger.disconnected).toBe(true);
    const port = portFor(0);
    d.attach(port);
    const pin = handle.pin();
    port.say({ type: 'submit', pin: 1234 });
    port.say({ type: 'submit', pin: 'x'.repeat(100), lastTryConfirmed: false });
    port.say('cancel');
    port.say({ type: 'submit', pin: '5678', lastTryConfirmed: true });
    await expect(pin).resolves.toEqual({ pin: '5678', lastTryConfirmed: true });
    handle.finish();
  });

  it.each([
    ['cancel in the window', (port: FakePort) => port.say({ type: 'cancel' }), UserCancelledError],
    ['closing the window', (port: FakePort) => port.closeWindow(), UserCancelledError],
  ])('ends the wait on %s and closes the window', async (_, act, error) => {
    const { d, portFor, closed } = desk();
    const handle = await d.open(REQUEST);
    const port = portFor(0);
    d.attach(port);
    const pin = handle.pin();
    act(port);
    await expect(pin).rejects.toBeInstanceOf(error);
    await expect(handle.consent()).rejects.toBeInstanceOf(error);
    expect(closed).toEqual([1]);
  });

  it('ends the wait with USER_TIMEOUT when nobody answers in time', async () => {
    const { d } = desk();
    const handle = await d.open({ ...REQUEST, timeoutMs: 50 });
    await expect(handle.pin()).rejects.toBeInstanceOf(UserTimeoutError);
  });

  it('opens one window at a time: the second waits until the first has ended', async () => {
    const { d, opened } = desk();
    const first = await d.open(REQUEST);
    let secondOpened = false;
    const second = d.open({ ...REQUEST, origin: 'https://b.example' }).then((h) => ((secondOpened = true), h));
    await new Promise((r) => setTimeout(r, 30));
    expect(secondOpened).toBe(false);
    first.finish();
    (await second).finish();
    expect(opened).toHaveLength(2);
  });
});
