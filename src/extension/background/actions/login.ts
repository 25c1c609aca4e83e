/**
 * Log in (issue 9 §1): the authentication certificate and a signature by its key over a
 * SHA-256 digest the protocol adapter made (Web eID: SHA-256(SHA-256(origin) ‖
 * SHA-256(nonce))). Protocol-neutral: the requesting origin comes from the browser's
 * record of the sender, and only reaches the window here.
 *
 * Session 1 (no PIN): the card's serial, the PIN's tries, the certificate and its
 * validity. The window then waits with no reader held. Session 2, for each PIN typed:
 * the same card (serial), VERIFY once, sign — 4 APDUs on a card that takes the SFI forms.
 */
import { CONFIG } from '../../../config';
import type { PromptDesk } from '../prompt/index';
import type { ReaderHolder } from '../session/index';
import { runAction, type ActionOutcome, type ActionSpec } from './action';
import type { SigningFlow } from './signing-flow';
import { refuse, withPin } from './pin-entry';
import { checkValidity, readBefore, readManufactureNumber, sameCard, type CardBefore } from './site-card';

export const LOGIN_ACTION: ActionSpec = Object.freeze({
  name: 'login',
  sessionDeadlineMs: CONFIG.extension.siteSessionDeadlineMs,
  waitMs: CONFIG.extension.sessionWaitMs,
});

export interface SiteContext {
  readonly holder: ReaderHolder;
  readonly prompts: PromptDesk;
  readonly clock: () => Date;
  /** Signing certificate serial by authentication serial, once a signing certificate was read (saves an APDU in sign). */
  readonly signSerials: Map<string, string>;
  /** Open signing flows by the tab that asked (signing-flow.ts). */
  readonly flows: Map<string, SigningFlow>;
}

/** What the card signs: a SHA-256 digest it wraps as DigestInfo (Web eID), or bytes exactly as given (the portal, 1–245 bytes). */
export type ToSign = { readonly digest: Uint8Array } | { readonly raw: Uint8Array };

export interface LoginRequest {
  readonly origin: string;
  readonly toSign: ToSign;
  readonly timeoutMs: number;
  /** Also read the card's manufacture number (共通カードAP, no PIN) in session 1: the portal's combination_code needs it. */
  readonly manufactureNumber?: boolean;
  /** The tab that asked, so its page going away ends the request. */
  readonly owner?: string;
}

export interface LoginResult {
  readonly certificate: Uint8Array;
  readonly signature: Uint8Array;
  /** APDUs from the PIN being sent to the signature (the budget: ≤ 4). */
  readonly apdusAfterPin: number;
  readonly manufactureNumber?: string;
}

export async function login(ctx: SiteContext, request: LoginRequest): Promise<ActionOutcome<LoginResult>> {
  const prompt = await ctx.prompts.open({ origin: request.origin, ask: 'login', timeoutMs: request.timeoutMs, ...(request.owner === undefined ? {} : { owner: request.owner }) });
  try {
    return await runAction(ctx.holder, LOGIN_ACTION, async (run) => {
      let before: CardBefore;
      let certificate: Uint8Array;
      let manufactureNumber: string | undefined;
      try {
        ({ before, certificate, manufactureNumber } = await run.session(async (s) => {
          const read = await readBefore(s, 'auth');
          const der = await read.card.readCertificate('auth');
          return { before: read, certificate: der, manufactureNumber: request.manufactureNumber === true ? await readManufactureNumber(read) : undefined };
        }));
        checkValidity(certificate, ctx.clock());
      } catch (error) {
        return refuse(prompt, error);
      }
      const signed = await withPin(prompt, 'auth', before.tries, async (pin) => {
        const mark = run.apdus();
        const signature = await run.session(async (s) => {
          const card = await sameCard(s, before);
          await card.verifyPin('auth', pin, { bySfi: before.pinBySfi });
          return 'digest' in request.toSign ? card.sign('auth', 'SHA-256', request.toSign.digest, { bySfi: true }) : card.signRaw('auth', request.toSign.raw, { bySfi: true });
        });
        return { signature, apdusAfterPin: run.apdus() - mark };
      });
      prompt.show({ stage: 'done' });
      return { certificate, ...signed, ...(manufactureNumber === undefined ? {} : { manufactureNumber }) };
    });
  } finally {
    prompt.finish();
  }
}
