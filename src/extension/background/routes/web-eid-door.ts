/**
 * The Web eID page protocol on the background's side (issue 9 §3): what the content
 * script forwards is parsed again here (the content script is in a web page's process
 * and is trusted no more than the page), the origin judged from the browser's record,
 * one pending request per tab and action, and the protocol-neutral actions do the rest.
 * Failures reach the page as Web eID error codes with a stable detail for card
 * conditions — never the remaining tries, a stack or our own message text.
 */
import { CONFIG } from '../../../config';
import { WEB_EID, WEB_EID_ERROR, WEB_EID_VERSION, TOKEN_FORMAT, failure, parsePageRequest, success, type CardDetail, type PageError, type PageRequest, type WebEidAction } from '../../../page/protocol';
import { PAGE_MESSAGE } from '../../pages';
import type { Settings } from '../../settings';
import { getSigningCertificate, login, sign, type SiteContext } from '../actions/index';
import type { SiteLog } from '../diagnostics/index';
import { codeOf } from '../problems/index';
import { judgeOrigin, senderOrigin } from './origin-policy';
import { senderKind, type SenderRecord } from './senders';


export interface WebEidDeps {
  readonly site: SiteContext;
  readonly log?: SiteLog;
  readonly settings: Settings;
  readonly virtual: boolean;
  readonly version: string;
}

type PageSender = SenderRecord & { readonly origin?: string; readonly tab?: { readonly id?: number }; readonly frameId?: number };

const DETAIL: Readonly<Record<string, CardDetail>> = {
  'pin-locked': 'pin-locked',
  'certificate-expired': 'certificate-expired',
  'certificate-not-yet-valid': 'certificate-not-yet-valid',
  'no-signing-certificate': 'no-signing-certificate',
  'no-reader': 'no-reader',
  'reader-disconnected': 'no-reader',
  'card-absent': 'no-card',
  'card-removed': 'no-card',
  'reader-protected-interface': 'reader-blocked',
  'reader-busy': 'reader-busy',
  'card-changed': 'card-changed',
};

/** One page-facing sentence per outcome; the window has already told the holder in their language. */
function pageError(error: unknown): PageError {
  const code = codeOf(error);
  if (code === 'user-cancelled') return { code: WEB_EID_ERROR.userCancelled, message: 'the user cancelled' };
  if (code === 'user-timeout') return { code: WEB_EID_ERROR.userTimeout, message: 'the user did not answer in time' };
  if (code === 'certificate-mismatch') return { code: WEB_EID_ERROR.nativeInvalidArgument, message: 'the certificate is not this card’s signing certificate' };
  if (code === 'session-busy') return { code: WEB_EID_ERROR.actionPending, message: 'the card is busy with another request' };
  const detail = DETAIL[code] ?? 'card-error';
  return { code: WEB_EID_ERROR.nativeFatal, message: `the card could not do it: ${detail}`, detail };
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
}

/** What the card signs for a Web eID login: SHA-256(SHA-256(origin) ‖ SHA-256(nonce)) (anchors §1.4). */
export async function loginDigest(origin: string, nonce: string): Promise<Uint8Array> {
  const text = new TextEncoder();
  const [o, n] = await Promise.all([sha256(text.encode(origin)), sha256(text.encode(nonce))]);
  const joined = new Uint8Array(64);
  joined.set(o, 0);
  joined.set(n, 32);
  return sha256(joined);
}

export class WebEidDoor {
  private readonly pending = new Set<string>();

  constructor(private readonly deps: WebEidDeps) {}

  /** The site context, shared with the other page protocol (one prompt desk, one reader). */
  get site(): SiteContext {
    return this.deps.site;
  }

  /** The runtime.onMessage listener's part for page messages: a promise of the page reply, or undefined (not ours to answer). */
  listener(extensionId: string): (raw: unknown, sender: PageSender) => Promise<Record<string, unknown>> | undefined {
    return (raw, sender) => {
      if (senderKind(sender, extensionId) !== 'content') return undefined;
      if (typeof raw !== 'object' || raw === null || (raw as { type?: unknown }).type !== PAGE_MESSAGE) return undefined;
      return this.answer((raw as { request?: unknown }).request, sender);
    };
  }

