/**
 * Our small page library (issue 9 §3): the four Web eID calls, typed, over the page
 * protocol of ./protocol.ts. It behaves as the official web-eid.js does where a site can
 * tell (the one-second ack, one pending call per action, the insecure-context refusal,
 * the error codes), so a site may use either. Built as one ES module
 * (`npm run build:page` → dist-page/mynumber-web-eid.js).
 */
import { BridgeError } from '../error';
import {
  WEB_EID,
  WEB_EID_ERROR,
  WEB_EID_VERSION,
  baseAction,
  type ActionOptions,
  type AuthToken,
  type CardDetail,
  type HashFunction,
  type SignatureAlgorithm,
  type WebEidAction,
  type WebEidErrorCode,
} from './protocol';

export { WEB_EID_ERROR, type AuthToken, type CardDetail, type HashFunction, type SignatureAlgorithm, type WebEidErrorCode };

/** A failed call, with Web eID's code and, for a card condition, its stable detail. */
export class WebEidError extends BridgeError {
  readonly code: WebEidErrorCode;
  override readonly name = 'WebEidError' as const;
  readonly detail: CardDetail | undefined;
  constructor(code: WebEidErrorCode, message: string, detail?: CardDetail) {
    super(message, { webEidCode: code, ...(detail === undefined ? {} : { detail }) });
    this.code = code;
    this.detail = detail;
  }
}

/** The timings of web-eid.js (anchors §1.7). */
const ACK_MS = 1_000;
const HANDSHAKE_MS = 5_000;
const DEFAULT_USER_MS = 120_000;

interface Pending {
  readonly resolve: (message: Record<string, unknown>) => void;
  readonly reject: (error: WebEidError) => void;
  ackTimer: ReturnType<typeof setTimeout> | undefined;
  readonly replyTimer: ReturnType<typeof setTimeout>;
}

const pending = new Map<WebEidAction, Pending>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.source !== window) return;
    const action = baseAction(event.data);
    if (action === undefined) return;
    const p = pending.get(action);
    const data = event.data as Record<string, unknown>;
    if (p === undefined || typeof data.action !== 'string') return;
    if (data.action.endsWith('-ack')) {
      clearTimeout(p.ackTimer);
      p.ackTimer = undefined;
      return;
    }
    if (data.action.endsWith('-success')) return settle(action, () => p.resolve(data));
    if (data.action.endsWith('-failure')) {
      const e = (typeof data.error === 'object' && data.error !== null ? data.error : {}) as Record<string, unknown>;
      const code = typeof e.code === 'string' && (Object.values(WEB_EID_ERROR) as string[]).includes(e.code) ? (e.code as WebEidErrorCode) : WEB_EID_ERROR.unknown;
      const detail = typeof e.detail === 'string' ? (e.detail as CardDetail) : undefined;
      settle(action, () => p.reject(new WebEidError(code, typeof e.message === 'string' ? e.message : code, detail)));
    }
  });
}

function settle(action: WebEidAction, done: () => void): void {
  const p = pending.get(action);
  if (p === undefined) return;
  clearTimeout(p.ackTimer);
  clearTimeout(p.replyTimer);
  pending.delete(action);
  done();
}

function send(action: WebEidAction, fields: Record<string, unknown>, replyMs: number): Promise<Record<string, unknown>> {
  if (pending.has(action)) return Promise.reject(new WebEidError(WEB_EID_ERROR.actionPending, `${action} is already pending`));
  if (!window.isSecureContext) return Promise.reject(new WebEidError(WEB_EID_ERROR.contextInsecure, 'the page is not a secure context'));
  listen();
  return new Promise((resolve, reject) => {
    pending.set(action, {
      resolve,
      reject,
      // No ack within a second: no content script of ours on this page (extension missing, or the site not allowed).
      ackTimer: setTimeout(() => settle(action, () => reject(new WebEidError(WEB_EID_ERROR.extensionUnavailable, 'the extension did not answer'))), ACK_MS),
      replyTimer: setTimeout(() => settle(action, () => reject(new WebEidError(WEB_EID_ERROR.actionTimeout, `${action} got no reply in time`))), replyMs),
    });
    window.postMessage({ action, libraryVersion: WEB_EID_VERSION, ...fields }, location.origin);
  });
}

const userMs = (options?: ActionOptions): number => options?.userInteractionTimeout ?? DEFAULT_USER_MS;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export async function status(): Promise<{ library: string; extension: string; nativeApp: string }> {
  const r = await send(WEB_EID.status, {}, ACK_MS + HANDSHAKE_MS);
  return { library: WEB_EID_VERSION, extension: text(r.extension), nativeApp: text(r.nativeApp) };
}

export async function authenticate(challengeNonce: string, options?: ActionOptions): Promise<AuthToken> {
  if (!challengeNonce) throw new WebEidError(WEB_EID_ERROR.missingParameter, 'authenticate needs a challengeNonce');
  const r = await send(WEB_EID.authenticate, { challengeNonce, ...(options ? { options } : {}) }, ACK_MS + HANDSHAKE_MS + userMs(options));
  return { unverifiedCertificate: text(r.unverifiedCertificate), algorithm: 'RS256', signature: text(r.signature), format: 'web-eid:1.0', appVersion: text(r.appVersion) };
}

export async function getSigningCertificate(options?: ActionOptions): Promise<{ certificate: string; supportedSignatureAlgorithms: SignatureAlgorithm[] }> {
  const r = await send(WEB_EID.getSigningCertificate, options ? { options } : {}, ACK_MS + HANDSHAKE_MS + 2 * userMs(options));
  return { certificate: text(r.certificate), supportedSignatureAlgorithms: Array.isArray(r.supportedSignatureAlgorithms) ? (r.supportedSignatureAlgorithms as SignatureAlgorithm[]) : [] };
}

export async function sign(certificate: string, hash: string, hashFunction: HashFunction, options?: ActionOptions): Promise<{ signature: string; signatureAlgorithm: SignatureAlgorithm }> {
  if (!certificate) throw new WebEidError(WEB_EID_ERROR.missingParameter, 'sign needs a certificate');
  if (!hash) throw new WebEidError(WEB_EID_ERROR.missingParameter, 'sign needs a hash');
  if (!hashFunction) throw new WebEidError(WEB_EID_ERROR.missingParameter, 'sign needs a hashFunction');
  const r = await send(WEB_EID.sign, { certificate, hash, hashFunction, ...(options ? { options } : {}) }, ACK_MS + HANDSHAKE_MS + 2 * userMs(options));
  return { signature: text(r.signature), signatureAlgorithm: r.signatureAlgorithm as SignatureAlgorithm };
}
