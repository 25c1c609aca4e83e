/**
 * What the background tells every view about the reader and the card. It is plain
 * JSON (dates as strings) because it is kept in chrome.storage.session and drawn by the
 * popup even while the service worker is stopped.
 */
import type { ReaderIdentity } from '../reader/types';
import type { Finding } from '../rules/index';

/** storage.session key of the current StatusSnapshot (views subscribe to it). */
export const STATUS_STORAGE_KEY = 'status';

export type LocalText = { readonly ja: string; readonly en: string };

export type StatusPhase =
  | 'no-reader' // nothing paired / plugged
  | 'reader-blocked' // Chrome refuses the reader's interface (protected class)
  | 'reader-busy' // the operating system holds the reader
  | 'no-card'
  | 'reading'
  | 'ready'
  | 'error';

/** The step in progress while phase is 'reading', so the popup never looks frozen. */
export type StatusStep = 'reader' | 'card' | 'certificate' | 'pins';

export interface PinSnapshot {
  readonly remaining: number;
  readonly max: number;
  readonly locked: boolean;
}

export interface CertificateSnapshot {
  readonly serial: string;
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601 instants. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** notAfter as a calendar date in JST (YYYY-MM-DD). */
  readonly notAfterDate: string;
  readonly notBeforeDate: string;
}

/** What the views may say about a reader: the seam's identity, unchanged. */
export type ReaderSnapshot = ReaderIdentity;

export interface StatusSnapshot {
  /** True in the virtual build: the popup shows 仮想リーダー / VIRTUAL READER. */
  readonly virtual: boolean;
  readonly phase: StatusPhase;
  readonly step?: StatusStep;
  readonly reader?: ReaderSnapshot;
  readonly card?: {
    readonly tokenLabel: string;
    readonly kind: 'card' | 'smartphone' | 'other';
    readonly authCert: CertificateSnapshot | null;
    /** undefined: not known without the signing password. */
    readonly signCertPresent?: boolean;
    readonly pins: { readonly auth?: PinSnapshot; readonly sign?: PinSnapshot };
  };
  /** The rules core's findings for what is known, most severe first. */
  readonly findings: readonly Finding[];
  /** Why the phase is what it is, when that needs words (blocked, busy, error). */
  readonly problem?: { readonly code: string; readonly message: LocalText; readonly action?: LocalText };
  /** ISO instant of the last change. */
  readonly updatedAt: string;
  /** ISO instant the card was last read (absent until a read completed). */
  readonly checkedAt?: string;
  /**
   * How the last read was served: 'cold' read everything, 'warm' recognised the card by
   * its authentication certificate's serial and skipped the certificate, 'memory' used no
   * APDU (same card, not removed since). With the APDU count, for the figures in docs.
   */
  readonly cache?: 'cold' | 'warm' | 'memory';
  readonly apduCount?: number;
}

/** Storage can hold a snapshot from an older version; views draw only what has the shape they read. */
export function isStatusSnapshot(value: unknown): value is StatusSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.phase === 'string' && Array.isArray(v.findings) && typeof v.updatedAt === 'string';
}