  async answer(data: unknown, sender: PageSender): Promise<Record<string, unknown>> {
    const reply = await this.reply(data, sender);
    const record = data as { action?: unknown; hash?: unknown };
    const outcome = typeof reply.action === 'string' && reply.action.endsWith('-success') ? 'ok' : String((reply.error as { code?: unknown } | undefined)?.code ?? 'failed');
    void this.deps.log
      ?.record({
        origin: senderOrigin(sender) ?? '(none)',
        protocol: 'web-eid',
        request: typeof record.action === 'string' ? record.action.slice(0, 40) : '(none)',
        fields: typeof data === 'object' && data !== null ? Object.keys(data).slice(0, 32).map((k) => k.slice(0, 40)) : [],
        sizes: typeof record.hash === 'string' ? [Math.floor((record.hash.length * 3) / 4)] : [],
        outcome,
      })
      .catch(() => undefined);
    return reply;
  }

  private async reply(data: unknown, sender: PageSender): Promise<Record<string, unknown>> {
    const parsed = parsePageRequest(data);
    if (parsed === undefined) return failure(WEB_EID.status, { code: WEB_EID_ERROR.unknown, message: 'not a Web eID request' });
    if (!parsed.ok) return failure(parsed.action, parsed.error);
    const { request } = parsed;
    const verdict = judgeOrigin(senderOrigin(sender), await this.deps.settings.allowedOrigins(), this.deps.virtual);
    if (!verdict.ok) {
      return failure(request.action, verdict.reason === 'insecure'
        ? { code: WEB_EID_ERROR.contextInsecure, message: 'only HTTPS pages may use the card' }
        : { code: WEB_EID_ERROR.unknown, message: 'this site is not allowed to use the card' });
    }
    if (request.action === WEB_EID.status) {
      const library = typeof (data as { libraryVersion?: unknown }).libraryVersion === 'string' ? (data as { libraryVersion: string }).libraryVersion.slice(0, 32) : undefined;
      return success({ action: WEB_EID.status, ...(library === undefined ? {} : { library }), extension: WEB_EID_VERSION, nativeApp: WEB_EID_VERSION });
    }
    const key = `${sender.tab?.id ?? 'no-tab'}:${sender.frameId ?? 0}:${request.action}`;
    if (this.pending.has(key)) return failure(request.action, { code: WEB_EID_ERROR.actionPending, message: 'a request of this kind is already pending in this tab' });
    this.pending.add(key);
    try {
      return await this.run(request, verdict.origin, `webeid:${sender.tab?.id ?? 'no-tab'}:${sender.frameId ?? 0}`);
    } catch (error) {
      return failure(request.action, pageError(error));
    } finally {
      this.pending.delete(key);
    }
  }

  private async run(request: Exclude<PageRequest, { action: typeof WEB_EID.status }>, origin: string, owner: string): Promise<Record<string, unknown>> {
    const { site } = this.deps;
    const timeoutMs = request.options.userInteractionTimeout ?? CONFIG.extension.userTimeoutMs;
    const action: WebEidAction = request.action;
    switch (request.action) {
      case WEB_EID.authenticate: {
        const outcome = await login(site, { origin, toSign: { digest: await loginDigest(origin, request.challengeNonce) }, timeoutMs, owner });
        if (!outcome.ok) return failure(action, pageError(outcome.error));
        return success({
          action: WEB_EID.authenticate,
          unverifiedCertificate: toBase64(outcome.value.certificate),
          algorithm: 'RS256',
          signature: toBase64(outcome.value.signature),
          format: TOKEN_FORMAT,
          appVersion: `urn:mynumber-card-bridge:${this.deps.version}`,
        });
      }
      case WEB_EID.getSigningCertificate: {
        const outcome = await getSigningCertificate(site, { origin, timeoutMs, owner });
        if (!outcome.ok) return failure(action, pageError(outcome.error));
        return success({
          action: WEB_EID.getSigningCertificate,
          certificate: toBase64(outcome.value.certificate),
          supportedSignatureAlgorithms: (['SHA-256', 'SHA-384', 'SHA-512'] as const).map((hashFunction) => ({ cryptoAlgorithm: 'RSA', hashFunction, paddingScheme: 'PKCS1.5' }) as const),
        });
      }
      case WEB_EID.sign: {
        const outcome = await sign(site, { origin, certificate: fromBase64(request.certificate), hashFunction: request.hashFunction, hash: fromBase64(request.hash), timeoutMs, owner });
        if (!outcome.ok) return failure(action, pageError(outcome.error));
        return success({
          action: WEB_EID.sign,
          signature: toBase64(outcome.value.signature),
          signatureAlgorithm: { cryptoAlgorithm: 'RSA', hashFunction: request.hashFunction, paddingScheme: 'PKCS1.5' },
        });
      }
    }
  }
}
