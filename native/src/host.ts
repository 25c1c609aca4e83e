/**
 * The companion's protocol, independent of stdin/stdout and of the PC/SC binding: frames
 * in, frames out, requests answered through a PcscBackend (issue 12 "wire contract").
 * A thin pipe: it holds open handles and nothing else, and knows nothing of cards.
 * It never writes APDU bytes, responses or ATRs to its log — only ids, types, times
 * and error codes — so no PIN can leak through it (STYLE §20).
 */
import {
  COMPANION_PROTOCOL,
  encodeFrame,
  FrameDecoder,
  fromWireHex,
  isBadRequest,
  parseRequest,
  toWireHex,
  type HostErrorCode,
  type Request,
} from '../../src/reader/native/index';
import { PcscFailure, type PcscBackend, type PcscCard } from './pcsc';

/** What the host logs: fixed fields only, so data cannot slip in. */
export interface HostLogLine {
  readonly id: number | null;
  readonly type: string;
  readonly ms: number;
  readonly code?: HostErrorCode;
}

export interface HostOptions {
  readonly backend: PcscBackend;
  readonly version: string;
  readonly send: (frame: Uint8Array) => void;
  readonly log?: (line: HostLogLine) => void;
}

export interface Host {
  /** Bytes from stdin, split anywhere. */
  receive(chunk: Uint8Array): void;
  /** The browser closed the port: unpower every card we hold (a verified PIN must not outlive us), stop watching. */
  shutdown(): Promise<void>;
  /** Open handles (tests check none leak). */
  readonly openHandles: number;
  /** Settles when every request received so far is answered (tests). */
  idle(): Promise<void>;
}

type Fields = Readonly<Record<string, unknown>>;

export function createHost(o: HostOptions): Host {
  const decoder = new FrameDecoder();
  const handles = new Map<number, PcscCard>();
  let nextHandle = 1;
  let unwatch: (() => void) | undefined;
  // Requests are served one after another, in the order they came: a transmit sent
  // right behind its connect must find the handle, and PC/SC calls on one context are
  // not meant to overlap.
  let queue: Promise<void> = Promise.resolve();

  const write = (message: Fields): void => {
    const frame = encodeFrame(message);
    if (frame !== undefined) return o.send(frame);
    // Chrome drops a host message over 1 MB and closes the port: answer with the error instead.
    const id = typeof message.id === 'number' ? message.id : null;
    o.send(encodeFrame({ id, error: { code: 'too-large', message: 'reply exceeds 1 MB' } })!);
  };
  const fail = (id: number | null, code: HostErrorCode, message: string): void => write({ id, error: { code, message } });

  const card = (handle: number): PcscCard => {
    const c = handles.get(handle);
    if (c === undefined) throw new PcscFailure('unknown-handle', `no open handle ${handle}`);
    return c;
  };

  async function answer(r: Request): Promise<Fields> {
    switch (r.type) {
      case 'hello':
        return { version: o.version, protocol: COMPANION_PROTOCOL };
      case 'list': {
        const readers = await o.backend.listReaders();
        return { readers: readers.map((x) => ({ name: x.name, state: x.present ? 'present' : 'empty' })) };
      }
      case 'watch':
        // One subscription per port: a second watch is acknowledged and changes nothing.
        unwatch ??= o.backend.watch((e) => write({ type: 'event', reader: e.reader, state: e.state }));
        return {};
      case 'connect': {
        const c = await o.backend.connect(r.reader);
        const handle = nextHandle++;
        handles.set(handle, c);
        return { handle, atr: toWireHex(c.atr), protocol: c.protocol };
      }
      case 'transmit':
        return { response: toWireHex(await card(r.handle).transmit(fromWireHex(r.apdu))) };
      case 'begin':
        await card(r.handle).beginTransaction();
        return {};
      case 'end':
        await card(r.handle).endTransaction();
        return {};
      case 'disconnect': {
        const c = card(r.handle);
        // Forgotten first: a failed disconnect (card pulled) still ends our hold on the handle.
        handles.delete(r.handle);
        await c.disconnect(r.disposition);
        return {};
      }
    }
  }

  async function serve(r: Request): Promise<void> {
    const t0 = Date.now();
    try {
      const fields = await answer(r);
      write({ ...fields, id: r.id });
      o.log?.({ id: r.id, type: r.type, ms: Date.now() - t0 });
    } catch (e) {
      const { code, message } = e instanceof PcscFailure ? e : { code: 'pcsc-error' as const, message: e instanceof Error ? e.message : String(e) };
      fail(r.id, code, message);
      o.log?.({ id: r.id, type: r.type, ms: Date.now() - t0, code });
    }
  }

  return {
    receive(chunk) {
      for (const result of decoder.push(chunk)) {
        if (result.kind === 'bad-frame') {
          fail(null, result.code, result.message);
          o.log?.({ id: null, type: 'frame', ms: 0, code: result.code });
          continue;
        }
        const r = parseRequest(result.value);
        if (isBadRequest(r)) {
          fail(r.id, 'bad-request', r.message);
          o.log?.({ id: r.id, type: 'request', ms: 0, code: 'bad-request' });
          continue;
        }
        queue = queue.then(() => serve(r));
      }
    },
    async shutdown() {
      // A request still at the card finishes first (bounded by main.ts's exit deadline).
      await queue;
      unwatch?.();
      unwatch = undefined;
      const open = [...handles.values()];
      handles.clear();
      await Promise.allSettled(open.map((c) => c.disconnect('unpower')));
      o.backend.close();
    },
    get openHandles() {
      return handles.size;
    },
    async idle() {
      let seen: Promise<void> | undefined;
      while (seen !== queue) {
        seen = queue;
        await queue;
      }
    },
  };
}
