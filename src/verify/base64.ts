/**
 * Strict base64 (RFC 4648 §4, padded), as Web eID writes the token's fields. atob alone
 * would accept whitespace and missing padding, so two spellings of one value would both
 * pass; the pattern admits only the canonical shape before atob decodes it.
 */
import { TokenMalformedError } from './errors';

const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeBase64(text: string, field: string): Uint8Array<ArrayBuffer> {
  if (text.length === 0 || !CANONICAL.test(text)) throw new TokenMalformedError(`${field} is not padded base64`, { field });
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
