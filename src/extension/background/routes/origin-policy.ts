/**
 * Which page may ask for the card (DESIGN security rules): the requesting origin is the
 * browser's record of the sender's frame, never a value the page sends; it must be HTTPS
 * (a site's login token binds its origin, and a non-secure page could be anyone) and one
 * the holder allowed. The virtual build also lets local test servers in
 * (http://localhost and http://127.0.0.1, any port), so sites can test in their CI.
 */
import type { SenderRecord } from './senders';

export type OriginVerdict = { readonly ok: true; readonly origin: string } | { readonly ok: false; readonly reason: 'insecure' | 'not-allowed' | 'no-origin' };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

export function senderOrigin(sender: SenderRecord & { readonly origin?: string }): string | undefined {
  const raw = sender.origin ?? sender.url;
  if (typeof raw !== 'string') return undefined;
  try {
    const origin = new URL(raw).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

export function isLocalTestOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

export function judgeOrigin(origin: string | undefined, allowed: readonly string[], virtual: boolean): OriginVerdict {
  if (origin === undefined) return { ok: false, reason: 'no-origin' };
  if (virtual && isLocalTestOrigin(origin)) return { ok: true, origin };
  if (!origin.startsWith('https://')) return { ok: false, reason: 'insecure' };
  return allowed.includes(origin) ? { ok: true, origin } : { ok: false, reason: 'not-allowed' };
}
