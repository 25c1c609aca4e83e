/**
 * The companion's message contract (issue 12, "wire contract"), written once: request
 * and reply shapes, the stable error codes, and the validators both ends run before
 * they switch on anything (STYLE §7, §13). A request is `{id, type, ...}`; its reply
 * carries the same id and either its result fields or `error: {code, message}`; an
 * event has `type: "event"` and no id. Bytes travel as compact hex.
 */

/** Bumped only when a change would break a client; the extension refuses any other. */
export const COMPANION_PROTOCOL = 1;
/** The native-messaging host name the extension asks Chrome for (host manifest `name`). */
export const COMPANION_HOST_NAME = 'jp.mynumber_card_bridge.companion';

export const REQUEST_TYPES = ['hello', 'list', 'watch', 'connect', 'transmit', 'begin', 'end', 'disconnect'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const DISPOSITIONS = ['leave', 'reset', 'unpower'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** A reader as PC/SC sees it: card there, no card, or the reader itself went away. */
export type ReaderPresence = 'present' | 'empty' | 'gone';

export type Request =
  | { readonly id: number; readonly type: 'hello' }
  | { readonly id: number; readonly type: 'list' }
  | { readonly id: number; readonly type: 'watch' }
  | { readonly id: number; readonly type: 'connect'; readonly reader: string }
  | { readonly id: number; readonly type: 'transmit'; readonly handle: number; readonly apdu: string }
  | { readonly id: number; readonly type: 'begin'; readonly handle: number }
  | { readonly id: number; readonly type: 'end'; readonly handle: number }
  | { readonly id: number; readonly type: 'disconnect'; readonly handle: number; readonly disposition: Disposition };

/**
 * Every failure the host reports, by cause. PC/SC's own codes become the first group
 * (the host's adapter maps them once); the rest are the host's own.
 */
export const HOST_ERROR_CODES = [
  'no-service', // SCARD_E_NO_SERVICE / SERVICE_STOPPED: pcscd, WinSCard or CryptoTokenKit not running
  'no-readers', // SCARD_E_NO_READERS_AVAILABLE
  'unknown-reader', // SCARD_E_UNKNOWN_READER: no reader of that name (unplugged since list)
  'reader-unavailable', // SCARD_E_READER_UNAVAILABLE
  'no-card', // SCARD_E_NO_SMARTCARD
  'card-removed', // SCARD_W_REMOVED_CARD
  'card-reset', // SCARD_W_RESET_CARD: another program reset the card under our handle
  'card-unresponsive', // SCARD_W_UNRESPONSIVE_CARD / UNPOWERED_CARD: no ATR
  'sharing-violation', // SCARD_E_SHARING_VIOLATION: another program holds the card exclusively
  'timeout', // SCARD_E_TIMEOUT
  'cancelled', // SCARD_E_CANCELLED
  'unknown-handle', // a handle this host never gave out, or already disconnected
  'not-supported', // the host's PC/SC binding lacks the call
  'pcsc-error', // any other PC/SC failure; message says which
  'bad-request', // malformed frame or JSON, unknown type, missing or mistyped field
  'too-large', // a frame over MAX_FRAME_BYTES either way
] as const;
export type HostErrorCode = (typeof HOST_ERROR_CODES)[number];

export interface WireError {
  readonly code: HostErrorCode;
  readonly message: string;
}

export interface HelloResult {
  readonly version: string;
  readonly protocol: number;
}
export interface ListResult {
  /** `state` is ours beyond the contract's `{name}`: it spares a second round trip for slotStatus. */
  readonly readers: readonly { readonly name: string; readonly state?: 'present' | 'empty' }[];
}
export interface ConnectResult {
  readonly handle: number;
  readonly atr: string;
  readonly protocol: 'T=0' | 'T=1' | 'raw';
}
export interface TransmitResult {
  readonly response: string;
}
export interface ResultOf {
  hello: HelloResult;
  list: ListResult;
  watch: Record<string, never>;
  connect: ConnectResult;
  transmit: TransmitResult;
  begin: Record<string, never>;
  end: Record<string, never>;
  disconnect: Record<string, never>;
}

export interface ReaderEvent {
  readonly type: 'event';
  readonly reader: string;
  readonly state: ReaderPresence;
}

/** What the host writes: a reply to `id` (result fields or error), or an event. */
export type HostMessage =
  | { readonly kind: 'reply'; readonly id: number | null; readonly error: WireError }
  | { readonly kind: 'reply'; readonly id: number; readonly error?: undefined; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly kind: 'event'; readonly event: ReaderEvent };

/** Why a request was refused: the id when one could be read (null otherwise), and the reason. */
export interface BadRequest {
  readonly id: number | null;
  readonly message: string;
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isHandle = isId;

/** Parses a request, or says why not. Extra fields are ignored, so a newer client can speak to an older host. */
export function parseRequest(value: unknown): Request | BadRequest {
  if (!isObj(value)) return { id: null, message: 'a request is a JSON object' };
  const id = isId(value.id) ? value.id : null;
  if (id === null) return { id: null, message: 'id must be a non-negative integer' };
  const type = value.type;
  const bad = (message: string): BadRequest => ({ id, message });
  switch (type) {
    case 'hello':
    case 'list':
    case 'watch':
      return { id, type };
    case 'connect':
      return typeof value.reader === 'string' && value.reader !== '' ? { id, type, reader: value.reader } : bad('connect needs reader (a non-empty string)');
    case 'transmit': {
      if (!isHandle(value.handle)) return bad('transmit needs handle (an integer)');
      const apdu = value.apdu;
      // Four bytes is the shortest APDU (ISO 7816-4 case 1: CLA INS P1 P2).
      if (typeof apdu !== 'string' || !HEX.test(apdu) || apdu.length < 8) return bad('transmit needs apdu (hex, at least 4 bytes)');
      return { id, type, handle: value.handle, apdu };
    }
    case 'begin':
    case 'end':
      return isHandle(value.handle) ? { id, type, handle: value.handle } : bad(`${type} needs handle (an integer)`);
    case 'disconnect': {
      if (!isHandle(value.handle)) return bad('disconnect needs handle (an integer)');
      const d = value.disposition;
      if (typeof d !== 'string' || !(DISPOSITIONS as readonly string[]).includes(d)) return bad(`disconnect needs disposition (${DISPOSITIONS.join(' | ')})`);
      return { id, type, handle: value.handle, disposition: d as Disposition };
    }
    default:
      return bad(typeof type === 'string' ? `unknown request type "${type.slice(0, 40)}"` : 'type must be a string');
  }
}

export function isBadRequest(r: Request | BadRequest): r is BadRequest {
  return !('type' in r);
}

/** Parses what the host wrote; undefined for anything that is not a reply or an event (the client treats it as a broken host). */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isObj(value)) return undefined;
  if (value.type === 'event') {
    const { reader, state } = value;
    if (typeof reader !== 'string' || (state !== 'present' && state !== 'empty' && state !== 'gone')) return undefined;
    return { kind: 'event', event: { type: 'event', reader, state } };
  }
  const id = value.id === null ? null : isId(value.id) ? value.id : undefined;
  if (id === undefined) return undefined;
  if (value.error !== undefined) {
    const e = value.error;
    if (!isObj(e) || typeof e.message !== 'string' || typeof e.code !== 'string') return undefined;
    // An unknown code from a newer host still fails the request, as the generic PC/SC failure.
    const code = (HOST_ERROR_CODES as readonly string[]).includes(e.code) ? (e.code as HostErrorCode) : 'pcsc-error';
    return { kind: 'reply', id, error: { code, message: e.message } };
  }
  if (id === null) return undefined;
  return { kind: 'reply', id, fields: value };
}

/** Checks a reply's fields for the request type it answers; undefined when they do not fit. */
export function resultOf<T extends RequestType>(type: T, fields: Obj): ResultOf[T] | undefined {
  const ok = ((): boolean => {
    switch (type) {
      case 'hello':
        return typeof fields.version === 'string' && typeof fields.protocol === 'number';
      case 'list':
        return Array.isArray(fields.readers) && fields.readers.every((r) => isObj(r) && typeof r.name === 'string');
      case 'connect':
        return isHandle(fields.handle) && typeof fields.atr === 'string' && HEX.test(fields.atr) && typeof fields.protocol === 'string';
      case 'transmit':
        // SW1 SW2 at least (ApduTransport: data followed by SW1 SW2).
        return typeof fields.response === 'string' && HEX.test(fields.response) && fields.response.length >= 4;
      default:
        return true;
    }
  })();
  return ok ? (fields as unknown as ResultOf[T]) : undefined;
}

/** Bytes as the wire writes them (compact lower-case hex) and back; readers of the wire validate first (parseRequest, resultOf). */
export { lowerHex as toWireHex, fromHex as fromWireHex } from '../../bytes';
