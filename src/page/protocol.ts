/**
 * The Web eID page protocol (facts anchors §1.3–§1.6): what a page posts with
 * `window.postMessage` and what it gets back. Names, shapes and validators live here
 * once, for the content script, the background and our page library alike; this file
 * imports nothing, so a site can vendor it.
 *
 * A request is `{ action: 'web-eid:<verb>', ... }`; the reply is first
 * `{ action: '<action>-ack' }` (within a second, or the page library reports the
 * extension unavailable), then `<action>-success` with the result's fields spread in, or
 * `<action>-failure` with `error: { code, message }`.
 */

export const WEB_EID = Object.freeze({
  status: 'web-eid:status',
  authenticate: 'web-eid:authenticate',
  getSigningCertificate: 'web-eid:get-signing-certificate',
  sign: 'web-eid:sign',
} as const);

export type WebEidAction = (typeof WEB_EID)[keyof typeof WEB_EID];

export const ACTIONS: readonly WebEidAction[] = Object.freeze(Object.values(WEB_EID));

/**
 * Versions we answer `status` with. The official library (web-eid.js 2.x) demands an
 * update when the extension's or native app's major version is older than its own, so
 * both speak as Web eID 2; there is no native app, the extension does its part.
 */
export const WEB_EID_VERSION = '2.1.0';
export const TOKEN_FORMAT = 'web-eid:1.0';

/** Web eID's error codes (web-eid.js ErrorCode), the ones a page can receive from us. */
export const WEB_EID_ERROR = Object.freeze({
  userCancelled: 'ERR_WEBEID_USER_CANCELLED',
  userTimeout: 'ERR_WEBEID_USER_TIMEOUT',
  actionPending: 'ERR_WEBEID_ACTION_PENDING',
  missingParameter: 'ERR_WEBEID_MISSING_PARAMETER',
  contextInsecure: 'ERR_WEBEID_CONTEXT_INSECURE',
  nativeInvalidArgument: 'ERR_WEBEID_NATIVE_INVALID_ARGUMENT',
  nativeFatal: 'ERR_WEBEID_NATIVE_FATAL',
  unknown: 'ERR_WEBEID_UNKNOWN_ERROR',
  extensionUnavailable: 'ERR_WEBEID_EXTENSION_UNAVAILABLE',
  actionTimeout: 'ERR_WEBEID_ACTION_TIMEOUT',
} as const);

export type WebEidErrorCode = (typeof WEB_EID_ERROR)[keyof typeof WEB_EID_ERROR];

/**
 * What went wrong with the card, for ERR_WEBEID_NATIVE_FATAL: a stable detail a site may
 * show or log. Never the remaining tries (they are the holder's, shown in our window).
 */
export type CardDetail =
  | 'pin-locked'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'no-signing-certificate'
  | 'no-reader'
  | 'no-card'
  | 'reader-blocked'
  | 'reader-busy'
  | 'card-changed'
  | 'card-error';

export type HashFunction = 'SHA-256' | 'SHA-384' | 'SHA-512';
export const HASH_LENGTH: Readonly<Record<HashFunction, number>> = Object.freeze({ 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 });

export interface ActionOptions {
  /** ms, 1 s … 10 min; default two minutes. */
  readonly userInteractionTimeout?: number;
  readonly lang?: string;
}

export type PageRequest =
  | { readonly action: typeof WEB_EID.status }
  | { readonly action: typeof WEB_EID.authenticate; readonly challengeNonce: string; readonly options: ActionOptions }
  | { readonly action: typeof WEB_EID.getSigningCertificate; readonly options: ActionOptions }
  | { readonly action: typeof WEB_EID.sign; readonly certificate: string; readonly hash: string; readonly hashFunction: HashFunction; readonly options: ActionOptions };

export interface AuthToken {
  readonly unverifiedCertificate: string;
  readonly algorithm: 'RS256';
  readonly signature: string;
  readonly format: typeof TOKEN_FORMAT;
  readonly appVersion: string;
}

export interface SignatureAlgorithm {
  readonly cryptoAlgorithm: 'RSA';
  readonly hashFunction: HashFunction;
  readonly paddingScheme: 'PKCS1.5';
}

export type PageResult =
  | { readonly action: typeof WEB_EID.status; readonly library?: string; readonly extension: string; readonly nativeApp: string }
  | ({ readonly action: typeof WEB_EID.authenticate } & AuthToken)
  | { readonly action: typeof WEB_EID.getSigningCertificate; readonly certificate: string; readonly supportedSignatureAlgorithms: readonly SignatureAlgorithm[] }
  | { readonly action: typeof WEB_EID.sign; readonly signature: string; readonly signatureAlgorithm: SignatureAlgorithm };

export interface PageError {
  readonly code: WebEidErrorCode;
  readonly message: string;
  /** For ERR_WEBEID_NATIVE_FATAL: what the card or reader said. */
  readonly detail?: CardDetail;
}

