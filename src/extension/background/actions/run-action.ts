/**
 * The one skeleton every user action runs in (STYLE §6): wait for the session, acquire
 * the reader, check for a card and power it, run the action's body under a deadline,
 * power the card down (so no verified PIN lingers, DESIGN security rules), release, and
 * map any error to a Problem the views can show. Each action is one small file that
 * provides only its body and one typed request object.
 */
import { CountingTransport } from '../../../card/counting-transport';
import type { OpenReader } from '../../reader-sources/types';
import { NoCardError } from '../../../reader/ccid/errors';
import { withDeadline } from '../../../deadline';
import { DeadlineExpiredError } from '../errors';
import { problemOf, type Problem } from '../error-map';
import type { ReaderHolder } from '../reader-holder';
import type { SessionQueue } from '../session-queue';

export interface ActionEnvironment {
  readonly holder: ReaderHolder;
  readonly queue: SessionQueue;
}

export interface ActionSpec {
  /** For messages and logs: 'status', 'login', 'sign'. */
  readonly name: string;
  /** The whole action, from acquiring the reader to powering down (ms). */
  readonly deadlineMs: number;
  /** How long the request may wait for another session to finish (ms). */
  readonly waitMs: number;
}

export interface ActionContext {
  readonly reader: OpenReader;
  /** The card, behind an APDU counter (issue 5 §4 figures). */
  readonly transport: CountingTransport;
  readonly signal: AbortSignal;
}

export type ActionOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly apdus: number }
  | { readonly ok: false; readonly problem: Problem; readonly apdus: number };

/** Problems after which the open reader cannot be trusted and is closed. */
const DROPS_READER = new Set(['reader-disconnected', 'reader-timeout', 'deadline-expired', 'unexpected']);

export async function runAction<T>(
  env: ActionEnvironment,
  spec: ActionSpec,
  body: (context: ActionContext) => Promise<T>,
): Promise<ActionOutcome<T>> {
  let transport: CountingTransport | undefined;
  const apdus = (): number => transport?.counts().commands ?? 0;
  try {
    const value = await env.queue.run(spec.waitMs, () =>
      withDeadline(
        spec.deadlineMs,
        () => {
          // Closing the device is the only way to end a hung WebUSB transfer (facts A2).
          void env.holder.drop();
          return new DeadlineExpiredError(`${spec.name} did not finish in ${spec.deadlineMs} ms`, { action: spec.name });
        },
        async (signal) => {
          const reader = await env.holder.acquire();
          if ((await reader.slotStatus()) === 'absent') throw new NoCardError('no card in the reader');
          await reader.powerOn();
          transport = new CountingTransport(reader);
          try {
            return await body({ reader, transport, signal });
          } finally {
            await reader.powerOff().catch(() => undefined);
          }
        },
      ),
    );
    return { ok: true, value, apdus: apdus() };
  } catch (error) {
    const problem = problemOf(error);
    if (DROPS_READER.has(problem.code)) await env.holder.drop();
    return { ok: false, problem, apdus: apdus() };
  }
}
