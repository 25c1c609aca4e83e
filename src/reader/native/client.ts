/**
 * One connection to the companion over a native-messaging port (Chrome frames the
 * messages; we see JSON values): hello and its protocol check, request ids, a deadline
 * on every request, events fanned out, and the port's death turned into one coded
 * error for every request still waiting. The port is injected (NativePort), so this
 * driver never imports the extension: the worker hands in browser.runtime.connectNative.
 */
import { CONFIG } from '../../config';
import { withDeadline } from '../../deadline';
import { ReaderGoneError, ReaderProtocolError, ReaderTimeoutError, ReaderUnsupportedError } from '../errors';
import { hostError, portGone, type CompanionFailure } from './errors';
import { COMPANION_PROTOCOL, parseHostMessage, resultOf, type ReaderEvent, type RequestType, type ResultOf } from './messages';

/** The part of a runtime.Port (webextension-polyfill) the client uses. */
export interface NativePort {
  postMessage(message: unknown): void;
  readonly onMessage: { addListener(listener: (message: unknown) => void): void };
  readonly onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface NativeConnector {
  /** Opens a new port to the host (browser.runtime.connectNative(COMPANION_HOST_NAME)). */
  connect(): NativePort;
  /** Chrome's reason a port closed (runtime.lastError.message), read inside onDisconnect. */
  lastError?(): string | undefined;
}

export interface ClientOptions {
  readonly helloMs?: number;
  readonly requestMs?: number;
}

interface Waiter {
  readonly type: RequestType;
  resolve(fields: Readonly<Record<string, unknown>>): void;
  reject(error: Error): void;
}

export class CompanionClient {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private readonly eventListeners = new Set<(e: ReaderEvent) => void>();
  private readonly closeListeners = new Set<(e: CompanionFailure) => void>();
  private closedWith: CompanionFailure | undefined;
  version = '';

  private constructor(private readonly port: NativePort, connector: NativeConnector, private readonly requestMs: number) {
    port.onMessage.addListener((m) => this.receive(m));
    port.onDisconnect.addListener(() => this.gone(portGone(connector.lastError?.())));
  }

  /** Connects and says hello; a host of another protocol is refused (CompanionVersionError) and its port closed. */
  static async open(connector: NativeConnector, o: ClientOptions = {}): Promise<CompanionClient> {
    const client = new CompanionClient(connector.connect(), connector, o.requestMs ?? CONFIG.reader.companionRequestMs);
    try {
      const hello = await client.request('hello', {}, o.helloMs ?? CONFIG.reader.companionHelloMs);
      if (hello.protocol !== COMPANION_PROTOCOL) {
        throw new ReaderUnsupportedError(`the companion speaks protocol ${hello.protocol}, this extension ${COMPANION_PROTOCOL}`, {
          driverCode: hello.protocol < COMPANION_PROTOCOL ? 'companion-too-old' : 'companion-too-new',
          hostVersion: hello.version,
        });
      }
      client.version = hello.version;
      return client;
    } catch (e) {
      client.close();
      throw e;
    }
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  request<T extends RequestType>(type: T, fields: Readonly<Record<string, unknown>> = {}, ms = this.requestMs): Promise<ResultOf[T]> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    const answer = new Promise<ResultOf[T]>((resolve, reject) => {
      this.waiting.set(id, {
        type,
        resolve: (f) => {
          const r = resultOf(type, f);
          if (r === undefined) reject(new ReaderProtocolError(`the companion answered ${type} with fields that do not fit`, { driverCode: 'companion-bad-reply' }));
          else resolve(r);
        },
        reject,
      });
    });
    this.port.postMessage({ ...fields, id, type });
    // A late reply finds no waiter and is dropped; the host may still finish the work.
    return withDeadline(ms, () => new ReaderTimeoutError(`the companion did not answer ${type} within ${ms} ms`, { driverCode: 'companion-timeout' }), answer).finally(() => this.waiting.delete(id));
  }

  onEvent(listener: (e: ReaderEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onClose(listener: (e: CompanionFailure) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    if (this.closedWith) return;
    this.gone(new ReaderGoneError('the companion port was closed by the extension', { driverCode: 'companion-closed' }));
    this.port.disconnect();
  }

  private receive(value: unknown): void {
    const m = parseHostMessage(value);
    if (m === undefined) return this.breakWith(new ReaderProtocolError('the companion sent a message outside its contract', { driverCode: 'companion-bad-reply' }));
    if (m.kind === 'event') {
      for (const l of this.eventListeners) l(m.event);
      return;
    }
    if (m.id === null) return; // a frame the host could not read at all: nothing of ours waits for it
    const w = this.waiting.get(m.id);
    if (w === undefined) return;
    if (m.error !== undefined) w.reject(hostError(m.error, w.type));
    else w.resolve(m.fields);
  }

  /** A host that breaks its contract cannot be trusted with the next APDU either. */
  private breakWith(e: CompanionFailure): void {
    this.gone(e);
    this.port.disconnect();
  }

  private gone(e: CompanionFailure): void {
    if (this.closedWith) return;
    this.closedWith = e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
    for (const l of this.closeListeners) l(e);
  }
}
