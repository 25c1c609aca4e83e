/**
 * What the PIN and consent window draws and what it may say back (issue 9 §2). The
 * window is an extension page; it talks to the background over one runtime port named
 * `prompt:<id>`, so closing it is noticed at once (the port disconnects). The view is
 * plain JSON: the background decides, the window only draws and collects.
 */
import type { LocalText, PinSnapshot } from './status-model';

export const PROMPT_PORT_PREFIX = 'prompt:';

/** What a site asks for, in the words the window uses. */
export type PromptAsk = 'login' | 'signing-certificate' | 'sign' | 'card-info';

export interface HolderDetails {
  readonly name: string;
  readonly address: string;
  /** YYYY-MM-DD, or as the certificate has it when it is not a date. */
  readonly birthDate: string;
  readonly sex: 'male' | 'female' | 'unknown';
}

export type PromptStage =
  /** Reading the card before anything is asked (counters, certificate). */
  | 'reading'
  /** The PIN field. */
  | 'pin'
  /** The PIN is with the card. */
  | 'checking'
  /** The signing certificate's personal data (or, with no holder, a signature), awaiting agreement. */
  | 'consent'
  /** The signing certificate has left; the flow waits for the site's signature request (no second password). */
  | 'waiting'
  /** The request cannot go on (locked PIN, expired certificate, no reader, ...): nothing is asked. */
  | 'refused'
  | 'done';

export interface PromptView {
  readonly id: string;
  /** As the browser reported the requesting frame: scheme://host[:port]. */
  readonly origin: string;
  readonly ask: PromptAsk;
  /** The site's own words for a signature, if it gave any (shown as the site's, in quotes). */
  readonly description?: string;
  /** First bytes of the hash to sign, grouped hex, so a careful holder can compare. */
  readonly fingerprint?: string;
  readonly stage: PromptStage;
  readonly pin?: { readonly kind: 'auth' | 'sign' | 'assist'; readonly tries: PinSnapshot };
  /** How many items a signature request signs with one password (the portal's mode 02). */
  readonly count?: number;
  /** A wrong PIN just now, or why the request cannot go on. */
  readonly problem?: { readonly code: string; readonly message: LocalText; readonly action?: LocalText };
  readonly holder?: HolderDetails;
  /** ISO instant when the request times out (the countdown). */
  readonly deadline: string;
  /** True in the virtual build (the window says it is a test card). */
  readonly virtual: boolean;
}

export type PromptCommand =
  | { readonly type: 'submit'; readonly pin: string; readonly lastTryConfirmed: boolean }
  | { readonly type: 'consent'; readonly agree: boolean }
  | { readonly type: 'cancel' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The window's message, parsed; null for anything else. A PIN longer than any PIN is refused here. */
export function parsePromptCommand(raw: unknown): PromptCommand | null {
  if (!isRecord(raw)) return null;
  switch (raw.type) {
    case 'submit':
      if (typeof raw.pin !== 'string' || raw.pin.length > 64 || typeof raw.lastTryConfirmed !== 'boolean') return null;
      return { type: 'submit', pin: raw.pin, lastTryConfirmed: raw.lastTryConfirmed };
    case 'consent':
      return typeof raw.agree === 'boolean' ? { type: 'consent', agree: raw.agree } : null;
    case 'cancel':
      return { type: 'cancel' };
    default:
      return null;
  }
}

export function isPromptView(value: unknown): value is PromptView {
  return isRecord(value) && typeof value.id === 'string' && typeof value.origin === 'string' && typeof value.stage === 'string' && typeof value.deadline === 'string';
}
