/**
 * Opening and awaiting the PIN and consent window (issue 9 §2). One window at a time: a
 * second request waits for the first to end (requests from several tabs queue for the
 * one reader anyway). The window is an extension page (`windows.create`, type popup),
 * never page content; it connects a port named `prompt:<id>` and the background pushes
 * every view over it. Cancel, closing the window (the port or the window goes) and the
 * user timeout end the wait with their own error; the timeout also closes the window.
 */
import { BridgeError } from '../../../error';
import { PROMPT_PORT_PREFIX, parsePromptCommand, type PromptAsk, type PromptView } from '../../prompt-model';

export class UserCancelledError extends BridgeError {
  readonly code = 'user-cancelled' as const;
  override readonly name = 'UserCancelledError' as const;
}

export class UserTimeoutError extends BridgeError {
  readonly code = 'user-timeout' as const;
  override readonly name = 'UserTimeoutError' as const;
}

/** The browser's windows, as far as the desk needs them. */
export interface PromptWindows {
  /** Opens the window; resolves its id (undefined when the browser gave none). */
  open(url: string): Promise<number | undefined>;
  close(windowId: number): Promise<void>;
}

/** A runtime port as the desk uses it. */
export interface PromptPort {
  readonly name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: { addListener(listener: (message: unknown) => void): void };
  readonly onDisconnect: { addListener(listener: () => void): void };
}

export interface PromptRequest {
  readonly origin: string;
  readonly ask: PromptAsk;
  readonly description?: string;
  readonly fingerprint?: string;
  readonly count?: number;
  readonly timeoutMs: number;
  /** The tab (and frame) that asked: `cancelOwner` ends its request when the page goes away. */
  readonly owner?: string;
}

export interface PinEntry {
  readonly pin: string;
  readonly lastTryConfirmed: boolean;
}

type Waiting =
  | { readonly kind: 'pin'; readonly resolve: (entry: PinEntry) => void; readonly reject: (e: Error) => void }
  | { readonly kind: 'consent'; readonly resolve: (agree: boolean) => void; readonly reject: (e: Error) => void }
  | { readonly kind: 'close'; readonly resolve: () => void; readonly reject: (e: Error) => void };

/** One open window and the request it stands for. */
export class PromptHandle {
  private view: PromptView;
  private port: PromptPort | undefined;
  private waiting: Waiting | undefined;
  private ended: Error | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;
  private resolveDone: () => void = () => undefined;
  /** Settles when the request has ended, however it ended. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));
  windowId: number | undefined;

  readonly owner: string | undefined;

  constructor(
    readonly id: string,
    request: PromptRequest,
    virtual: boolean,
    private readonly onEnd: (handle: PromptHandle) => void,
    now: Date,
  ) {
    this.view = {
      id,
      origin: request.origin,
      ask: request.ask,
      ...(request.description === undefined ? {} : { description: request.description }),
      ...(request.fingerprint === undefined ? {} : { fingerprint: request.fingerprint }),
      ...(request.count === undefined ? {} : { count: request.count }),
      stage: 'reading',
      deadline: new Date(now.getTime() + request.timeoutMs).toISOString(),
      virtual,
    };
    this.owner = request.owner;
    this.timer = setTimeout(() => this.end(new UserTimeoutError(`no answer in the window within ${request.timeoutMs} ms`)), request.timeoutMs);
  }

  /** Replaces parts of the view; the window redraws. A problem not named again is cleared. */
  show(change: Partial<Omit<PromptView, 'id' | 'origin' | 'deadline' | 'virtual'>>): void {
    const { problem: _old, ...rest } = this.view;
    const next: Record<string, unknown> = { ...rest, ...change };
    // A part set to undefined is dropped, so the window stops drawing it.
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    this.view = next as unknown as PromptView;
    this.port?.postMessage(this.view);
  }

  /** The next PIN the holder submits. */
  pin(): Promise<PinEntry> {
    return this.wait<PinEntry>('pin');
  }

  /** Whether the holder agrees to what the window shows. */
  consent(): Promise<boolean> {
    return this.wait<boolean>('consent');
  }

