/**
 * The messages between the extension's own views (popup, setup page) and the background
 * (STYLE §7 for the internal contract): names from one const map, a discriminated union
 * per direction, and one parser that every incoming message goes through before anything
 * switches on it, and one parser for what comes back. Views draw from the StatusSnapshot
 * in storage.session; these messages only ask the background to do something, so a
 * stopped service worker costs the user nothing but a fresh read.
 */
import type { ReaderSnapshot } from './status-model';
import { isCalendarDate } from '../rules/index';

/** A calendar date as the rules core writes it, and a real one (no 2025-02-30); checked by the rules core. */
export { isCalendarDate };

export const MESSAGE = Object.freeze({
  /** Read the status again (popup opened, or the user pressed "check again"). */
  refresh: 'status/refresh',
  /** The holder entered (or cleared, with null) the expiry printed on the card. */
  setPrintedExpiry: 'card/set-printed-expiry',
  /** The setup page paired a reader with requestDevice: rescan and try it. */
  readersChanged: 'readers/changed',
  /** The paired readers and whether each one works. */
  listReaders: 'readers/list',
  /** Forget a paired reader (USBDevice.forget). */
  forgetReader: 'readers/forget',
} as const);

export type MessageType = (typeof MESSAGE)[keyof typeof MESSAGE];

export type Request =
  | { readonly type: typeof MESSAGE.refresh; readonly force: boolean }
  | { readonly type: typeof MESSAGE.setPrintedExpiry; readonly date: string | null }
  | { readonly type: typeof MESSAGE.readersChanged }
  | { readonly type: typeof MESSAGE.listReaders }
  | { readonly type: typeof MESSAGE.forgetReader; readonly key: string };

/** Result of trying one paired reader, for the setup page's verdict. */
export type ReaderVerdict = 'ready' | 'protected-class' | 'os-busy' | 'no-permission' | 'unsupported' | 'error';

export interface PairedReader {
  /** Stable within one browser session; pass it back to forget the reader. */
  readonly key: string;
  readonly identity: ReaderSnapshot;
  readonly verdict: ReaderVerdict;
  /** Error code from i18n/errors.ts when verdict is not 'ready'. */
  readonly problemCode?: string;
}

/** What a view is told. The snapshot itself reaches views through storage only (status-model.ts). */
export type Reply =
  | { readonly ok: true; readonly readers: readonly PairedReader[] }
  | { readonly ok: true }
  | Refusal;

/** A stable code (i18n/errors.ts, or 'bad-message' / 'no-answer'), never a message text. */
export interface Refusal {
  readonly ok: false;
  readonly code: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses an incoming message; null for anything that is not exactly one of ours. */
export function parseRequest(raw: unknown): Request | null {
  if (!isRecord(raw) || typeof raw.type !== 'string') return null;
  switch (raw.type) {
    case MESSAGE.refresh:
      if (raw.force !== undefined && typeof raw.force !== 'boolean') return null;
      return { type: MESSAGE.refresh, force: raw.force === true };
    case MESSAGE.setPrintedExpiry:
      if (raw.date !== null && !isCalendarDate(raw.date)) return null;
      return { type: MESSAGE.setPrintedExpiry, date: raw.date };
    case MESSAGE.readersChanged:
      return { type: MESSAGE.readersChanged };
    case MESSAGE.listReaders:
      return { type: MESSAGE.listReaders };
    case MESSAGE.forgetReader:
      if (typeof raw.key !== 'string' || raw.key.length === 0 || raw.key.length > 200) return null;
      return { type: MESSAGE.forgetReader, key: raw.key };
    default:
      return null;
  }
}

const VERDICTS: ReadonlySet<string> = new Set<ReaderVerdict>(['ready', 'protected-class', 'os-busy', 'no-permission', 'unsupported', 'error']);
const SOURCES: ReadonlySet<string> = new Set(['webusb-ccid', 'webusb-port100', 'native', 'virtual']);
const CODE = /^[a-z][a-z0-9-]{0,63}$/;

function isPairedReader(value: unknown): value is PairedReader {
  if (!isRecord(value) || typeof value.key !== 'string' || typeof value.verdict !== 'string' || !VERDICTS.has(value.verdict)) return false;
  if (value.problemCode !== undefined && (typeof value.problemCode !== 'string' || !CODE.test(value.problemCode))) return false;
  const id = value.identity;
  return (
    isRecord(id) &&
    typeof id.name === 'string' &&
    typeof id.source === 'string' &&
    SOURCES.has(id.source) &&
    (id.vendorId === undefined || typeof id.vendorId === 'number') &&
    (id.productId === undefined || typeof id.productId === 'number')
  );
}

/**
 * Parses the background's answer to `request`; a refusal with code 'bad-reply' for
 * anything else (an older worker mid-update, or nothing at all).
 */
export function parseReply(request: Request, raw: unknown): Reply {
  if (!isRecord(raw) || typeof raw.ok !== 'boolean') return { ok: false, code: 'bad-reply' };
  if (!raw.ok) return { ok: false, code: typeof raw.code === 'string' && CODE.test(raw.code) ? raw.code : 'bad-reply' };
  if (request.type !== MESSAGE.listReaders) return { ok: true };
  return Array.isArray(raw.readers) && raw.readers.every(isPairedReader) ? { ok: true, readers: raw.readers } : { ok: false, code: 'bad-reply' };
}
