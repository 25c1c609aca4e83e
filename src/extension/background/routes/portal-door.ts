/**
 * The government portal's page protocol on the background's side (issue 10 §1): the
 * content script's `launchApp` detail is parsed here (facts portal-protocol.md, strictly,
 * never echoing a digest back), the origin judged from the browser's record, and modes
 * 01, 02 and 04 mapped onto the protocol-neutral actions; mode 05 and a page going away
 * end that tab's request. Every request is recorded in the site log by its shape only.
 */
import { CONFIG } from '../../../config';
import { fromHex } from '../../../bytes';
import { combinationCode } from '../../../card/index';
import { base64, parsePortalDetail, portalFailure, type PortalRequest } from '../../../page/portal-protocol';
import { PORTAL_MESSAGE } from '../../pages';
import type { Settings } from '../../settings';
import { login, readCardInfo, signDigests, type SiteContext } from '../actions/index';
import type { SiteLog } from '../diagnostics/index';
import { codeOf } from '../problems/index';
import { isLocalTestOrigin, senderOrigin } from './origin-policy';
import { senderKind, type SenderRecord } from './senders';

/** The portal's own hosts (facts §1.3, §7): every *.myna.go.jp and *.nta.go.jp page. */
export const PORTAL_HOST_SUFFIXES: readonly string[] = Object.freeze(['myna.go.jp', 'nta.go.jp']);

export function isPortalOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'https:' && PORTAL_HOST_SUFFIXES.some((h) => url.hostname === h || url.hostname.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

export interface PortalDeps {
  readonly site: SiteContext;
  readonly settings: Settings;
  readonly log: SiteLog;
  readonly virtual: boolean;
  /** The pages where the holder let the official extension handle the portal (it stood down). */
  readonly onStandDown: (origin: string) => void;
}

type PageSender = SenderRecord & { readonly origin?: string; readonly tab?: { readonly id?: number }; readonly frameId?: number };

interface PortalMessage {
  readonly detail?: unknown;
  /** A `launchJPKIApp` detail: recorded by its shape, not served. */
  readonly jpki?: unknown;
  readonly unload?: boolean;
  readonly standDown?: boolean;
}

export class PortalDoor {
  private readonly pending = new Set<string>();

  constructor(private readonly deps: PortalDeps) {}

  listener(extensionId: string): (raw: unknown, sender: PageSender) => Promise<Record<string, unknown>> | undefined {
    return (raw, sender) => {
      if (senderKind(sender, extensionId) !== 'content') return undefined;
      if (typeof raw !== 'object' || raw === null || (raw as { type?: unknown }).type !== PORTAL_MESSAGE) return undefined;
      return this.answer(raw as PortalMessage, sender);
    };
  }

  private async allowed(origin: string): Promise<boolean> {
    if (this.deps.virtual && isLocalTestOrigin(origin)) return true;
    return isPortalOrigin(origin) || (origin.startsWith('https://') && (await this.deps.settings.allowedOrigins()).includes(origin));
  }

  async answer(message: PortalMessage, sender: PageSender): Promise<Record<string, unknown>> {
    const origin = senderOrigin(sender);
    const owner = `portal:${sender.tab?.id ?? 'no-tab'}:${sender.frameId ?? 0}`;
    if (message.unload === true) {
      this.deps.site.prompts.cancelOwner(owner);
      return {};
    }
    if (message.jpki !== undefined) {
      const shape = parsePortalDetail(message.jpki).shape;
      void this.deps.log.record({ origin: origin ?? '(none)', protocol: 'portal-jpki', request: shape.mode || '(none)', fields: shape.fields, sizes: shape.digestSizes, outcome: 'not-served' }).catch(() => undefined);
      return {};
    }
    if (message.standDown === true) {
      if (origin !== undefined) this.deps.onStandDown(origin);
      return {};
    }
    const parsed = parsePortalDetail(message.detail);
    const record = (outcome: string): void =>
      void this.deps.log.record({ origin: origin ?? '(none)', protocol: 'portal', request: parsed.shape.mode || '(none)', fields: parsed.shape.fields, sizes: parsed.shape.digestSizes, outcome }).catch(() => undefined);
    if (origin === undefined || !(await this.allowed(origin))) {
      record('not-allowed');
      return portalFailure(parsed.ok ? parsed.request.mode : parsed.mode);
    }
    if (!parsed.ok) {
      record(`bad-request: ${parsed.reason}`);
      return portalFailure(parsed.mode);
    }
    const { request } = parsed;
    if (request.mode === '05') {
      this.deps.site.prompts.cancelOwner(owner);
      record('ok');
      // UNCONFIRMED what the official app answers to 05 (its host just exits): one reply, success.
      return { mode: '05', result: '0' };
    }
    if (this.pending.has(owner)) {
      record('pending');
      return portalFailure(request.mode);
    }
    this.pending.add(owner);
    try {
      const reply = await this.run(request, origin, owner);
      record(reply.result === '0' ? 'ok' : String(reply.errcode ?? 'failed'));
      return reply;
    } catch (error) {
      record(codeOf(error));
      return portalFailure(request.mode);
    } finally {
      this.pending.delete(owner);
    }
  }

  private async identity(manufactureNumber: string): Promise<{ uuid: string; combination_code: string }> {
    const uuid = await this.deps.settings.installId();
    return { uuid, combination_code: await combinationCode(manufactureNumber, fromHex(uuid), crypto.subtle) };
  }

  private async run(request: Exclude<PortalRequest, { mode: '05' }>, origin: string, owner: string): Promise<Record<string, unknown>> {
    const { site } = this.deps;
    const timeoutMs = CONFIG.extension.userTimeoutMs;
    switch (request.mode) {
      case '01': {
        const outcome = await login(site, { origin, toSign: { raw: request.digest }, manufactureNumber: true, timeoutMs, owner });
        if (!outcome.ok || outcome.value.manufactureNumber === undefined) throw outcome.ok ? new TypeError('no manufacture number') : outcome.error;
        const { uuid, combination_code } = await this.identity(outcome.value.manufactureNumber);
        // Key order as the facts' replies show it (§3.2).
        return { mode: '01', result: '0', uuid, signature: base64(outcome.value.signature, true), certificate: base64(outcome.value.certificate, false), combination_code };
      }
      case '02': {
        const outcome = await signDigests(site, { origin, digests: request.digests, timeoutMs, owner });
        if (!outcome.ok) throw outcome.error;
        const { uuid, combination_code } = await this.identity(outcome.value.manufactureNumber);
        return { mode: '02', result: '0', uuid, signature: outcome.value.signatures.map((s) => base64(s, true)), certificate: base64(outcome.value.certificate, false), combination_code };
      }
      case '04': {
        const outcome = await readCardInfo(site, { origin, timeoutMs, owner });
        if (!outcome.ok) throw outcome.error;
        const { uuid, combination_code } = await this.identity(outcome.value.manufactureNumber);
        const { name, sex, address, birthday } = outcome.value.hex;
        return { mode: '04', result: '0', uuid, name, sex, address, birthday, combination_code };
      }
    }
  }
}
