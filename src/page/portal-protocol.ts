/**
 * The government portal's page protocol (facts portal-protocol.md), as the official
 * マイナポータル extension answers it: hidden inputs that say an extension and an app
 * are installed, a `launchApp` CustomEvent whose `detail` is a JSON string, and exactly
 * one `recvMsg` CustomEvent in reply, its `detail` a JSON string too. Shapes, field
 * names and key order follow the facts to the byte; this file imports nothing.
 *
 * UNCONFIRMED points the code tolerates (facts §10): how pages compare the marker values
 * (we write the values the port used and that worked: 24, and 29 / 40 on a Mac); whether
 * a digest is a bare hash or a DigestInfo (we sign the bytes verbatim either way);
 * whether mode 02 may carry one string or an array (both accepted, the reply is always an
 * array); fields beyond mode/service_id/digest (ignored, and named on the diagnostics page).
 */

export const PORTAL = Object.freeze({
  request: 'launchApp',
  reply: 'recvMsg',
  extensionInput: 'extension-is-installed',
  appInput: 'app-is-installed',
  /** The official extension's major version the port copied (facts §1.2): 24. */
  extensionMarker: '24',
  appMarker: '29',
  appMarkerMac: '40',
  /** The official failure code, used for every failure (facts §3.3). */
  failureCode: 'EW044-C300',
} as const);

export type PortalMode = '01' | '02' | '04' | '05';

export type PortalRequest =
  | { readonly mode: '01'; readonly digest: Uint8Array }
  | { readonly mode: '02'; readonly digests: readonly Uint8Array[] }
  | { readonly mode: '04' }
  | { readonly mode: '05' };

/** What the diagnostics page may show of a request: never a digest, a PIN or personal data. */
export interface PortalShape {
  readonly mode: string;
  readonly fields: readonly string[];
  /** Decoded digest sizes, in order. */
  readonly digestSizes: readonly number[];
}

export type ParsedPortal =
  | { readonly ok: true; readonly request: PortalRequest; readonly shape: PortalShape }
  | { readonly ok: false; readonly mode: string | undefined; readonly reason: string; readonly shape: PortalShape };

/** The card signs 1..245 bytes with PKCS#1 v1.5 type 1 padding (jpki-protocol §3.5). */
export const DIGEST_MAX = 245;
/** A signature request with more digests than any page plausibly sends is refused, not queued. */
export const DIGESTS_MAX = 32;
/** A request is a few hundred bytes; a page's detail beyond this is refused unread. */
export const DETAIL_MAX_CHARS = 65_536;

const BASE64_PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64_UNPADDED = /^[A-Za-z0-9+/]*$/;

/** Standard base64, padded or not (the port decodes padded; pages may send either). */
export function decodeDigest(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 400) return undefined;
  const padded = BASE64_PADDED.test(text) ? text : BASE64_UNPADDED.test(text) && text.length % 4 !== 1 ? text + '='.repeat((4 - (text.length % 4)) % 4) : undefined;
  if (padded === undefined) return undefined;
  try {
    const raw = atob(padded);
    const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    return bytes.length >= 1 && bytes.length <= DIGEST_MAX ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a `launchApp` detail. Never throws; a refusal keeps the mode when one could be read, for the failure reply. */
export function parsePortalDetail(detail: unknown): ParsedPortal {
  const empty: PortalShape = { mode: '', fields: [], digestSizes: [] };
  if (typeof detail !== 'string' || detail.length > DETAIL_MAX_CHARS) return { ok: false, mode: undefined, reason: 'detail is not a JSON string of a sane size', shape: empty };
  let raw: unknown;
  try {
    raw = JSON.parse(detail);
  } catch {
    return { ok: false, mode: undefined, reason: 'detail is not JSON', shape: empty };
  }
  if (!isRecord(raw)) return { ok: false, mode: undefined, reason: 'detail is not an object', shape: empty };
  const mode = typeof raw.mode === 'string' ? raw.mode.slice(0, 8) : undefined;
  const fields = Object.keys(raw).slice(0, 32).map((k) => k.slice(0, 40));
  const digestTexts = Array.isArray(raw.digest) ? raw.digest : raw.digest === undefined ? [] : [raw.digest];
  const digests = digestTexts.slice(0, DIGESTS_MAX + 1).map(decodeDigest);
  const shape: PortalShape = { mode: mode ?? '', fields, digestSizes: digests.map((d) => d?.length ?? 0) };
  const refuse = (reason: string): ParsedPortal => ({ ok: false, mode, reason, shape });
  if (mode === '05') return { ok: true, request: { mode: '05' }, shape };
  if (mode !== '01' && mode !== '02' && mode !== '04') return refuse(`unknown mode ${mode ?? '(none)'}`);
  if (raw.service_id !== '01') return refuse('service_id is not "01"');
  if (mode === '04') return { ok: true, request: { mode }, shape };
  if (digests.length === 0) return refuse('digest is required');
  if (digests.some((d) => d === undefined)) return refuse(`a digest is not base64 of 1..${DIGEST_MAX} bytes`);
  const decoded = digests as Uint8Array[];
  if (mode === '01') {
    if (Array.isArray(raw.digest) || decoded.length !== 1) return refuse('mode 01 takes one digest string');
    return { ok: true, request: { mode, digest: decoded[0]! }, shape };
  }
  if (decoded.length > DIGESTS_MAX) return refuse(`more than ${DIGESTS_MAX} digests`);
  return { ok: true, request: { mode, digests: decoded }, shape };
}

/** The official failure shape, keys in its order; the mode echoed when the request had one. */
export function portalFailure(mode: string | undefined): Record<string, string> {
  return mode === undefined ? { result: '1', errcode: PORTAL.failureCode } : { mode, result: '1', errcode: PORTAL.failureCode };
}

/** Standard base64 with padding (signatures) or without it (certificates), as the facts' replies use. */
export function base64(bytes: Uint8Array, padded: boolean): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  const out = btoa(text);
  return padded ? out : out.replace(/=+$/, '');
}

export function lowerHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
