/**
 * The site log (issue 10 §5): the last requests sites made, so the first session on a
 * real site shows exactly what it asked. Shapes only — never a PIN, a digest, a nonce,
 * a certificate or personal data. Kept in storage.session (trusted contexts only).
 */
export const SITE_LOG_STORAGE_KEY = 'siteLog';
export const SITE_LOG_MAX = 50;

export interface SiteLogEntry {
  /** ISO instant. */
  readonly at: string;
  readonly origin: string;
  readonly protocol: 'web-eid' | 'portal' | 'portal-jpki';
  /** The Web eID action or the portal mode, as the page sent it (cut to 40 characters). */
  readonly request: string;
  /** The field names the request carried, in its order. */
  readonly fields: readonly string[];
  /** Sizes in bytes of what was to be signed, in order. */
  readonly sizes: readonly number[];
  /** 'ok', a stable error code, or 'not-served' for requests recorded but not answered. */
  readonly outcome: string;
}

export function isSiteLog(value: unknown): value is SiteLogEntry[] {
  return Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null && typeof (e as SiteLogEntry).origin === 'string' && typeof (e as SiteLogEntry).request === 'string');
}
