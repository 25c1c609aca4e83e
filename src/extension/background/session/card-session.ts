/**
 * One card session (issue 8 §4, issue 14 §1–§2): with the reader to itself, check for a
 * card, power it off and on (every session starts cold, so a PIN left verified by an
 * interrupted session is gone), run the body under a deadline, and power the card off
 * before anything closes the reader — on success, error, deadline and drop alike.
 *
 * The body talks to the card only through a SessionTransport, which refuses every APDU
 * once the deadline fired or the session ended: work the caller was told has failed can
 * never reach the card again (a retrying user would otherwise lose a second PIN try).
 */
import type { ApduTransport } from '../../../card/index';
import { BridgeError } from '../../../error';
import { CONFIG } from '../../../config';
import { withDeadline } from '../../../deadline';
import { NoCardError } from '../../../reader/errors';
import type { OpenReader, ReaderIdentity } from '../../../reader/types';
import { DeadlineExpiredError } from '../errors';
import type { ReaderAccess, ReaderHolder } from './reader-holder';

/** The body sent an APDU after its session ended (a deadline fired, or the body outlived it). */
export class SessionEndedError extends BridgeError {
  readonly code = 'session-ended' as const;
  override readonly name = 'SessionEndedError' as const;
}

export interface SessionSpec {
  /** For errors and logs: 'status', 'login', 'sign'. */
  readonly name: string;
  /** From acquiring the reader to the body's end, ms. */
  readonly deadlineMs: number;
  /** How long the session may wait for the reader's current user, ms. */
  readonly waitMs: number;
  /** After the deadline, how long the APDU on the wire may take to settle, ms (default CONFIG.extension.sessionSettleMs). */
  readonly settleMs?: number;
}

export interface CardSession {
  readonly reader: ReaderIdentity;
  readonly atr: Uint8Array;
  readonly transport: ApduTransport;
  /** Aborts when the deadline fires; the transport then refuses, this lets non-APDU work stop too. */
  readonly signal: AbortSignal;
}

/** Counts the APDUs of every session of one action, in one place. */
export class ApduTally {
  commands = 0;
  bytesSent = 0;
  bytesReceived = 0;
}

/** Codes after which the open reader cannot be trusted and is dropped. */
const DROPS_READER = new Set(['reader-disconnected', 'reader-timeout', 'unexpected']);

export function runCardSession<T>(
  holder: ReaderHolder,
  spec: SessionSpec,
  tally: ApduTally,
  body: (session: CardSession) => Promise<T>,
): Promise<T> {
  return holder.exclusive(spec.waitMs, async (access) => {
    const controller = new AbortController();
    const wire = new Wire();
    let reader: OpenReader | undefined;
    try {
      return await withDeadline(
        spec.deadlineMs,
        () => new DeadlineExpiredError(`${spec.name} did not finish in ${spec.deadlineMs} ms`, { action: spec.name }),
        async (signal) => {
          signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
          const open = await wire.run(() => access.acquire());
          reader = open;
          const state = await wire.run(() => open.slotStatus());
          if (state === 'absent') throw new NoCardError('no card in the reader');
          // The driver powers off first too (OpenReader.powerOn); this covers every driver alike.
          if (state === 'active') await wire.run(() => open.powerOff());
          const atr = await wire.run(() => open.powerOn());
          const transport = new SessionTransport(open, controller.signal, tally, wire);
          return await body({ reader: open.identity, atr, transport, signal: controller.signal });
        },
      );
    } catch (error) {
      if (DROPS_READER.has(error instanceof BridgeError ? error.code : 'unexpected')) {
        controller.abort(error);
        await access.drop({ hung: !(await wire.settle(0)) });
        reader = undefined;
      }
      throw error;
    } finally {
      controller.abort(new SessionEndedError(`the ${spec.name} session has ended`));
      if (reader !== undefined) await endSession(access, reader, wire, spec.settleMs ?? CONFIG.extension.sessionSettleMs);
    }
  });
}

/**
 * Powers the card off once the reader's last call settled. A reader whose transfer hangs
 * cannot take a power-off (the command would queue behind it), and one that refuses it
 * cannot be trusted: either is closed — the only way to end a hung WebUSB transfer
 * (facts A2) — and the next session's power-off-then-on clears what the card kept.
 */
async function endSession(access: ReaderAccess, reader: OpenReader, wire: Wire, settleMs: number): Promise<void> {
  const off =
    (await wire.settle(settleMs)) &&
    (await withDeadline(CONFIG.extension.powerOffDeadlineMs, () => new DeadlineExpiredError('power-off took too long'), () => reader.powerOff()).then(
      () => true,
      () => false,
    ));
  if (!off) await access.drop({ hung: true });
}

/** What the session has asked of the reader and not yet been answered. */
class Wire {
  private pending: Promise<unknown> | undefined;

  async run<R>(call: () => Promise<R>): Promise<R> {
    const pending = call();
    this.pending = pending;
    try {
      return await pending;
    } finally {
      if (this.pending === pending) this.pending = undefined;
    }
  }

  /** Resolves true once nothing is on the wire, false if something still is after `ms`. */
  async settle(ms: number): Promise<boolean> {
    const pending = this.pending;
    if (pending === undefined) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([pending.then(() => true, () => true), late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The card as one session sees it: counted, and closed to the body once the session ends. */
class SessionTransport implements ApduTransport {
  constructor(
    private readonly reader: ApduTransport,
    private readonly signal: AbortSignal,
    private readonly tally: ApduTally,
    private readonly wire: Wire,
  ) {}

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.refuseIfEnded();
    this.tally.commands++;
    this.tally.bytesSent += command.length;
    const response = await this.wire.run(() => this.reader.transmit(command));
    this.tally.bytesReceived += response.length;
    // An answer that arrives after the deadline is not handed on: its caller has already failed.
    this.refuseIfEnded();
    return response;
  }

  private refuseIfEnded(): void {
    if (!this.signal.aborted) return;
    const reason: unknown = this.signal.reason;
    throw reason instanceof Error ? reason : new SessionEndedError('the session has ended');
  }
}
