/**
 * NODE-ONLY (node:net). Connects a card to pcscd's vpcd reader driver and keeps it
 * connected: vpcd listens (Debian reader.conf `DEVICENAME /dev/null:0x8C7B`, see
 * vpcd-protocol.ts), we dial in, and after any close — pcscd restarted, a bad frame,
 * a stalled peer — we dial again after a pause until stopped. Frames are handled one at
 * a time in arrival order, because vpcd is strictly request/response.
 */
import { Socket } from 'node:net';
import { VpcdFrameError, VpcdTimeoutError } from './errors';
import { FrameDecoder, encodeFrame, VPCD_DEFAULT_PORT } from './vpcd-protocol';
import { VpcdSession, type VpcdCard, type VpcdEvent } from './vpcd-session';

export interface VpcdClientSettings {
  readonly host: string;
  readonly port: number;
  readonly connectTimeoutMs: number;
  readonly retryDelayMs: number;
  readonly frameTimeoutMs: number;
  readonly cardTimeoutMs: number;
  readonly keepAliveMs: number;
  readonly stopTimeoutMs: number;
}

/** Tunables of the bridge, each with its unit and reason (STYLE §11). */
export const VPCD_CLIENT_DEFAULTS: VpcdClientSettings = Object.freeze({
  /** vpcd binds 0.0.0.0; loopback keeps the card off the network. */
  host: '127.0.0.1',
  port: VPCD_DEFAULT_PORT,
  /** ms for the TCP handshake; a local pcscd answers in well under one. */
  connectTimeoutMs: 3_000,
  /** ms between connection attempts while pcscd is down or restarting. */
  retryDelayMs: 500,
  /** ms a frame may stay half-received; vpcd writes each frame with one send(). */
  frameTimeoutMs: 2_000,
  /** ms the card may take per APDU; a WebCrypto RSA-2048 signature takes a few ms, a real card about a second. */
  cardTimeoutMs: 10_000,
  /** ms of TCP keep-alive idle before probing, so a vanished peer is noticed. */
  keepAliveMs: 5_000,
  /** ms that stop() waits for the socket to close. */
  stopTimeoutMs: 2_000,
});

export type VpcdClientOptions = Partial<VpcdClientSettings> & {
  readonly onEvent?: (event: VpcdEvent) => void;
  readonly onLink?: (event: VpcdLinkEvent) => void;
};

export type VpcdLinkEvent =
  | { readonly kind: 'connecting'; readonly host: string; readonly port: number; readonly attempt: number }
  | { readonly kind: 'connected'; readonly host: string; readonly port: number }
  /**
   * vpcd sent its first message on this connection. TCP "connected" alone can mean we
   * sit in vpcd's listen backlog because another card holds the slot.
   */
  | { readonly kind: 'served' }
  | { readonly kind: 'disconnected'; readonly reason: string };

export interface VpcdClient {
  /** True while a TCP connection to vpcd is open. */
  readonly connected: boolean;
  /** True once vpcd has talked on the current connection (pcscd really has the card). */
  readonly served: boolean;
  /** Resolves once connected; rejects after `ms`. */
  waitConnected(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export function startVpcdClient(card: VpcdCard, options: VpcdClientOptions = {}): VpcdClient {
  return new Link(card, { ...VPCD_CLIENT_DEFAULTS, ...options }, options);
}

type Settings = VpcdClientSettings;

class Link implements VpcdClient {
  private socket: Socket | undefined;
  private readonly decoder = new FrameDecoder();
  private readonly session: VpcdSession;
  private queue: Promise<void> = Promise.resolve();
  private frameTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private attempt = 0;
  private isConnected = false;
  private isServed = false;
  private waiters: Array<() => void> = [];

  constructor(
    card: VpcdCard,
    private readonly settings: Settings,
    private readonly observers: Pick<VpcdClientOptions, 'onEvent' | 'onLink'>,
  ) {
    const sessionOptions = observers.onEvent ? { cardTimeoutMs: settings.cardTimeoutMs, onEvent: observers.onEvent } : { cardTimeoutMs: settings.cardTimeoutMs };
    this.session = new VpcdSession(card, sessionOptions);
    this.dial();
  }

  get connected(): boolean {
    return this.isConnected;
  }

  get served(): boolean {
    return this.isServed;
  }

  waitConnected(ms: number): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new VpcdTimeoutError(`vpcd not reachable at ${this.settings.host}:${this.settings.port} within ${ms} ms`, { ms }));
      }, ms);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.frameTimer);
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.settings.stopTimeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.destroy();
    });
  }

  private dial(): void {
    if (this.stopped) return;
    const { host, port } = this.settings;
    this.attempt += 1;
    this.link({ kind: 'connecting', host, port, attempt: this.attempt });
    const socket = new Socket();
    this.socket = socket;
    socket.setTimeout(this.settings.connectTimeoutMs, () => socket.destroy(new VpcdTimeoutError(`no TCP connection within ${this.settings.connectTimeoutMs} ms`)));
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, this.settings.keepAliveMs);
      this.isConnected = true;
      this.attempt = 0;
      this.link({ kind: 'connected', host, port });
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('data', (chunk: Buffer) => this.receive(socket, chunk));
    let reason = 'closed by peer';
    socket.on('error', (error: Error) => {
      reason = error.message;
    });
    socket.once('close', () => this.closed(socket, reason));
    socket.connect(port, host);
  }

  private receive(socket: Socket, chunk: Buffer): void {
    if (!this.isServed) {
      this.isServed = true;
      this.link({ kind: 'served' });
    }
    const frames = this.decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    for (const frame of frames) {
      this.queue = this.queue.then(() => this.answer(socket, frame));
    }
    // The deadline runs from a frame's first byte, so dribbling bytes cannot extend it;
    // a peer that starts a frame and never finishes it would otherwise hold us forever.
    if (this.decoder.pending === 0 || frames.length > 0) {
      clearTimeout(this.frameTimer);
      this.frameTimer = undefined;
    }
    if (this.decoder.pending > 0 && this.frameTimer === undefined) {
      this.frameTimer = setTimeout(() => socket.destroy(new VpcdFrameError(`frame incomplete after ${this.settings.frameTimeoutMs} ms`)), this.settings.frameTimeoutMs);
    }
  }

  private async answer(socket: Socket, frame: Uint8Array): Promise<void> {
    if (socket.destroyed) return;
    const reply = await this.session.handle(frame).catch(() => undefined);
    if (reply !== undefined && !socket.destroyed) socket.write(encodeFrame(reply));
  }

  private closed(socket: Socket, reason: string): void {
    if (socket !== this.socket) return;
    clearTimeout(this.frameTimer);
    this.frameTimer = undefined;
    this.decoder.reset();
    this.session.detach();
    const wasConnected = this.isConnected;
    this.isConnected = false;
    this.isServed = false;
    if (this.stopped) return;
    if (wasConnected) this.link({ kind: 'disconnected', reason });
    this.retryTimer = setTimeout(() => this.dial(), this.settings.retryDelayMs);
  }

  private link(event: VpcdLinkEvent): void {
    try {
      this.observers.onLink?.(event);
    } catch {
      // Observers only print; they must not break the link.
    }
  }
}