  /** Resolves when the holder closes a window that only tells them something. */
  closedByHolder(): Promise<void> {
    return this.wait<void>('close').catch((e: unknown) => {
      if (e instanceof UserCancelledError) return;
      throw e;
    });
  }

  /** Ends the request from the background's side (done, or failed): the window closes. */
  finish(): void {
    this.end(undefined);
  }

  attach(port: PromptPort): void {
    this.port?.disconnect();
    this.port = port;
    port.onMessage.addListener((raw) => this.command(raw));
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.end(new UserCancelledError('the window was closed'));
    });
    port.postMessage(this.view);
  }

  /** The window went away without its port saying so. */
  removed(): void {
    this.end(new UserCancelledError('the window was closed'));
  }

  /** The page that asked went away or said it is done (the portal's mode 05). */
  cancel(): void {
    this.end(new UserCancelledError('the page ended the request'));
  }

  private wait<T>(kind: Waiting['kind']): Promise<T> {
    if (this.ended !== undefined) return Promise.reject(this.ended);
    return new Promise<T>((resolve, reject) => {
      this.waiting = { kind, resolve: resolve as never, reject };
    });
  }

  private command(raw: unknown): void {
    const command = parsePromptCommand(raw);
    if (command === null) return;
    if (command.type === 'cancel') return this.end(new UserCancelledError('cancelled in the window'));
    const waiting = this.waiting;
    if (waiting === undefined) return;
    if (command.type === 'submit' && waiting.kind === 'pin') {
      this.waiting = undefined;
      waiting.resolve({ pin: command.pin, lastTryConfirmed: command.lastTryConfirmed });
    } else if (command.type === 'consent' && waiting.kind === 'consent') {
      this.waiting = undefined;
      waiting.resolve(command.agree);
    }
  }

  private end(error: Error | undefined): void {
    if (this.ended !== undefined) return;
    this.ended = error ?? new UserCancelledError('the request has ended');
    clearTimeout(this.timer);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.ended);
    const port = this.port;
    this.port = undefined;
    port?.disconnect();
    this.onEnd(this);
    this.resolveDone();
  }

  get isEnded(): boolean {
    return this.ended !== undefined;
  }
}

export class PromptDesk {
  private current: PromptHandle | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private counter = 0;

  constructor(
    private readonly windows: PromptWindows,
    private readonly pageUrl: (id: string) => string,
    private readonly virtual: boolean,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Opens the window for `request` once every earlier one has ended. The caller must
   * `finish()` the handle (in a finally) whatever happens.
   */
  open(request: PromptRequest): Promise<PromptHandle> {
    const opened = this.queue.then(() => this.openNow(request));
    // The next window waits for this one to end, not merely to open.
    this.queue = opened.then((h) => h.done).catch(() => undefined);
    return opened;
  }

  /** A port from an extension page; only a live window's own id is taken. */
  attach(port: PromptPort): void {
    const id = port.name.startsWith(PROMPT_PORT_PREFIX) ? port.name.slice(PROMPT_PORT_PREFIX.length) : '';
    if (this.current === undefined || this.current.id !== id) return port.disconnect();
    this.current.attach(port);
  }

  windowRemoved(windowId: number): void {
    if (this.current?.windowId === windowId) this.current.removed();
  }

  /** Ends the open request of `owner`, if it is the one shown. */
  cancelOwner(owner: string): void {
    if (this.current?.owner === owner) this.current.cancel();
  }

  private async openNow(request: PromptRequest): Promise<PromptHandle> {
    const id = `${Date.now().toString(36)}-${(++this.counter).toString(36)}-${randomPart()}`;
    const handle = new PromptHandle(id, request, this.virtual, (h) => this.ended(h), this.clock());
    this.current = handle;
    try {
      handle.windowId = await this.windows.open(this.pageUrl(id));
    } catch (error) {
      handle.finish();
      throw error;
    }
    return handle;
  }

  private ended(handle: PromptHandle): void {
    if (this.current === handle) this.current = undefined;
    const windowId = handle.windowId;
    if (windowId !== undefined) void this.windows.close(windowId).catch(() => undefined);
  }
}

function randomPart(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
}
