/**
 * The skeleton every user action runs in (issue 8 §4): an action may hold one card
 * session or several with a person in between — login reads the PIN counters and the
 * certificate serial in session 1, lets the PIN window wait with no reader held, and
 * checks the serial again in session 2 before it verifies. Each session powers the card
 * off at its end (session/card-session.ts). The APDUs of all sessions are counted once,
 * here, and whatever fails is mapped once, to a Problem; what a page may see of it is
 * the page presenter's business (problems/page.ts).
 */
import { problemOf, type Problem } from '../problems/index';
import { ApduTally, runCardSession, type CardSession, type ReaderHolder } from '../session/index';

export interface ActionSpec {
  /** For errors and logs: 'status', 'login', 'sign'. */
  readonly name: string;
  /** Each card session, from acquiring the reader to powering down, ms. */
  readonly sessionDeadlineMs: number;
  /** How long a session may wait for the reader's current user, ms. */
  readonly waitMs: number;
  /** After a session's deadline, how long its APDU on the wire may settle, ms (default from config). */
  readonly settleMs?: number;
}

export interface ActionRun {
  /** Runs one card session of this action. May be called again after a wait for a person. */
  session<T>(body: (session: CardSession) => Promise<T>): Promise<T>;
  /** APDUs so far, across sessions (a budget after the PIN is measured from a mark). */
  apdus(): number;
}

export type ActionOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly apdus: number }
  | { readonly ok: false; readonly problem: Problem; readonly error: unknown; readonly apdus: number };

export async function runAction<T>(holder: ReaderHolder, spec: ActionSpec, body: (run: ActionRun) => Promise<T>): Promise<ActionOutcome<T>> {
  const tally = new ApduTally();
  const run: ActionRun = {
    session: (sessionBody) =>
      runCardSession(
        holder,
        { name: spec.name, deadlineMs: spec.sessionDeadlineMs, waitMs: spec.waitMs, ...(spec.settleMs === undefined ? {} : { settleMs: spec.settleMs }) },
        tally,
        sessionBody,
      ),
    apdus: () => tally.commands,
  };
  try {
    return { ok: true, value: await body(run), apdus: tally.commands };
  } catch (error) {
    return { ok: false, problem: problemOf(error), error, apdus: tally.commands };
  }
}