export const NONCE_MIN = 44;
export const NONCE_MAX = 128;
/** A base64 DER certificate of the card: a JPKI certificate is under 2 KB. */
const CERTIFICATE_MAX_CHARS = 8192;
const USER_TIMEOUT_MIN = 1_000;
const USER_TIMEOUT_MAX = 600_000;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export type ParsedRequest = { readonly ok: true; readonly request: PageRequest } | { readonly ok: false; readonly action: WebEidAction; readonly error: PageError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isWebEidAction(value: unknown): value is WebEidAction {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/** The request's base action, when `data` is any web-eid message (an ack or reply included). */
export function baseAction(data: unknown): WebEidAction | undefined {
  if (!isRecord(data) || typeof data.action !== 'string') return undefined;
  const base = data.action.replace(/-(ack|success|failure)$/, '');
  return isWebEidAction(base) ? base : undefined;
}

export function isBase64(value: string): boolean {
  return value.length % 4 === 0 && BASE64.test(value);
}

/** The number of bytes a valid base64 string decodes to. */
export function base64Length(value: string): number {
  return (value.length / 4) * 3 - (value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0);
}

const missing = (action: WebEidAction, what: string): ParsedRequest => ({ ok: false, action, error: { code: WEB_EID_ERROR.missingParameter, message: `${action} needs ${what}` } });
const invalid = (action: WebEidAction, what: string): ParsedRequest => ({ ok: false, action, error: { code: WEB_EID_ERROR.nativeInvalidArgument, message: `${action}: ${what}` } });

function parseOptions(raw: unknown): ActionOptions | string {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) return 'options must be an object';
  const out: { userInteractionTimeout?: number; lang?: string } = {};
  const timeout = raw.userInteractionTimeout;
  if (timeout !== undefined) {
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < USER_TIMEOUT_MIN || timeout > USER_TIMEOUT_MAX) {
      return `userInteractionTimeout must be whole milliseconds between ${USER_TIMEOUT_MIN} and ${USER_TIMEOUT_MAX}`;
    }
    out.userInteractionTimeout = timeout;
  }
  const lang = raw.lang;
  if (lang !== undefined) {
    if (typeof lang !== 'string' || !/^[a-z]{2}$/i.test(lang)) return 'lang must be a two-letter language code';
    out.lang = lang.toLowerCase();
  }
  return out;
}

/**
 * Parses what a page posted into one of the four requests, or says why not with the
 * code Web eID uses: a missing field is ERR_WEBEID_MISSING_PARAMETER, a field of the
 * wrong shape ERR_WEBEID_NATIVE_INVALID_ARGUMENT. `undefined`: not a request at all
 * (an ack, a reply, or another page's traffic), to be ignored.
 */
export function parsePageRequest(data: unknown): ParsedRequest | undefined {
  if (!isRecord(data) || !isWebEidAction(data.action)) return undefined;
  const action = data.action;
  const options = parseOptions(data.options);
  if (typeof options === 'string') return invalid(action, options);
  switch (action) {
    case WEB_EID.status:
      return { ok: true, request: { action } };
    case WEB_EID.authenticate: {
      const nonce = data.challengeNonce;
      if (nonce === undefined || nonce === '') return missing(action, 'a challengeNonce');
      if (typeof nonce !== 'string' || nonce.length < NONCE_MIN || nonce.length > NONCE_MAX || !/^[\x21-\x7e]+$/.test(nonce)) {
        return invalid(action, `the challengeNonce must be ${NONCE_MIN}–${NONCE_MAX} printable ASCII characters`);
      }
      return { ok: true, request: { action, challengeNonce: nonce, options } };
    }
    case WEB_EID.getSigningCertificate:
      return { ok: true, request: { action, options } };
    case WEB_EID.sign: {
      const { certificate, hash, hashFunction } = data;
      if (certificate === undefined || certificate === '') return missing(action, 'a certificate');
      if (hash === undefined || hash === '') return missing(action, 'a hash');
      if (hashFunction === undefined || hashFunction === '') return missing(action, 'a hashFunction');
      if (typeof certificate !== 'string' || certificate.length > CERTIFICATE_MAX_CHARS || !isBase64(certificate)) return invalid(action, 'the certificate must be base64 DER');
      if (typeof hashFunction !== 'string' || !Object.hasOwn(HASH_LENGTH, hashFunction)) return invalid(action, `the hashFunction must be one of ${Object.keys(HASH_LENGTH).join(', ')}`);
      const fn = hashFunction as HashFunction;
      if (typeof hash !== 'string' || hash.length > 128 || !isBase64(hash) || base64Length(hash) !== HASH_LENGTH[fn]) return invalid(action, `the hash must be ${HASH_LENGTH[fn]} bytes of base64 for ${fn}`);
      return { ok: true, request: { action, certificate, hash, hashFunction: fn, options } };
    }
  }
}

/** The messages the extension posts back to the page. */
export const ack = (action: WebEidAction): { readonly action: string } => ({ action: `${action}-ack` });
export function success(result: PageResult): Record<string, unknown> {
  return { ...result, action: `${result.action}-success` };
}
export function failure(action: WebEidAction, error: PageError): Record<string, unknown> {
  return { action: `${action}-failure`, error: { ...error } };
}
