/**
 * One PIN IEF's retry counter (jpki-protocol §3.3, §4). It lives with the card, not the
 * session: tries used stay used across power cycles, and only a correct PIN refills them.
 */
import { bytesEqual } from '../../bytes';

export type VerifyOutcome = 'verified' | 'wrong' | 'locked';

export class PinCounter {
  private tries: number;

  constructor(
    private secret: Uint8Array,
    readonly max: number,
    remaining: number = max,
  ) {
    this.tries = remaining;
  }

  get remaining(): number {
    return this.tries;
  }

  get locked(): boolean {
    return this.tries === 0;
  }

  /** The card compares bytes as sent, no case folding (MC, jpki-protocol §4). */
  verify(candidate: Uint8Array): VerifyOutcome {
    if (this.locked) return 'locked';
    if (bytesEqual(candidate, this.secret)) {
      this.tries = this.max;
      return 'verified';
    }
    this.tries -= 1;
    return 'wrong';
  }

  /** Test control: start from a given number of tries (0 = locked). */
  setRemaining(remaining: number): void {
    this.tries = remaining;
  }

  change(secret: Uint8Array): void {
    this.secret = secret.slice();
  }
}
