/**
 * One Web eID signing flow (issue 9 §2): the signing certificate, then a signature from
 * the same tab for the same site within two minutes, with the password asked once. The
 * card session that verified the password stays open — the card powered and verified,
 * the reader held — until the signature is made, the holder cancels, the window closes,
 * or the two minutes pass; then the session ends with its power-off like any other
 * (session/card-session.ts), so the verified password never outlives the flow.
 */
import type { HashName, JpkiCard } from '../../../card/index';
import { BridgeError } from '../../../error';
import { UserCancelledError, type PromptHandle } from '../prompt/index';
import { fingerprint } from './site-card';

/** How long a flow waits for the signature request after the certificate left, ms (the two minutes). */
export const SIGNING_FLOW_MS = 120_000;

/** The flow ended before a signature was asked of it (time passed, or the holder cancelled). */
export class SigningFlowEndedError extends BridgeError {
  readonly code = 'signing-flow-ended' as const;
  override readonly name = 'SigningFlowEndedError' as const;
}

export class SigningFlow {
  private ended = false;
  private resolveEnd: () => void = () => undefined;
  private readonly endedPromise = new Promise<void>((resolve) => (this.resolveEnd = resolve));
  private busy = false;

  constructor(
    readonly origin: string,
    /** The signing certificate's serial: a signature for another certificate is not this flow's. */
    readonly certificateSerial: string,
    /** The card of the session kept open for the flow. */
    private readonly card: JpkiCard,
    readonly handle: PromptHandle,
  ) {
    // Closing the window, cancel in it, or its timeout end the flow too.
    void handle.done.then(() => this.end());
  }

  /** Resolves when the flow has ended, at the latest after `ms`; the session then powers the card off. */
  async served(ms: number): Promise<void> {
    const timer = setTimeout(() => this.end(), ms);
    try {
      await this.endedPromise;
    } finally {
      clearTimeout(timer);
    }
  }

  get isOpen(): boolean {
    return !this.ended && !this.busy;
  }

  /** The signature the site asks for next: shown for confirmation (no password), made by the verified card. */
  async sign(hashFunction: HashName, hash: Uint8Array, description?: string): Promise<Uint8Array> {
    if (!this.isOpen) throw new SigningFlowEndedError('the signing flow has ended');
    this.busy = true;
    try {
      this.handle.show({ ask: 'sign', stage: 'consent', fingerprint: fingerprint(hash), ...(description === undefined ? {} : { description }), holder: undefined });
      if (!(await this.handle.consent())) throw new UserCancelledError('the holder did not agree to sign');
      this.handle.show({ stage: 'checking' });
      const signature = await this.card.sign('sign', hashFunction, hash, { bySfi: true });
      this.handle.show({ stage: 'done' });
      return signature;
    } finally {
      this.end();
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.handle.finish();
    this.resolveEnd();
  }
}
