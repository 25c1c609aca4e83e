/**
 * Keeps the published StatusSnapshot true: reads the card when asked or when the reader
 * or card changes, serves a reopened popup from memory when nothing changed (no APDU),
 * and turns the result into findings with the rules core. Concurrent refreshes share one
 * read; a forced refresh (the user's "check again") always reaches the card.
 */
import { assess, toJstDate, type CardFacts } from '../../../rules/index';
import type { StatusSnapshot, StatusStep } from '../../status-model';
import { STATUS_ACTION, readCardStatus, runAction, type ActionSpec, type CardStatus, type KnownCards } from '../actions/index';
import { forPopup, problemOf } from '../problems/index';
import type { ReaderHolder } from '../session/index';
import type { SnapshotDraft, SnapshotStore } from './snapshot-store';

export interface StatusServiceDeps {
  readonly holder: ReaderHolder;
  readonly store: SnapshotStore;
  readonly cache: KnownCards;
  /** The printed card expiry the holder entered, if any (storage.local). */
  readonly printedExpiry: () => Promise<string | undefined>;
  readonly clock?: () => Date;
  /** The status action's deadlines; tests shorten them. */
  readonly spec?: ActionSpec;
}

interface LastRead {
  readonly epoch: number;
  readonly status: CardStatus;
  readonly checkedAt: string;
}

export class StatusService {
  private last: LastRead | undefined;
  private inFlight: Promise<StatusSnapshot> | undefined;
  private readonly clock: () => Date;

  constructor(private readonly deps: StatusServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  refresh(force = false): Promise<StatusSnapshot> {
    if (this.inFlight !== undefined && !force) return this.inFlight;
    const run: Promise<StatusSnapshot> = (this.inFlight ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.read(force))
      .finally(() => {
        if (this.inFlight === run) this.inFlight = undefined;
      });
    this.inFlight = run;
    return run;
  }

  /** The reader or card changed under us: forget the in-memory read. */
  invalidate(): void {
    this.last = undefined;
  }

  /** Re-evaluates the last read (a new printed expiry, a new day) without touching the card. */
  async reassess(): Promise<StatusSnapshot | undefined> {
    if (this.last === undefined || this.last.epoch !== this.deps.holder.epoch) return undefined;
    return this.publishReady(this.last, 'memory', 0);
  }

  private async read(force: boolean): Promise<StatusSnapshot> {
    const { holder } = this.deps;
    if (!force && this.last !== undefined && this.last.epoch === holder.epoch && holder.identity !== undefined) {
      return this.publishReady(this.last, 'memory', 0);
    }
    const progress = (step: StatusStep): void => {
      // A progress step that cannot be stored is not worth failing the read for.
      this.deps.store.publish({ phase: 'reading', step, findings: [], ...this.readerPart() }).catch(() => undefined);
    };
    progress('reader');
    const outcome = await runAction(holder, this.deps.spec ?? STATUS_ACTION, (run) =>
      run.session((session) => readCardStatus(session, { cache: this.deps.cache, progress })),
    );
    if (!outcome.ok) {
      this.last = undefined;
      const { problem } = outcome;
      return this.deps.store.publish({
        phase: problem.phase,
        findings: [],
        problem: forPopup(problem),
        ...this.readerPart(problem.phase === 'reader-blocked' || problem.phase === 'reader-busy'),
        apduCount: outcome.apdus,
      });
    }
    this.last = { epoch: holder.epoch, status: outcome.value, checkedAt: this.clock().toISOString() };
    return this.publishReady(this.last, outcome.value.cache, outcome.apdus);
  }

  private async publishReady(last: LastRead, cache: 'cold' | 'warm' | 'memory', apdus: number): Promise<StatusSnapshot> {
    const { card } = last.status;
    const printed = await this.deps.printedExpiry();
    const facts: CardFacts = {
      ...(printed === undefined ? {} : { card: { expiry: printed } }),
      authCert: card.authCert === null ? null : { notBefore: new Date(card.authCert.notBefore), notAfter: new Date(card.authCert.notAfter) },
      ...(card.signCertPresent === false ? { signCert: null } : {}),
      pins: {
        ...(card.pins.auth ? { auth: card.pins.auth.remaining } : {}),
        ...(card.pins.sign ? { sign: card.pins.sign.remaining } : {}),
      },
    };
    let findings: SnapshotDraft['findings'] = [];
    try {
      findings = assess(facts, toJstDate(this.clock()));
    } catch (error) {
      return this.deps.store.publish({ phase: 'error', findings: [], problem: forPopup(problemOf(error)), ...this.readerPart() });
    }
    return this.deps.store.publish({
      phase: 'ready',
      card,
      findings,
      checkedAt: last.checkedAt,
      cache,
      apduCount: apdus,
      ...this.readerPart(),
    });
  }

  private readerPart(includeTried = false): Pick<SnapshotDraft, 'reader'> {
    const reader = this.deps.holder.identity ?? (includeTried ? this.deps.holder.lastTried : undefined);
    return reader === undefined ? {} : { reader };
  }
}
